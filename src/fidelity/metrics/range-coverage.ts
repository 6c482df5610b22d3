import type { FidelityContext } from '../context.js';
import type { ColumnMetricResult, MetricDescriptor } from '../types.js';
import { columnsOfShape } from './per-column.js';

/**
 * Range coverage, as SDMetrics 0.29 computes it (`single_column/statistical/range_coverage.py`), on
 * non-null values: with the real range [a, b] and the synthetic one [c, d],
 * 1 − |max((c − a)/(b − a), 0) − max((b − d)/(b − a), 0)|, clipped to [0, 1]; undefined for a
 * constant real column. (SDMetrics subtracts the two shortfalls; a synthetic range short at both
 * ends by the same amount therefore scores high — reproduced as is, and clipped since a long
 * one-sided shortfall can push the raw formula below 0.)
 */
export function rangeCoverageColumn(
  ctx: FidelityContext,
  name: string,
): number | { score: null; note: string } {
  const real = ctx.sortedValues('real', name);
  const synth = ctx.sortedValues('synthetic', name);
  if (real.length === 0 || synth.length === 0)
    return { score: null, note: 'the real or the synthetic column has no value' };
  const a = real[0]!;
  const b = real[real.length - 1]!;
  if (a === b) return { score: null, note: 'the real column is constant' };
  const c = synth[0]!;
  const d = synth[synth.length - 1]!;
  const low = Math.max((c - a) / (b - a), 0);
  const high = Math.max((b - d) / (b - a), 0);
  return Math.max(0, Math.min(1, 1 - Math.abs(low - high)));
}

export const rangeCoverageMetric: MetricDescriptor<ColumnMetricResult> = {
  name: 'RangeCoverage',
  goal: 'maximize',
  range: [0, 1],
  description:
    'How much of the real min–max range of each numerical/datetime column the synthetic values span (SDMetrics 0.29 RangeCoverage).',
  compute(ctx) {
    return columnsOfShape(ctx, 'RangeCoverage', 'continuous', (name) => rangeCoverageColumn(ctx, name));
  },
};
