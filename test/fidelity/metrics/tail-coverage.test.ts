import { describe, expect, it } from 'vitest';
import { tailCoverageMetric } from '../../../src/fidelity/metrics/tail-coverage.js';
import { ctxOf, table } from '../tiny.js';

describe('TailCoverage', () => {
  it('is the share of rare (< 1 %) real categories the synthetic data keeps, without naming them', async () => {
    const real = [...Array(300).fill('common'), 'rare1', 'rare2', 'rare3'];
    const synth = [...Array(300).fill('common'), 'rare2'];
    const r = await tailCoverageMetric.compute(ctxOf(table({ c: real }), table({ c: synth })));
    expect(r.columns[0]).toMatchObject({ score: 1 / 3, rareCategories: 3, coveredRareCategories: 1 });
    expect(r).toMatchObject({ rareCategories: 3, coveredRareCategories: 1 });
    expect(JSON.stringify(r)).not.toMatch(/rare\d/);
  });

  it('has no score for a column without rare categories', async () => {
    const r = await tailCoverageMetric.compute(ctxOf(table({ c: ['a', 'b'] }), table({ c: ['a'] })));
    expect(r.columns[0]!.score).toBeNull();
    expect(r.score).toBeNull();
  });
});
