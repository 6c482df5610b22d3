import { describe, expect, it } from 'vitest';
import {
  correlationSimilarityMetric,
  correlationSimilarityPair,
  pearson,
} from '../../../src/fidelity/metrics/correlation-similarity.js';
import { ctxOf, table } from '../tiny.js';

describe('pearson', () => {
  it('matches scipy.stats.pearsonr', () => {
    // scipy: pearsonr([1,2,3,4,5], [2,4,5,4,5])[0] == 0.7745966692414835
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(0.7745966692414835, 14);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
    expect(Number.isNaN(pearson([1, 1, 1], [1, 2, 3]))).toBe(true);
  });
});

describe('correlation similarity', () => {
  it('is 1 − |r_real − r_synth| / 2 on rows where both columns are present', () => {
    const real = table({ x: [1, 2, 3, 4, 5, null], y: [2, 4, 5, 4, 5, 100] });
    const synth = table({ x: [1, 2, 3, 4], y: [4, 3, 2, 1] });
    const p = correlationSimilarityPair(ctxOf(real, synth), 'x', 'y');
    expect(p.realCorrelation).toBeCloseTo(0.7745966692414835, 14);
    expect(p.syntheticCorrelation).toBeCloseTo(-1, 14);
    expect(p.score).toBeCloseTo(1 - (0.7745966692414835 + 1) / 2, 14);
  });

  it('records an error cell for a constant column (SDMetrics ConstantInputError)', async () => {
    const real = table({ x: [1, 2, 3], y: [1, 2, 4] });
    const synth = table({ x: [7, 7, 7], y: [1, 2, 3] });
    const r = await correlationSimilarityMetric.compute(ctxOf(real, synth));
    expect(r.pairs[0]!.score).toBeNull();
    expect(r.pairs[0]!.error).toMatch(
      /^ConstantInputError: The synthetic data in column 'x' contains a constant value/,
    );
    expect(r.score).toBeNull();
  });
});
