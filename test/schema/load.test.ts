import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, SchemaError, SynthgateError } from '../../src/errors.js';
import { inferSchema } from '../../src/schema/infer.js';
import { locateJsonError } from '../../src/schema/json-position.js';
import { loadSchemaFile, parseSchemaText, schemaToJson } from '../../src/schema/load.js';
import type { SchemaDocument } from '../../src/schema/types.js';
import { rawTable } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'synthgate-schema-'));

function write(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function rejection(p: Promise<unknown>): Promise<SynthgateError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SynthgateError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('locateJsonError', () => {
  it.each([
    ['{\n  "a": 1,\n}', 3, 1, 'trailing comma before "}"'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'expected "," or "}", found """'],
    ['{"a": [1, 2,]}', 1, 13, 'trailing comma before "]"'],
    ["{'a': 1}", 1, 2, `expected a quoted property name, found "'"`],
    ['{"a": tru}', 1, 7, 'expected a value, found "t"'],
    ['{"a": "x\ny"}', 1, 9, 'control character (e.g. a line break) inside a string'],
    ['{"a": "x', 1, 7, 'string is never closed'],
    ['{"a": 1', 1, 8, 'expected "," or "}", found end of file'],
    ['{"a": 1} x', 1, 10, 'unexpected "x" after the end of the document'],
    ['{"a": 01}', 1, 8, 'expected "," or "}", found "1"'],
    ['', 1, 1, 'expected a value, found end of file'],
  ])('%j → line %i column %i', (text, line, column, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonError(text)).toMatchObject({ line, column, reason });
  });

  it('accepts what JSON.parse accepts', () => {
    for (const t of ['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}', ' 0 ', '"s"'])
      expect(locateJsonError(t)).toBeNull();
  });
});

describe('loadSchemaFile', () => {
  it('reads and validates a schema file (BOM tolerated)', async () => {
    const p = write('ok.json', '\uFEFF{"synthgateSchema": 1, "columns": [{"name": "a", "sdtype": "text"}]}');
    expect(await loadSchemaFile(p)).toEqual({ synthgateSchema: 1, columns: [{ name: 'a', sdtype: 'text' }] });
  });

  it('reports JSON syntax errors with line and column', async () => {
    const p = write(
      'bad.json',
      '{\n  "synthgateSchema": 1,\n  "columns": [\n    {"name": "a", "sdtype": "text"},\n  ]\n}\n',
    );
    const e = await rejection(loadSchemaFile(p));
    expect(e).toBeInstanceOf(SchemaError);
    expect(e.code).toBe('E_SCHEMA_JSON');
    expect(e.message).toBe('the schema is not valid JSON (line 5, column 3: trailing comma before "]")');
    expect(e.location).toEqual({ file: p });
  });

  it('reports schema problems with the file and path', async () => {
    const p = write('wrong.json', '{"synthgateSchema": 1, "columns": [{"name": "a", "sdtype": "txt"}]}');
    const e = await rejection(loadSchemaFile(p));
    expect(e.code).toBe('E_SCHEMA_ENUM');
    expect(e.location).toEqual({ file: p, path: 'columns[0].sdtype' });
  });

  it('reports a missing file as an InputError with a hint', async () => {
    const e = await rejection(loadSchemaFile(path.join(dir, 'nope.json')));
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe('E_SCHEMA_READ');
    expect(e.hint).toMatch(/synthgate inspect/);
  });
});

describe('schemaToJson', () => {
  const schema: SchemaDocument = {
    constraints: [{ high: 'b', low: 'a', type: 'inequality' }],
    columns: [
      {
        role: 'none',
        max: 2,
        sdtype: 'numerical',
        name: 'a',
        decimals: 0,
        min: 1,
        representation: 'integer',
      },
      { name: 'b', sdtype: 'numerical', representation: 'integer', min: 1, max: 3, decimals: 0 },
      { name: 'c', sdtype: 'categorical', nullToken: '?', categories: ['x', 'y'] },
    ],
    na: ['', '?'],
    synthgateSchema: 1,
  };

  it('writes keys in a fixed order, 2-space indent, short arrays inline, trailing newline', () => {
    expect(schemaToJson(schema)).toBe(`{
  "synthgateSchema": 1,
  "na": ["", "?"],
  "columns": [
    {
      "name": "a",
      "sdtype": "numerical",
      "representation": "integer",
      "min": 1,
      "max": 2,
      "decimals": 0,
      "role": "none"
    },
    {
      "name": "b",
      "sdtype": "numerical",
      "representation": "integer",
      "min": 1,
      "max": 3,
      "decimals": 0
    },
    {
      "name": "c",
      "sdtype": "categorical",
      "categories": ["x", "y"],
      "nullToken": "?"
    }
  ],
  "constraints": [
    {
      "type": "inequality",
      "low": "a",
      "high": "b"
    }
  ]
}
`);
  });

  it('breaks long arrays one entry per line', () => {
    const categories = Array.from({ length: 30 }, (_, i) => `category-${i}`);
    const text = schemaToJson({
      synthgateSchema: 1,
      columns: [{ name: 'c', sdtype: 'categorical', categories }],
    });
    expect(text).toContain('"categories": [\n        "category-0",\n        "category-1",');
  });

  it('round-trips through parseSchemaText, and an inferred schema is stable', () => {
    expect(parseSchemaText(schemaToJson(schema))).toEqual(schema);
    const raw = rawTable({
      n: ['1', '2.5', ''],
      d: ['2020-01-01', '2020-02-01', '2020-03-01'],
      b: ['yes', 'no', 'no'],
    });
    const inferred = inferSchema(raw);
    const text = schemaToJson(inferred);
    expect(schemaToJson(parseSchemaText(text))).toBe(text);
  });
});
