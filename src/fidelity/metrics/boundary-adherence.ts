import type { FidelityContext } from '../context.js';
import type { ColumnMetricResult, MetricDescriptor } from '../types.js';
import { columnsOfShape } from './per-column.js';

/**
 * Boundary adherence, as SDMetrics 0.29 computes it (`single_column/statistical/boundary_adherence.py`):
 * the share of non-null synthetic values that lie within [min, max] of the real column. The real
 * bounds themselves are not reported (they are the real extremes: outliers).
 */
export function boundaryAdherenceColumn(
  ctx: FidelityContext,
  name: string,
): number | { score: null; note: string } {
  const real = ctx.sortedValues('real', name);
  const synth = ctx.sortedValues('synthetic', name);
  if (real.length === 0) return { score: null, note: 'the real column has no value' };
  if (synth.length === 0) return { score: null, note: 'the synthetic column has no value' };
  const lo = real[0]!;
  const hi = real[real.length - 1]!;
  let inside = 0;
  for (let i = 0; i < synth.length; i++) if (synth[i]! >= lo && synth[i]! <= hi) inside++;
  return inside / synth.length;
}

export const boundaryAdherenceMetric: MetricDescriptor<ColumnMetricResult> = {
  name: 'BoundaryAdherence',
  goal: 'maximize',
  range: [0, 1],
  description:
    'Share of synthetic values of each numerical/datetime column inside the real min–max range (SDMetrics 0.29 BoundaryAdherence).',
  compute(ctx) {
    return columnsOfShape(ctx, 'BoundaryAdherence', 'continuous', (name) =>
      boundaryAdherenceColumn(ctx, name),
    );
  },
};
