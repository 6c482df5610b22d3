import { describe, expect, it } from 'vitest';
import { InputError, SchemaError } from '../../src/errors.js';
import { checkBounds } from '../../src/schema/bounds.js';
import { inferSchema } from '../../src/schema/infer.js';
import { materialize } from '../../src/schema/materialize.js';
import type { ColumnSchema, SchemaDocument } from '../../src/schema/types.js';
import { valueAt } from '../../src/table/column.js';
import { rawTable } from './helpers.js';

function one(col: ColumnSchema, values: ReadonlyArray<string | null>, na?: string[]) {
  const schema: SchemaDocument = { synthgateSchema: 1, ...(na ? { na } : {}), columns: [col] };
  return materialize(rawTable({ [col.name]: values }, { path: 'data.csv' }), schema).column(col.name);
}

function rows(col: ReturnType<typeof one>): Array<number | string | null> {
  return Array.from({ length: col.kind === 'numeric' ? col.values.length : col.codes.length }, (_, i) =>
    valueAt(col, i),
  );
}

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

const num: ColumnSchema = {
  name: 'n',
  sdtype: 'numerical',
  representation: 'integer',
  min: 0,
  max: 10,
  decimals: 0,
};

describe('materialize', () => {
  it('keeps schema order, which may differ from the file', () => {
    const raw = rawTable({ a: ['1'], b: ['x'] });
    const t = materialize(raw, {
      synthgateSchema: 1,
      columns: [
        { name: 'b', sdtype: 'categorical' },
        { name: 'a', sdtype: 'numerical', representation: 'integer', min: 1, max: 1, decimals: 0 },
      ],
    });
    expect(t.names).toEqual(['b', 'a']);
  });

  it('numerical → Float64Array with NaN and invalid for nulls; out-of-bounds values allowed', () => {
    const c = one(num, ['3', '', '12', '-1.5e1']);
    expect(c.kind).toBe('numeric');
    expect(rows(c)).toEqual([3, null, 12, -15]);
    if (c.kind === 'numeric') expect(Number.isNaN(c.values[1]!)).toBe(true);
  });

  it('datetime → epoch ms UTC', () => {
    const c = one({ name: 'd', sdtype: 'datetime', format: 'DD/MM/YYYY' }, [
      '12/06/1998',
      'NA',
      '01/01/1970',
    ]);
    expect(rows(c)).toEqual([Date.UTC(1998, 5, 12), null, 0]);
  });

  it('boolean → dictionary [falseToken, trueToken]', () => {
    const c = one({ name: 'b', sdtype: 'boolean', trueToken: 'Y', falseToken: 'N' }, ['Y', 'N', '', 'Y']);
    expect(c.kind === 'categorical' && [c.dictionary, Array.from(c.codes)]).toEqual([
      ['N', 'Y'],
      [1, 0, -1, 1],
    ]);
  });

  it('categorical with categories → that dictionary, in declared order', () => {
    const c = one({ name: 'c', sdtype: 'categorical', categories: ['z', 'y', 'x'] }, ['x', 'z', 'x']);
    expect(c.kind === 'categorical' && [c.dictionary, Array.from(c.codes)]).toEqual([
      ['z', 'y', 'x'],
      [2, 0, 2],
    ]);
  });

  it('id/pii/text/categorical keep the raw codes and dictionary', () => {
    const raw = rawTable({ e: ['a@b.co', 'c@d.co', 'a@b.co'] });
    const t = materialize(raw, { synthgateSchema: 1, columns: [{ name: 'e', sdtype: 'pii', pii: 'email' }] });
    const c = t.column('e');
    expect(c.kind === 'categorical' && c.codes).toBe(raw.columns[0]!.codes);
    expect(rows(c)).toEqual(['a@b.co', 'c@d.co', 'a@b.co']);
  });

  it("treats the schema's NA tokens as nulls even when ingest kept them", () => {
    expect(rows(one(num, ['1', '?', '2'], ['?']))).toEqual([1, null, 2]);
    const c = one({ name: 'c', sdtype: 'categorical' }, ['a', '?', 'b'], ['?']);
    expect(c.kind === 'categorical' && c.dictionary).toEqual(['a', 'b']);
    expect(rows(c)).toEqual(['a', null, 'b']);
  });

  it.each([
    [num, ['1', '2', 'abc', 'abc'], 3, 'abc', 'value "abc" in column "n" is not a number', /sdtype/],
    [
      { name: 'd', sdtype: 'datetime', format: 'YYYY-MM-DD' } as ColumnSchema,
      ['2020-01-01', '2020-13-01'],
      2,
      '2020-13-01',
      'value "2020-13-01" in column "d" does not match the datetime format "YYYY-MM-DD"',
      /"format"/,
    ],
    [
      { name: 'b', sdtype: 'boolean', trueToken: 'yes', falseToken: 'no' } as ColumnSchema,
      ['yes', 'no', 'Yes'],
      3,
      'Yes',
      'value "Yes" in column "b" is neither "yes" nor "no"',
      /categorical/,
    ],
    [
      { name: 'c', sdtype: 'categorical', categories: ['a'] } as ColumnSchema,
      ['a', 'a', 'a', 'b'],
      4,
      'b',
      'value "b" in column "c" is not one of the declared categories',
      /add "b" to the column's "categories"/,
    ],
  ])('rejects values that do not fit: %#', (col, values, row, _value, message, hint) => {
    const e = thrown(() => one(col, values));
    expect(e.code).toBe('E_VALUE_NOT_IN_SCHEMA');
    expect(e.message).toBe(message);
    expect(e.location).toEqual({ file: 'data.csv', row, column: col.name });
    expect(e.hint).toMatch(hint);
  });

  it('truncates long offending values', () => {
    const e = thrown(() => one(num, ['x'.repeat(100)]));
    expect(e.message).toBe(`value "${'x'.repeat(40)}…" in column "n" is not a number`);
  });

  it('checks the columns against the data first', () => {
    expect(() =>
      materialize(rawTable({ a: ['1'] }), { synthgateSchema: 1, columns: [{ name: 'b', sdtype: 'text' }] }),
    ).toThrow(SchemaError);
  });

  it('materializes 1M rows × 3 columns', () => {
    const n = 1_000_000;
    const ages = new Array<string>(n);
    const cats = new Array<string>(n);
    const dates = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      ages[i] = String(17 + (i % 74));
      cats[i] = `c${i % 1000}`;
      dates[i] = `2020-01-${String(1 + (i % 28)).padStart(2, '0')}`;
    }
    const raw = rawTable({ age: ages, cat: cats, day: dates });
    const schema = inferSchema(raw);
    const t = materialize(raw, schema);
    expect(t.numRows).toBe(n);
    expect(t.row(n - 1)).toEqual({
      age: 17 + ((n - 1) % 74),
      cat: `c${(n - 1) % 1000}`,
      day: Date.UTC(2020, 0, 1 + ((n - 1) % 28)),
    });
  });
});

describe('checkBounds', () => {
  it('reports values outside numerical and datetime bounds with the first row', () => {
    const raw = rawTable({
      n: ['5', '11', '-1', '12', ''],
      d: ['2020-01-01', '2019-12-31', '2020-01-01', '2020-01-01', '2020-01-01'],
    });
    const schema: SchemaDocument = {
      synthgateSchema: 1,
      columns: [num, { name: 'd', sdtype: 'datetime', format: 'YYYY-MM-DD', min: '2020-01-01' }],
    };
    expect(checkBounds(materialize(raw, schema), schema)).toEqual([
      { column: 'n', limit: 'min', bound: 0, count: 1, firstRow: 3, value: -1 },
      { column: 'n', limit: 'max', bound: 10, count: 2, firstRow: 2, value: 11 },
      { column: 'd', limit: 'min', bound: '2020-01-01', count: 1, firstRow: 2, value: '2019-12-31' },
    ]);
  });
});
