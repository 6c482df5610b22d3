import { describe, expect, it } from 'vitest';
import { accuracyMetric, quantileEdges } from '../../../src/fidelity/metrics/accuracy.js';
import { ctxOf, table } from '../tiny.js';

describe('quantileEdges', () => {
  it('takes distinct values at ranks ⌊n·i/bins⌋', () => {
    expect(Array.from(quantileEdges(Float64Array.of(1, 2, 3, 4), 2))).toEqual([3]);
    expect(Array.from(quantileEdges(Float64Array.of(0, 0, 0, 0, 5), 4))).toEqual([0]);
    expect(quantileEdges(new Float64Array(0)).length).toBe(0);
  });
});

describe('Accuracy', () => {
  const real = table({ x: [1, 2, 3, 4, 5, 6, 7, 8], c: ['a', 'a', 'b', 'b', 'a', 'a', 'b', 'b'] });

  it('is 1 for an identical table, and compares on bins fixed by the real data', async () => {
    const same = await accuracyMetric.compute(ctxOf(real, real));
    expect(same.synthetic).toMatchObject({ score: 1, univariate: 1, bivariate: 1 });
    expect(same.ceiling).toBeNull();
    // All synthetic x beyond the real max land in the top open-ended bin.
    const far = table({
      x: [100, 100, 100, 100, 100, 100, 100, 100],
      c: ['a', 'a', 'b', 'b', 'a', 'a', 'b', 'b'],
    });
    const r = await accuracyMetric.compute(ctxOf(real, far));
    const xScore = r.synthetic.columns.find((c) => c.column === 'x')!.score!;
    expect(xScore).toBeGreaterThan(0);
    expect(xScore).toBeLessThan(0.5);
    expect(r.synthetic.columns.find((c) => c.column === 'c')!.score).toBe(1);
  });

  it('reports the holdout ceiling and the share of it reached', async () => {
    const holdout = table({ x: [1, 2, 3, 4, 5, 6, 7, 8], c: ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'] });
    const synth = table({ x: [1, 1, 1, 1, 2, 2, 2, 2], c: ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'b'] });
    const r = await accuracyMetric.compute(ctxOf(real, synth, { holdout }));
    expect(r.ceiling).not.toBeNull();
    expect(r.ceiling!.univariate).toBe(1);
    expect(r.relativeToCeiling).toBeCloseTo(r.synthetic.score! / r.ceiling!.score!, 15);
  });
});
