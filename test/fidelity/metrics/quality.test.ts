import { describe, expect, it } from 'vitest';
import { qualityMetric } from '../../../src/fidelity/metrics/quality.js';
import { ctxOf, table } from '../tiny.js';

describe('Quality', () => {
  it('is the mean of column shapes and column pair trends, for both variants', async () => {
    const real = table({ x: [1, 2, 3, 4], c: ['a', 'b', 'a', 'b'] });
    const synth = table({ x: [1, 2, 3, 9], c: ['a', 'a', 'a', 'b'] });
    const q = await qualityMetric.compute(ctxOf(real, synth));
    expect(q.sdmetricsVersion).toBe('0.29.0');
    expect(q.allPairs.score).toBeCloseTo((q.allPairs.columnShapes! + q.allPairs.columnPairTrends!) / 2, 15);
    expect(q.allPairs.thresholds).toEqual({ realCorrelation: 0, realAssociation: 0 });
    expect(q.default.thresholds).toEqual({ realCorrelation: 0.5, realAssociation: 0.3 });
  });

  it('falls back to column shapes alone when no pair is strong enough', async () => {
    const real = table({ x: [1, 2, 3, 4], y: [1, -1, -1, 1] }); // r = 0
    const q = await qualityMetric.compute(ctxOf(real, real));
    expect(q.default.columnPairTrends).toBeNull();
    expect(q.default.pairsScored).toBe(0);
    expect(q.default.score).toBe(1);
  });
});
