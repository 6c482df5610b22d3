import { describe, expect, it } from 'vitest';
import { SchemaError } from '../../src/errors.js';
import type { SchemaDocument } from '../../src/schema/types.js';
import { checkSchemaAgainstRaw, parseSchema, validateSchema } from '../../src/schema/validate.js';
import { rawTable } from './helpers.js';

const VALID: SchemaDocument = {
  synthgateSchema: 1,
  na: ['', '?'],
  columns: [
    {
      name: 'age',
      sdtype: 'numerical',
      representation: 'integer',
      min: 17,
      max: 90,
      decimals: 0,
      role: 'quasi-identifier',
    },
    {
      name: 'score',
      sdtype: 'numerical',
      representation: 'float',
      min: 0,
      max: 9.5,
      decimals: 2,
      fixedDecimals: true,
    },
    { name: 'job', sdtype: 'categorical', categories: ['a', 'b'], nullToken: '?' },
    { name: 'ok', sdtype: 'boolean', trueToken: 'yes', falseToken: 'no' },
    { name: 'start', sdtype: 'datetime', format: 'YYYY-MM-DD', min: '2000-01-01', max: '2020-12-31' },
    { name: 'end', sdtype: 'datetime', format: 'YYYY-MM-DD' },
    { name: 'id', sdtype: 'id', pattern: 'integer', role: 'key' },
    { name: 'email', sdtype: 'pii', pii: 'email', role: 'direct-identifier' },
    { name: 'note', sdtype: 'text' },
  ],
  constraints: [
    { type: 'inequality', low: 'start', high: 'end', strict: false },
    { type: 'fixed-combinations', columns: ['job', 'ok'] },
  ],
};

/** A schema document being edited by a test, before validation. */
type Doc = {
  [key: string]: unknown;
  columns: Array<Record<string, unknown>>;
  constraints: Array<Record<string, unknown>>;
};

/** A deep copy of VALID with `edit` applied. */
function variant(edit: (doc: Doc) => void): unknown {
  const doc = structuredClone(VALID) as unknown as Doc;
  edit(doc);
  return doc;
}

/** The SchemaError parseSchema throws for `doc`. */
function errorOf(doc: unknown): SchemaError {
  try {
    parseSchema(doc, 'schema.json');
  } catch (e) {
    if (e instanceof SchemaError) return e;
    throw e;
  }
  throw new Error('expected a SchemaError');
}

