import { describe, expect, it } from 'vitest';
import { constraintViolations } from '../../src/release/constraints.js';
import type { ColumnSchema } from '../../src/schema/types.js';
import { catColumn, intColumn, schemaOf, tableOf } from './helpers.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const NAMES = ['age', 'visit', 'city', 'zone', 'low', 'high'];
const visit: ColumnSchema = {
  name: 'visit',
  sdtype: 'datetime',
  format: 'YYYY-MM-DD',
  min: '2020-01-01',
  max: '2020-12-31',
};
const COLUMNS: ColumnSchema[] = [
  intColumn('age', 18, 90),
  visit,
  catColumn('city', { categories: ['Paris', 'Lyon'] }),
  catColumn('zone'),
  intColumn('low', 0, 10),
  intColumn('high', 0, 10),
];
/** Training data: the combinations (Paris, A) and (Lyon, B) only. */
const reference = tableOf(NAMES, [
  [30, day('2020-03-01'), 'Paris', 'A', 1, 2],
  [40, day('2020-04-01'), 'Lyon', 'B', 2, 3],
]);

/** Each row breaks at most one rule; comments say which. */
const rows = [
  [30, day('2020-06-01'), 'Paris', 'A', 1, 2], // 0 ok
  [17, day('2020-06-01'), 'Paris', 'A', 1, 2], // 1 age below min
  [91, day('2020-06-01'), 'Paris', 'A', 1, 2], // 2 age above max
  [null, day('2020-06-01'), 'Paris', 'A', 1, 2], // 3 null age: exempt
  [30, day('2019-12-31'), 'Paris', 'A', 1, 2], // 4 visit before min
  [30, day('2021-01-01'), 'Paris', 'A', 1, 2], // 5 visit after max
  [30, day('2020-12-31'), 'Lyon', 'B', 1, 2], // 6 visit on the max: ok
  [30, day('2020-06-01'), 'Nice', 'A', 1, 2], // 7 city outside the declared categories (and an unseen combination)
  [30, day('2020-06-01'), null, null, 1, 2], // 8 nulls: not a breach of the category list; (null, null) unseen combination
  [30, day('2020-06-01'), 'Paris', 'A', 5, 3], // 9 low > high
  [30, day('2020-06-01'), 'Paris', 'A', 4, 4], // 10 low == high: ok unless strict
  [30, day('2020-06-01'), 'Paris', 'A', null, 3], // 11 null low: exempt
  [30, day('2020-06-01'), 'Paris', 'B', 1, 2], // 12 unseen combination (Paris, B)
];
const table = tableOf(NAMES, rows);
const bad = (set: { indices(): Uint32Array }) => Array.from(set.indices());

describe('constraintViolations', () => {
  it('flags numerical and datetime bounds and declared categories, nulls exempt', () => {
    expect(bad(constraintViolations(table, schemaOf(COLUMNS)))).toEqual([1, 2, 4, 5, 7]);
  });

  it('flags inequality breaches (non-strict and strict), nulls exempt', () => {
    const loose = schemaOf(COLUMNS, [{ type: 'inequality', low: 'low', high: 'high' }]);
    expect(bad(constraintViolations(table, loose))).toEqual([1, 2, 4, 5, 7, 9]);
    const strict = schemaOf(COLUMNS, [{ type: 'inequality', low: 'low', high: 'high', strict: true }]);
    expect(bad(constraintViolations(table, strict))).toEqual([1, 2, 4, 5, 7, 9, 10]);
  });

  it('flags fixed-combinations absent from the reference, and only when a reference is given', () => {
    const combos = schemaOf(
      [intColumn('age', 0, 200), catColumn('city'), catColumn('zone')],
      [{ type: 'fixed-combinations', columns: ['city', 'zone'] }],
    );
    expect(bad(constraintViolations(table, combos, reference))).toEqual([7, 8, 12]);
    expect(bad(constraintViolations(table, combos))).toEqual([]);
  });

  it('ignores schema columns and constraints on columns the table lacks', () => {
    const schema = schemaOf(
      [...COLUMNS, intColumn('absent', 0, 1)],
      [
        { type: 'inequality', low: 'absent', high: 'high' },
        { type: 'fixed-combinations', columns: ['city', 'absent'] },
      ],
    );
    expect(bad(constraintViolations(table, schema, reference))).toEqual([1, 2, 4, 5, 7]);
  });

  it('a table that keeps every rule has no violations', () => {
    const schema = schemaOf(COLUMNS, [
      { type: 'inequality', low: 'low', high: 'high', strict: true },
      { type: 'fixed-combinations', columns: ['city', 'zone'] },
    ]);
    expect(constraintViolations(reference, schema, reference).count()).toBe(0);
  });
});
