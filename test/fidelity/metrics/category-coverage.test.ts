import { describe, expect, it } from 'vitest';
import { categoryCoverageMetric } from '../../../src/fidelity/metrics/category-coverage.js';
import { ctxOf, table } from '../tiny.js';

describe('CategoryCoverage', () => {
  it('is the share of real categories present in the synthetic column (extra synthetic ones do not count)', async () => {
    const r = await categoryCoverageMetric.compute(
      ctxOf(table({ c: ['a', 'b', 'c', 'd'] }), table({ c: ['a', 'c', 'x'] })),
    );
    expect(r.columns[0]).toMatchObject({ score: 0.5, realCategories: 4, coveredCategories: 2 });
  });
});
