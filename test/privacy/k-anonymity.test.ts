import { describe, expect, it } from 'vitest';
import { kAnonymity } from '../../src/privacy/k-anonymity.js';
import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';

const table = (ages: number[], sex: string[], disease: (string | null)[]) =>
  new Table([
    numericColumn('age', Float64Array.from(ages)),
    categoricalFromStrings('sex', sex),
    categoricalFromStrings('disease', disease),
  ]);

describe('kAnonymity', () => {
  it('finds the smallest class, the class-size shares and l-diversity', () => {
    const synthetic = table(
      [30, 30, 30, 41, 41, 52],
      ['F', 'F', 'F', 'M', 'M', 'M'],
      ['flu', 'flu', 'cold', 'flu', 'flu', null],
    );
    const train = table([30, 31, 32, 33, 34, 35, 36, 37, 38, 39], Array(10).fill('F'), Array(10).fill('flu'));
    const r = kAnonymity(
      { train, synthetic, holdout: train },
      { quasiIdentifiers: ['age', 'sex'], sensitive: ['disease'] },
    );
    const e = r.exactValues;
    expect(e.k).toBe(1);
    expect(r.value).toBe(1);
    expect(r.ci).toEqual([1, 1]);
    expect(e.classes).toBe(3);
    expect(e.sizeDistribution).toEqual({ size1: 1, size2to4: 2, size5to9: 0, size10plus: 0 });
    expect(e.shareBelow.k2.value).toBeCloseTo(1 / 6, 12);
    expect(e.shareBelow.k5.value).toBe(1);
    // Classes: {flu, cold} → 2, {flu} → 1, {null} → 1.
    expect(e.lDiversity[0]!.l).toBe(1);
    expect(e.lDiversity[0]!.shareOfRowsWithL1.value).toBeCloseTo(3 / 6, 12);
    // Deciles of train's ages 30..39: 30/41/52 fall in 3 distinct bins (41 and 52 both above the top edge).
    expect(r.generalized.classes).toBe(2);
    expect(r.generalized.k).toBe(3);
    expect(r.trainExactValues.k).toBe(1);
  });
});
