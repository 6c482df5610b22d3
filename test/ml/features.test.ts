import { describe, expect, it } from 'vitest';
import { SynthgateError } from '../../src/errors.js';
import { fitFeatureEncoder, takeRows } from '../../src/ml/features.js';
import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';

const real = new Table([
  numericColumn('age', Float64Array.of(30, Number.NaN, 50)),
  categoricalFromStrings('color', ['red', 'blue', null]),
]);
// Same strings, other dictionary order, one category real never had.
const synth = new Table([
  numericColumn('age', Float64Array.of(41, 42)),
  categoricalFromStrings('color', ['green', 'red']),
]);

describe('fitFeatureEncoder', () => {
  it('passes numbers through and codes categories by the reference dictionary', () => {
    const enc = fitFeatureEncoder(real, ['age', 'color']);
    const X = enc.encode(real);
    expect(X.nRows).toBe(3);
    expect(X.names).toEqual(['age', 'color']);
    expect(X.categorical).toEqual([false, true]);
    expect(X.cardinality).toEqual([0, 2]);
    expect([...X.columns[0]!]).toEqual([30, Number.NaN, 50]);
    expect([...X.columns[1]!]).toEqual([0, 1, Number.NaN]);
  });

  it('aligns tables with different dictionaries by string; unseen categories become NaN', () => {
    const enc = fitFeatureEncoder(real, ['color']);
    expect([...enc.encode(synth).columns[0]!]).toEqual([Number.NaN, 0]);
  });

  it('fitted on several tables, codes every category seen in any of them', () => {
    const enc = fitFeatureEncoder([real, synth], ['color', 'age']);
    const Xs = enc.encode(synth);
    expect(Xs.cardinality).toEqual([3, 0]);
    expect([...Xs.columns[0]!]).toEqual([2, 0]);
    expect([...enc.encode(real).columns[0]!]).toEqual([0, 1, Number.NaN]);
  });

  it('skips dictionary entries that no row uses', () => {
    // take() keeps the dictionary ['a', 'b'] though only 'a' remains.
    const sparse = new Table([categoricalFromStrings('color', ['a', 'b', 'a'])]).take([0, 2]);
    expect(fitFeatureEncoder(sparse, ['color']).encode(sparse).cardinality).toEqual([1]);
  });

  it('refuses a column whose kind differs from the reference, with a typed error', () => {
    const wrong = new Table([categoricalFromStrings('age', ['x'])]);
    const enc = fitFeatureEncoder(real, ['age']);
    try {
      enc.encode(wrong);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SynthgateError);
      expect((e as SynthgateError).code).toBe('E_ML_COLUMN_KIND');
      expect((e as SynthgateError).location.column).toBe('age');
    }
    expect(() => fitFeatureEncoder([real, wrong], ['age'])).toThrow(/numeric in one table and categorical/);
  });
});

describe('takeRows', () => {
  it('gathers rows in the given order, repeats allowed', () => {
    const X = fitFeatureEncoder(real, ['age', 'color']).encode(real);
    const sub = takeRows(X, [2, 0, 0]);
    expect(sub.nRows).toBe(3);
    expect([...sub.columns[0]!]).toEqual([50, 30, 30]);
    expect([...sub.columns[1]!]).toEqual([Number.NaN, 0, 0]);
    expect(sub.categorical).toEqual(X.categorical);
  });
});
