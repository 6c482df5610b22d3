import { describe, expect, it } from 'vitest';
import { missingValueSimilarityMetric } from '../../../src/fidelity/metrics/missing-value-similarity.js';
import { ctxOf, table } from '../tiny.js';

describe('MissingValueSimilarity', () => {
  it('is 1 − |real null share − synthetic null share| for every column, id and pii included', async () => {
    const real = table({ x: [1, null, 3, null], id: ['k1', 'k2', 'k3', null] });
    const synth = table({ x: [1, 2, 3, null], id: ['s1', 's2', 's3', 's4'] });
    const r = await missingValueSimilarityMetric.compute(ctxOf(real, synth, { sdtypes: { id: 'id' } }));
    expect(r.columns).toEqual([
      {
        column: 'x',
        metric: 'MissingValueSimilarity',
        score: 0.75,
        realNullShare: 0.5,
        syntheticNullShare: 0.25,
      },
      {
        column: 'id',
        metric: 'MissingValueSimilarity',
        score: 0.75,
        realNullShare: 0.25,
        syntheticNullShare: 0,
      },
    ]);
  });
});
