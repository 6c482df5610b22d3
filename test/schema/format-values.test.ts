import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, formatDatetime } from '../../src/schema/datetime.js';
import { DATETIME_CANDIDATES } from '../../src/schema/datetime-detect.js';
import { makeFormatter, tableToRows } from '../../src/schema/format-values.js';
import { inferSchema } from '../../src/schema/infer.js';
import { materialize } from '../../src/schema/materialize.js';
import { formatDecimal, formatInteger } from '../../src/schema/number-text.js';
import type { ColumnSchema, SchemaDocument } from '../../src/schema/types.js';
import { BitSet } from '../../src/table/bitset.js';
import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';
import { rawTable } from './helpers.js';

/** Infer, materialize and write back one column; returns the written strings and the inferred column. */
function roundTrip(name: string, values: ReadonlyArray<string>): { out: string[]; col: ColumnSchema } {
  const raw = rawTable({ [name]: values });
  const schema = inferSchema(raw);
  const out = [...tableToRows(materialize(raw, schema), schema)].map((r) => r[0]!);
  return { out, col: schema.columns[0]! };
}

/** Each value twice, so the column is never unique (never an id). */
const twice = (xs: string[]) => [...xs, ...xs];

describe('formatInteger / formatDecimal', () => {
  it('integers: no .0, no exponent, no -0', () => {
    expect(formatInteger(40)).toBe('40');
    expect(formatInteger(-0)).toBe('0');
    expect(formatInteger(1e21)).toBe('1e21');
    expect(formatInteger(-1.7976931348623157e308)).toBe('-1.7976931348623157e308');
    expect(formatInteger(1e20)).toBe('100000000000000000000');
    expect(formatDecimal(1.5e308, 2, false)).toBe('1.5e308');
    expect(Number(formatInteger(-1.7976931348623157e308))).toBe(-1.7976931348623157e308);
    expect(formatInteger(2.5)).toBe('3');
    expect(formatInteger(-2.5)).toBe('-3');
  });

  it('floats: decimals, trailing zeros by fixedDecimals, no -0', () => {
    expect(formatDecimal(3.5, 2, false)).toBe('3.5');
    expect(formatDecimal(3.5, 2, true)).toBe('3.50');
    expect(formatDecimal(4, 2, false)).toBe('4');
    expect(formatDecimal(3.14659, 2, false)).toBe('3.15');
    expect(formatDecimal(-0.001, 2, false)).toBe('0');
    expect(formatDecimal(-0.001, 2, true)).toBe('0.00');
    // At 1e21 and beyond a float64 has no fractional digits: the shortest exact exponent form.
    expect(formatDecimal(1e22, 1, true)).toBe('1e22');
  });
});

describe('makeFormatter', () => {
  it('writes each sdtype like the source, nulls as nullToken', () => {
    const valid = BitSet.full(3);
    valid.clear(1);
    const n = numericColumn('n', Float64Array.of(1234567, Number.NaN, 3), valid);
    const intF = makeFormatter({
      name: 'n',
      sdtype: 'numerical',
      representation: 'integer',
      min: 0,
      max: 1e7,
      decimals: 0,
      nullToken: '?',
    });
    expect([0, 1, 2].map((i) => intF(n, i))).toEqual(['1234567', '?', '3']);
    const floatF = makeFormatter({
      name: 'n',
      sdtype: 'numerical',
      representation: 'float',
      min: 0,
      max: 1e7,
      decimals: 2,
      fixedDecimals: true,
    });
    expect([0, 1, 2].map((i) => floatF(n, i))).toEqual(['1234567.00', '', '3.00']);
    const d = numericColumn('d', Float64Array.of(Date.UTC(1998, 5, 12, 13)));
    expect(makeFormatter({ name: 'd', sdtype: 'datetime', format: 'MMM D YYYY' })(d, 0)).toBe('Jun 12 1998');
    const c = categoricalFromStrings('c', ['b', null]);
    const catF = makeFormatter({ name: 'c', sdtype: 'categorical', nullToken: 'NA' });
    expect([catF(c, 0), catF(c, 1)]).toEqual(['b', 'NA']);
  });

  it('refuses a column of the wrong kind', () => {
    const f = makeFormatter({ name: 'c', sdtype: 'categorical' });
    expect(() => f(numericColumn('c', Float64Array.of(1)), 0)).toThrow(
      /column "c" is numeric but its schema sdtype categorical needs a categorical column/,
    );
  });
});

