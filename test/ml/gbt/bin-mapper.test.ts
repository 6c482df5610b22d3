import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../../src/ml/features.js';
import { binRows, fitBinMapper, numericEdges } from '../../../src/ml/gbt/bin-mapper.js';
import { Rng } from '../../../src/rng.js';

function matrix(columns: number[][], categorical: boolean[], cardinality: number[]): FeatureMatrix {
  return {
    nRows: columns[0]!.length,
    nFeatures: columns.length,
    names: columns.map((_, f) => `f${f}`),
    columns: columns.map((c) => Float64Array.from(c)),
    categorical,
    cardinality,
  };
}

describe('numericEdges', () => {
  it('gives one bin per distinct value when there are few, edges at midpoints', () => {
    expect([...numericEdges(Float64Array.of(3, 1, 2, 2, Number.NaN), 255, null)]).toEqual([1.5, 2.5]);
  });

  it('makes at most maxBins bins of near-equal counts from many distinct values', () => {
    const col = Float64Array.from({ length: 1000 }, (_, i) => i);
    const e = numericEdges(col, 10, null);
    expect(e.length).toBe(9);
    const counts = new Array(10).fill(0);
    for (const v of col) counts[e.findIndex((x) => v <= x) === -1 ? 9 : e.findIndex((x) => v <= x)]++;
    for (const c of counts) expect(c).toBe(100);
  });

  it('keeps infinite values in bins of their own', () => {
    const e = numericEdges(
      Float64Array.of(Number.NEGATIVE_INFINITY, 1, 2, Number.POSITIVE_INFINITY),
      255,
      null,
    );
    expect([...e]).toEqual([Number.NEGATIVE_INFINITY, 1.5, 2]);
  });

  it('gives a heavy value a bin of its own', () => {
    // 900 zeros then 100 distinct positives, 10 bins: 0 alone, the rest shares 9 bins.
    const col = Float64Array.from({ length: 1000 }, (_, i) => (i < 900 ? 0 : i));
    const e = numericEdges(col, 10, null);
    expect(e[0]).toBe(450);
    expect(e.length).toBe(9);
  });
});

describe('fitBinMapper / binRows', () => {
  it('sends NaN to the missing bin and puts each feature in its own slot range', () => {
    const X = matrix(
      [
        [1, 2, Number.NaN, 2],
        [0, 2, 1, Number.NaN],
      ],
      [false, true],
      [0, 3],
    );
    const m = fitBinMapper(X, 255, new Rng(0));
    expect([...m.nBins]).toEqual([2, 3]);
    expect([...m.offsets]).toEqual([0, 3, 7]);
    expect(m.totalSlots).toBe(7);
    // row-major: [f0, f1] per row; missing bin = nBins[f]
    expect([...binRows(m, X)]).toEqual([0, 0, 1, 2, 2, 1, 1, 3]);
  });

  it('maps unseen categories and codes beyond the dictionary to the missing bin', () => {
    const train = matrix([[0, 2, 2]], [true], [4]);
    const m = fitBinMapper(train, 255, new Rng(0));
    expect(m.nBins[0]).toBe(2); // codes 1 and 3 never occur
    expect([...binRows(m, matrix([[0, 1, 2, 3, 7, Number.NaN]], [true], [4]))]).toEqual([0, 2, 1, 2, 2, 2]);
  });

  it('shares an "other" bin among the rarest categories beyond maxBins', () => {
    // code c occurs 10 - c times; with maxBins 4, codes 0..2 get bins 0..2, codes 3..6 share bin 3.
    const col: number[] = [];
    for (let c = 0; c < 7; c++) for (let k = 0; k < 10 - c; k++) col.push(c);
    const m = fitBinMapper(matrix([col], [true], [7]), 4, new Rng(0));
    expect(m.nBins[0]).toBe(4);
    expect([...m.codeToBin[0]!]).toEqual([0, 1, 2, 3, 3, 3, 3]);
  });
});