describe('parseSchema', () => {
  it('returns a valid document unchanged', () => {
    expect(parseSchema(structuredClone(VALID))).toEqual(VALID);
  });

  it('reports the version: missing, unsupported', () => {
    const missing = errorOf({ columns: [] });
    expect(missing.code).toBe('E_SCHEMA_VERSION');
    expect(missing.message).toMatch(/not a synthgate schema/);
    const v2 = errorOf(variant((d) => (d.synthgateSchema = 2)));
    expect(v2.code).toBe('E_SCHEMA_VERSION');
    expect(v2.message).toBe('unsupported schema version 2; this synthgate reads version 1');
    expect(v2.toLine()).toMatch(/file schema\.json, at synthgateSchema/);
  });

  it.each([
    ['top level', (d: Doc) => (d.colums = []), 'colums', /did you mean "columns"/],
    ['column', (d: Doc) => (d.columns[0].sdType = 'x'), 'columns[0].sdType', /did you mean "sdtype"/],
    [
      'column, key of another sdtype',
      (d: Doc) => (d.columns[0].format = 'YYYY'),
      'columns[0].format',
      /belongs to datetime columns/,
    ],
    [
      'constraint',
      (d: Doc) => (d.constraints[0].lo = 'x'),
      'constraints[0].lo',
      /allowed keys here: type, low, high, strict/,
    ],
    [
      'fixed-combinations',
      (d: Doc) => (d.constraints[1].strict = true),
      'constraints[1].strict',
      /allowed keys here: type, columns/,
    ],
  ])('rejects unknown keys: %s', (_, edit, path, hint) => {
    const e = errorOf(variant(edit));
    expect(e.code).toBe('E_SCHEMA_UNKNOWN_KEY');
    expect(e.location.path).toBe(path);
    expect(e.hint).toMatch(hint);
  });

  it.each([
    [
      (d: Doc) => (d.columns[0].min = '17'),
      'columns[0].min',
      'E_SCHEMA_TYPE',
      /"min" must be a finite number, got string/,
    ],
    [
      (d: Doc) => (d.columns[2].categories = 'a,b'),
      'columns[2].categories',
      'E_SCHEMA_TYPE',
      /must be an array of strings/,
    ],
    [
      (d: Doc) => (d.columns[2].categories = ['a', 3]),
      'columns[2].categories[1]',
      'E_SCHEMA_TYPE',
      /entries must be strings/,
    ],
    [
      (d: Doc) => (d.columns[1].fixedDecimals = 'yes'),
      'columns[1].fixedDecimals',
      'E_SCHEMA_TYPE',
      /true or false/,
    ],
    [(d: Doc) => (d.na = '?'), 'na', 'E_SCHEMA_TYPE', /array of strings/],
    [
      (d: Doc) => ((d as Record<string, unknown>).columns = {}),
      'columns',
      'E_SCHEMA_TYPE',
      /non-empty array, got object/,
    ],
    [(d: Doc) => (d.columns = []), 'columns', 'E_SCHEMA_TYPE', /non-empty array, got an empty array/],
    [
      (d: Doc) => ((d.columns as unknown[])[3] = 'ok'),
      'columns[3]',
      'E_SCHEMA_TYPE',
      /a column must be an object, got string/,
    ],
    [
      (d: Doc) => (d.columns[1].decimals = 1.5),
      'columns[1].decimals',
      'E_SCHEMA_TYPE',
      /whole number from 0 to 20/,
    ],
    [(d: Doc) => (d.columns[0].name = ''), 'columns[0].name', 'E_SCHEMA_TYPE', /must not be empty/],
    [
      (d: Doc) => ((d as Record<string, unknown>).constraints = {}),
      'constraints',
      'E_SCHEMA_TYPE',
      /must be an array/,
    ],
  ])('rejects wrong types at %#', (edit, path, code, message) => {
    const e = errorOf(variant(edit));
    expect([e.code, e.location.path]).toEqual([code, path]);
    expect(e.message).toMatch(message);
  });

  it.each([
    [
      (d: Doc) => (d.columns[0].sdtype = 'numeric'),
      'columns[0].sdtype',
      /unknown sdtype "numeric"/,
      /did you mean "numerical"/,
    ],
    [
      (d: Doc) => (d.columns[0].role = 'qi'),
      'columns[0].role',
      /unknown role "qi"/,
      /use one of: direct-identifier/,
    ],
    [
      (d: Doc) => (d.columns[7].pii = 'mail'),
      'columns[7].pii',
      /unknown pii kind "mail"/,
      /did you mean "email"/,
    ],
    [
      (d: Doc) => (d.columns[0].representation = 'int'),
      'columns[0].representation',
      /unknown representation "int"/,
      /integer, float/,
    ],
    [
      (d: Doc) => (d.constraints[0].type = 'less-than'),
      'constraints[0].type',
      /unknown constraint type/,
      /inequality, fixed-combinations/,
    ],
  ])('rejects unknown names at %#', (edit, path, message, hint) => {
    const e = errorOf(variant(edit));
    expect(e.code).toBe('E_SCHEMA_ENUM');
    expect(e.location.path).toBe(path);
    expect(e.message).toMatch(message);
    expect(e.hint).toMatch(hint);
  });

  it.each([
    [(d: Doc) => delete d.columns[0].name, 'columns[0].name'],
    [(d: Doc) => delete d.columns[0].sdtype, 'columns[0].sdtype'],
    [(d: Doc) => delete d.columns[0].max, 'columns[0].max'],
    [(d: Doc) => delete d.columns[0].decimals, 'columns[0].decimals'],
    [(d: Doc) => delete d.columns[3].falseToken, 'columns[3].falseToken'],
    [(d: Doc) => delete d.columns[4].format, 'columns[4].format'],
    [(d: Doc) => delete d.columns[6].pattern, 'columns[6].pattern'],
    [(d: Doc) => delete d.columns[7].pii, 'columns[7].pii'],
    [(d: Doc) => delete d.constraints[0].high, 'constraints[0].high'],
    [(d: Doc) => delete d.constraints[1].columns, 'constraints[1].columns'],
    [(d: Doc) => delete (d as Record<string, unknown>).columns, 'columns'],
  ])('rejects missing required fields at %#', (edit, path) => {
    const e = errorOf(variant(edit));
    expect([e.code, e.location.path]).toEqual(['E_SCHEMA_MISSING', path]);
  });

  it.each([
    [(d: Doc) => (d.columns[0].min = 100), 'columns[0].min', /min 100 is greater than max 90/],
    [(d: Doc) => (d.columns[0].decimals = 2), 'columns[0].decimals', /integer column cannot have 2 decimals/],
    [(d: Doc) => (d.columns[0].max = 90.5), 'columns[0].max', /integer column cannot have max 90.5/],
    [
      (d: Doc) => (d.columns[3].falseToken = 'yes'),
      'columns[3].falseToken',
      /trueToken and falseToken are both "yes"/,
    ],
    [
      (d: Doc) => (d.columns[4].min = '2030-01-01'),
      'columns[4].min',
      /min "2030-01-01" is after max "2020-12-31"/,
    ],
  ])('rejects contradictions at %#', (edit, path, message) => {
    const e = errorOf(variant(edit));
    expect([e.code, e.location.path]).toEqual(['E_SCHEMA_CONTRADICTION', path]);
    expect(e.message).toMatch(message);
  });

  it('rejects duplicates: column names, categories, constraint columns', () => {
    const names = errorOf(variant((d) => (d.columns[2].name = 'age')));
    expect([names.code, names.location.path]).toEqual(['E_SCHEMA_DUPLICATE', 'columns[2].name']);
    // The renamed column also leaves the fixed-combinations constraint naming a missing "job".
    expect(names.message).toBe(
      'column "age" is listed twice (also columns[0]); 1 more problem: constraints[1].columns[0]: constraint names unknown column "job"',
    );
    expect(errorOf(variant((d) => (d.columns[2].categories = ['a', 'a']))).location.path).toBe(
      'columns[2].categories[1]',
    );
    expect(errorOf(variant((d) => (d.constraints[1].columns = ['job', 'job']))).code).toBe(
      'E_SCHEMA_DUPLICATE',
    );
  });

  it('rejects unusable datetime formats and bounds not in the format', () => {
    const f = errorOf(variant((d) => (d.columns[4].format = 'YY-MM-DD')));
    expect([f.code, f.location.path]).toEqual(['E_SCHEMA_DATETIME_FORMAT', 'columns[4].format']);
    expect(f.message).toMatch(/unknown token "YY"/);
    const b = errorOf(variant((d) => (d.columns[4].min = '01/01/2000')));
    expect([b.code, b.location.path]).toEqual(['E_SCHEMA_DATETIME_FORMAT', 'columns[4].min']);
  });

  it.each([
    [(d: Doc) => (d.constraints[0].low = 'nope'), 'constraints[0].low', /unknown column "nope"/],
    [
      (d: Doc) => (d.constraints[0].low = 'job'),
      'constraints[0].low',
      /"job" is categorical; a inequality constraint needs numerical or datetime/,
    ],
    [
      (d: Doc) => (d.constraints[0].low = 'age'),
      'constraints[0].high',
      /"age" is numerical but "end" is datetime/,
    ],
    [(d: Doc) => (d.constraints[0].high = 'start'), 'constraints[0].high', /low and high are both "start"/],
    [
      (d: Doc) => (d.constraints[1].columns = ['job', 'age']),
      'constraints[1].columns[1]',
      /"age" is numerical/,
    ],
    [(d: Doc) => (d.constraints[1].columns = ['job']), 'constraints[1].columns', /at least 2 entries/],
  ])('rejects bad constraints at %#', (edit, path, message) => {
    const e = errorOf(variant(edit));
    expect(e.location.path).toBe(path);
    expect(e.message).toMatch(message);
  });

  it('collects every problem; the error names the first and counts the rest', () => {
    const doc = variant((d) => {
      d.columns[0].sdtype = 'nums';
      d.columns[1].min = 'low';
      d.extra = 1;
    });
    const { issues } = validateSchema(doc);
    expect(issues.map((i) => i.path)).toEqual(['extra', 'columns[0].sdtype', 'columns[1].min']);
    const e = errorOf(doc);
    expect(e.message).toMatch(
      /^unknown key "extra"; 2 more problems: columns\[0\]\.sdtype: unknown sdtype "nums"; columns\[1\]\.min/,
    );
  });

  it('does not flood constraint errors when a column is broken', () => {
    const { issues } = validateSchema(variant((d) => (d.columns[4].sdtype = 'date')));
    expect(issues.map((i) => i.path)).toEqual(['columns[4].sdtype']);
  });

  it('rejects a non-object document', () => {
    expect(errorOf([1, 2]).message).toBe('a schema must be a JSON object, got array');
  });
});

describe('checkSchemaAgainstRaw', () => {
  const schema = parseSchema({
    synthgateSchema: 1,
    columns: [
      { name: 'a', sdtype: 'text' },
      { name: 'b', sdtype: 'text' },
    ],
  });

  it('passes when both lists agree, in any order', () => {
    expect(() => checkSchemaAgainstRaw(schema, rawTable({ b: ['x'], a: ['y'] }))).not.toThrow();
  });

  it('names the missing columns and both lists', () => {
    let err: SchemaError | undefined;
    try {
      checkSchemaAgainstRaw(schema, rawTable({ a: ['x'], c: ['y'] }, { path: 'data.csv' }));
    } catch (e) {
      err = e as SchemaError;
    }
    expect(err?.code).toBe('E_SCHEMA_COLUMNS');
    expect(err?.message).toBe(
      'the schema does not match the data: schema column "b" not in the data; data column "c" not in the schema',
    );
    expect(err?.location).toEqual({ file: 'data.csv', column: 'b' });
    expect(err?.hint).toMatch(/schema: a, b; data: a, c/);
  });
});
