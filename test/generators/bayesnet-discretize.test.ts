import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binOf,
  cellOf,
  groupContiguous,
  groupRare,
  publicGrid,
  quantileBins,
} from '../../src/generators/discretize.js';

describe('quantile bins (no DP)', () => {
  it('gives a point mass its own bin and splits the rest at about equal counts', () => {
    const q = quantileBins(Float64Array.of(0, 0, 0, 0, 1, 2, 3, 4), 4);
    expect(q.upper).toEqual([0, 2, 4]);
    expect(q.uLo).toEqual([0, 0.5, 0.75]);
    expect(q.uHi).toEqual([0.5, 0.75, 1]);
  });

  it('covers the sample with at most maxBins contiguous bins, ties never split (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 25 }),
        (xs, bins) => {
          const sorted = Float64Array.from(xs).sort();
          const q = quantileBins(sorted, bins);
          expect(q.upper.length).toBeGreaterThan(0);
          expect(q.upper.length).toBeLessThanOrEqual(bins);
          expect(q.uLo[0]).toBe(0);
          expect(q.uHi[q.uHi.length - 1]).toBe(1);
          for (let b = 1; b < q.upper.length; b++) {
            expect(q.upper[b]!).toBeGreaterThan(q.upper[b - 1]!);
            expect(q.uLo[b]).toBe(q.uHi[b - 1]);
          }
          // Every value's bin holds exactly the ECDF mass between its bin's edges.
          for (let b = 0; b < q.upper.length; b++) {
            const inBin = xs.filter((x) => binOf(q.upper, x) === b).length;
            expect(inBin / xs.length).toBeCloseTo(q.uHi[b]! - q.uLo[b]!, 12);
          }
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('public grid (DP)', () => {
  it('uses one cell per integer when the range is small', () => {
    expect(publicGrid(0, 3, true, 10)).toEqual({ integer: true, lo: [0, 1, 2, 3], hi: [0, 1, 2, 3] });
  });

  it('keeps the bounds as point cells and splits the inside evenly', () => {
    expect(publicGrid(0, 20, true, 5)).toEqual({
      integer: true,
      lo: [0, 1, 7, 13, 20],
      hi: [0, 6, 12, 19, 20],
    });
    expect(publicGrid(0, 10, false, 4)).toEqual({ integer: false, lo: [0, 0, 5, 10], hi: [0, 5, 10, 10] });
  });

  it('maps values to cells, clamping outside the bounds', () => {
    const g = publicGrid(0, 10, false, 4);
    expect([-3, 0, 0.001, 4.99, 5, 9.99, 10, 12].map((v) => cellOf(g, v))).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    const gi = publicGrid(0, 20, true, 5);
    expect([-1, 0, 1, 6, 7, 19, 20, 99].map((v) => cellOf(gi, v))).toEqual([0, 0, 1, 1, 2, 3, 4, 4]);
  });
});

describe('grouping cells', () => {
  it('merges contiguous cells into groups of about equal mass', () => {
    expect(groupContiguous([0.9, 0.02, 0.03, 0.05], 4)).toEqual([0, 1, 1, 1]);
    expect(groupContiguous([0.25, 0.25, 0.25, 0.25], 2)).toEqual([0, 0, 1, 1]);
    expect(groupContiguous([0, 0, 1, 0, 0], 3)).toEqual([0, 0, 0, 0, 0]);
  });

  it('groups rare categories together, keeps frequent ones apart', () => {
    expect(groupRare([0.6, 0.3, 0.05, 0.05], 0.1)).toEqual([0, 1, 2, 2]);
    expect(groupRare([0.6, 0.35, 0.05], 0.1)).toEqual([0, 1, 2]);
  });
});
