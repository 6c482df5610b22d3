import { describe, expect, it } from 'vitest';
import { rangeCoverageMetric } from '../../../src/fidelity/metrics/range-coverage.js';
import { ctxOf, table } from '../tiny.js';

describe('RangeCoverage (SDMetrics formula)', () => {
  it('scores how much of the real range the synthetic values span', async () => {
    const real = table({ x: [0, 10] });
    expect((await rangeCoverageMetric.compute(ctxOf(real, table({ x: [0, 10] })))).score).toBe(1);
    // Short by 2 at the bottom only: 1 − |0.2 − 0| = 0.8.
    expect((await rangeCoverageMetric.compute(ctxOf(real, table({ x: [2, 10] })))).score).toBeCloseTo(
      0.8,
      15,
    );
    // Wider than real: both shortfalls clip at 0.
    expect((await rangeCoverageMetric.compute(ctxOf(real, table({ x: [-5, 20] })))).score).toBe(1);
  });

  it('is undefined for a constant real column', async () => {
    const r = await rangeCoverageMetric.compute(ctxOf(table({ x: [3, 3] }), table({ x: [1, 2] })));
    expect(r.columns[0]).toMatchObject({ score: null, note: 'the real column is constant' });
  });
});
