import type { FidelityContext } from '../context.js';
import type { ColumnMetricResult, ColumnScore, MetricDescriptor } from '../types.js';
import { columnsOfShape } from './per-column.js';

/**
 * Category coverage, as SDMetrics 0.29 computes it (`single_column/statistical/category_coverage.py`):
 * the share of the real column's (non-null) categories that appear at least once in the synthetic
 * column.
 */

export interface CategoryCoverageCell extends ColumnScore {
  realCategories?: number;
  coveredCategories?: number;
}

export function categoryCoverageColumn(
  ctx: FidelityContext,
  name: string,
): { score: number | null; note?: string; realCategories: number; coveredCategories: number } {
  const real = ctx.categoryCounts('real', name);
  const synth = ctx.categoryCounts('synthetic', name);
  let realCategories = 0;
  let coveredCategories = 0;
  for (let k = 0; k < real.length; k++) {
    if (real[k]! > 0) {
      realCategories++;
      if (synth[k]! > 0) coveredCategories++;
    }
  }
  if (realCategories === 0)
    return { score: null, note: 'the real column has no value', realCategories, coveredCategories };
  return { score: coveredCategories / realCategories, realCategories, coveredCategories };
}

export const categoryCoverageMetric: MetricDescriptor<ColumnMetricResult<CategoryCoverageCell>> = {
  name: 'CategoryCoverage',
  goal: 'maximize',
  range: [0, 1],
  description:
    'Share of the real categories of each categorical/boolean column that the synthetic data contains (SDMetrics 0.29 CategoryCoverage).',
  compute(ctx) {
    return columnsOfShape(ctx, 'CategoryCoverage', 'discrete', (name) => categoryCoverageColumn(ctx, name));
  },
};
