import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../src/ml/metrics.js';
import { aucDeLong, membershipInference, tprAtFpr } from '../../src/privacy/membership-inference.js';
import { Rng } from '../../src/rng.js';
import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';

describe('aucDeLong', () => {
  it('equals the Mann–Whitney AUC with ties counted ½', () => {
    const rng = new Rng(2);
    const pos = Float64Array.from({ length: 300 }, () => Math.round(rng.normal() * 4 + 2));
    const neg = Float64Array.from({ length: 200 }, () => Math.round(rng.normal() * 4));
    const a = aucDeLong(pos, neg);
    const labels = Float64Array.from([...pos].map(() => 1).concat([...neg].map(() => 0)));
    expect(a.value).toBeCloseTo(rocAuc(labels, Float64Array.from([...pos, ...neg])), 12);
    expect(a.ci[0]).toBeLessThan(a.value);
    expect(a.ci[1]).toBeGreaterThan(a.value);
  });

  it('matches a hand-computed DeLong variance', () => {
    // pos = {2, 3}, neg = {1, 2}: ψ = [[1, ½], [1, 1]] → AUC 7/8; V10 = (3/4, 1), V01 = (1, 3/4);
    // sample variances s²(V10) = s²(V01) = 1/32, so var = s²(V10)/2 + s²(V01)/2 = 1/32.
    const a = aucDeLong(Float64Array.of(2, 3), Float64Array.of(1, 2));
    expect(a.value).toBe(7 / 8);
    expect(a.ci[0]).toBeCloseTo(7 / 8 - 1.959963984540054 * Math.sqrt(1 / 32), 12);
    expect(a.ci[1]).toBe(1);
  });
});

describe('tprAtFpr', () => {
  it('picks the largest rule "score > τ" with at most ⌊fpr·n⌋ false positives', () => {
    const neg = Float64Array.from({ length: 100 }, (_, i) => i); // 0..99
    const pos = Float64Array.of(98.5, 99.5, 100, 50);
    // fpr 1 %: one false positive allowed → τ = 98, members above: 98.5, 99.5, 100.
    expect(tprAtFpr(pos, neg, 0.01)).toBe(3 / 4);
    expect(tprAtFpr(pos, neg, 0)).toBe(2 / 4);
    expect(tprAtFpr(pos, neg, 1)).toBe(1);
  });
});

describe('membershipInference', () => {
  it('is near 0.5 for an independent sample and near 1 for a copy of train', async () => {
    const rng = new Rng(9);
    const make = (n: number) =>
      new Table([
        numericColumn(
          'x',
          Float64Array.from({ length: n }, () => Math.round(rng.normal() * 100) / 10),
        ),
        numericColumn(
          'y',
          Float64Array.from({ length: n }, () => rng.uniform()),
        ),
        categoricalFromStrings(
          'c',
          Array.from({ length: n }, () => `k${rng.int(4)}`),
        ),
      ]);
    const train = make(500);
    const holdout = make(500);
    const copy = await membershipInference({ train, synthetic: train, holdout }, { rng: new Rng(0) });
    const fresh = await membershipInference({ train, synthetic: make(500), holdout }, { rng: new Rng(0) });
    expect(copy.auc.value).toBeGreaterThan(0.99);
    expect(copy.tprAtFpr.value).toBeGreaterThan(0.95);
    expect(fresh.auc.ci[0]).toBeLessThan(0.5);
    expect(fresh.auc.ci[1]).toBeGreaterThan(0.5);
    for (const r of [copy, fresh]) {
      expect(r.tprAtFpr.ci[0]).toBeLessThanOrEqual(r.tprAtFpr.value);
      expect(r.tprAtFpr.ci[1]).toBeGreaterThanOrEqual(r.tprAtFpr.value);
    }
  });
});
