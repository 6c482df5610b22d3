import { describe, expect, it } from 'vitest';
import {
  contingencySimilarityPair,
  cramersV,
  jointCounts,
  tvdComplement,
} from '../../../src/fidelity/metrics/contingency-similarity.js';
import { ctxOf, table } from '../tiny.js';

function countsOf(rows: number[][]): { counts: Map<number, number>; sizeB: number } {
  const sizeB = rows[0]!.length;
  const counts = new Map<number, number>();
  for (let a = 0; a < rows.length; a++) {
    for (let b = 0; b < sizeB; b++) if (rows[a]![b]! > 0) counts.set(a * sizeB + b, rows[a]![b]!);
  }
  return { counts, sizeB };
}

describe("Cramér's V (scipy.stats.contingency.association, method='cramer', no correction)", () => {
  it('matches scipy on 2×3 and 3×3 tables', () => {
    const t1 = countsOf([
      [10, 20, 30],
      [20, 10, 10],
    ]);
    expect(cramersV(t1.counts, t1.sizeB)).toBeCloseTo(0.36324157862838946, 14);
    const t2 = countsOf([
      [12, 0, 3],
      [1, 9, 4],
      [2, 2, 8],
    ]);
    expect(cramersV(t2.counts, t2.sizeB)).toBeCloseTo(0.5894943659642622, 14);
  });

  it('is 1 for a perfect association, 0 for independence, NaN below 2 rows or columns', () => {
    expect(
      cramersV(
        countsOf([
          [5, 0],
          [0, 5],
        ]).counts,
        2,
      ),
    ).toBeCloseTo(1, 14);
    expect(
      cramersV(
        countsOf([
          [5, 5],
          [5, 5],
        ]).counts,
        2,
      ),
    ).toBeCloseTo(0, 14);
    expect(Number.isNaN(cramersV(countsOf([[5, 5]]).counts, 2))).toBe(true);
  });
});

describe('joint counts and TVD complement', () => {
  it('counts pairs and compares frequencies over the union of cells', () => {
    const c = jointCounts(Int32Array.of(0, 0, 1), Int32Array.of(1, 1, 0), 2, 2);
    expect([...c.entries()]).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(
      tvdComplement(
        new Map([
          [0, 2],
          [1, 2],
        ]),
        4,
        new Map([[0, 4]]),
        4,
      ),
    ).toBeCloseTo(0.5, 15);
    expect(tvdComplement(new Map([[0, 1]]), 1, new Map([[5, 3]]), 3)).toBe(0);
  });
});

describe('contingency similarity of a pair', () => {
  it('keeps nulls as their own value and bins numerics per table (SDMetrics)', () => {
    const real = table({ c: ['a', 'b', null, 'a'], x: [1, 2, 3, 4] });
    // The synthetic numbers are 10× larger: each table is binned on its own edges, so the bins match.
    const synth = table({ c: ['a', 'b', null, 'a'], x: [10, 20, 30, 40] });
    const p = contingencySimilarityPair(
      ctxOf(real, synth),
      { name: 'c', sdtype: 'categorical', shape: 'discrete' },
      {
        name: 'x',
        sdtype: 'numerical',
        shape: 'continuous',
      },
    );
    expect(p.score).toBe(1);
    expect(p.realAssociation).not.toBeNull();
  });
});