describe('round trip: source text → infer → materialize → tableToRows → same text', () => {
  it('Adult-like rows with nulls written back with the source NA token', () => {
    const raw = rawTable(
      { age: ['39', '50', '38'], workclass: ['State-gov', '?', 'Private'], score: ['0.5', '1.25', '3'] },
      { naTokens: ['', '?'] },
    );
    const schema = inferSchema(raw);
    expect([...tableToRows(materialize(raw, schema), schema)]).toEqual([
      ['39', 'State-gov', '0.5'],
      ['50', '?', '1.25'],
      ['38', 'Private', '3'],
    ]);
  });

  it('integers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), { minLength: 1, maxLength: 30 }),
        (xs) => {
          const values = twice(xs.map(String));
          const { out, col } = roundTrip('value', values);
          expect(col).toMatchObject({ sdtype: 'numerical', representation: 'integer' });
          expect(out).toEqual(values);
        },
      ),
      { numRuns: 200 },
    );
  });

  /** Canonical decimal text: optional '-', integer part without leading zeros, '.' and `frac`. */
  const decimalText = (int: number, frac: string, negative: boolean) => {
    const s = frac === '' ? String(int) : `${int}.${frac}`;
    return negative && /[1-9]/.test(s) ? `-${s}` : s;
  };
  const digits = (min: number, max: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

  it('floats with a fixed number of places (trailing zeros kept)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((d) =>
          fc.array(fc.tuple(fc.integer({ min: 0, max: 99_999_999 }), digits(d, d), fc.boolean()), {
            minLength: 1,
            maxLength: 20,
          }),
        ),
        (parts) => {
          const values = twice(parts.map(([i, f, neg]) => decimalText(i, f, neg)));
          const { out, col } = roundTrip('value', values);
          expect(col).toMatchObject({ sdtype: 'numerical', representation: 'float', fixedDecimals: true });
          expect(out).toEqual(values);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('floats with varying places (no trailing zeros)', () => {
    const frac = digits(0, 6).map((f) => f.replace(/0+$/, ''));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 99_999_999 }), frac, fc.boolean()), {
          minLength: 1,
          maxLength: 20,
        }),
        (parts) => {
          const values = twice(parts.map(([i, f, neg]) => decimalText(i, f, neg)));
          const { out } = roundTrip('value', values);
          expect(out).toEqual(values);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('datetimes in every candidate format', () => {
    const DAY = 86_400_000;
    const lo = daysFromCivil(1000, 1, 1) * DAY;
    const hi = daysFromCivil(9999, 12, 31) * DAY;
    fc.assert(
      fc.property(
        fc.constantFrom(...DATETIME_CANDIDATES, 'YYYYMMDD'),
        fc.array(fc.integer({ min: lo / 1000, max: hi / 1000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 999 }),
        (format, seconds, milli) => {
          const values = twice(seconds.map((s) => formatDatetime(s * 1000 + milli, format)));
          const { out, col } = roundTrip('date', values);
          expect(col.sdtype).toBe('datetime');
          expect(out).toEqual(values);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('tableToRows speed', () => {
  it('writes 200k rows × 15 columns (Adult-like mix)', () => {
    const n = 200_000;
    const cols = [];
    for (let j = 0; j < 15; j++) {
      if (j % 3 === 0)
        cols.push(
          numericColumn(
            `i${j}`,
            Float64Array.from({ length: n }, (_, i) => (i * 7919) % 100_000),
          ),
        );
      else if (j % 3 === 1)
        cols.push(
          numericColumn(
            `f${j}`,
            Float64Array.from({ length: n }, (_, i) => ((i * 31) % 1000) / 8),
          ),
        );
      else
        cols.push(
          categoricalFromStrings(
            `c${j}`,
            Array.from({ length: n }, (_, i) => `cat-${i % 40}`),
          ),
        );
    }
    const table = new Table(cols);
    const schema: SchemaDocument = {
      synthgateSchema: 1,
      columns: cols.map((c): ColumnSchema => {
        if (c.name.startsWith('i'))
          return {
            name: c.name,
            sdtype: 'numerical',
            representation: 'integer',
            min: 0,
            max: 1e5,
            decimals: 0,
          };
        if (c.name.startsWith('f'))
          return {
            name: c.name,
            sdtype: 'numerical',
            representation: 'float',
            min: 0,
            max: 125,
            decimals: 3,
          };
        return { name: c.name, sdtype: 'categorical' };
      }),
    };
    let chars = 0;
    for (const row of tableToRows(table, schema)) chars += row[1]!.length;
    expect(chars).toBeGreaterThan(n);
  });
});
