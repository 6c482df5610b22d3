import type { FidelityContext } from '../context.js';
import type { ColumnMetricResult, MetricDescriptor } from '../types.js';
import { columnsOfShape } from './per-column.js';

/**
 * KS complement, as SDMetrics 0.29 computes it (`single_column/statistical/kscomplement.py`):
 * 1 − the two-sample Kolmogorov–Smirnov statistic D = max |F_real(x) − F_synth(x)| over the
 * non-null values (datetimes as numbers), after rounding values to 14 decimals (so that floating
 * noise such as 0.1 + 0.2 does not split ties). Undefined (null) when either side has no value.
 */

/** Round half to even at 14 decimals, like `pandas.Series.round(14)`; values too large to carry 14 decimals are kept. */
export function round14(x: number): number {
  const y = x * 1e14;
  if (!Number.isFinite(y) || Math.abs(y) >= 4503599627370496) return x;
  let r = Math.round(y);
  if (Math.abs(y % 1) === 0.5 && r % 2 !== 0) r -= 1; // half to even
  return r / 1e14;
}

/**
 * Two-sample KS statistic of two ascending samples (exact: the largest CDF gap over all values).
 *
 * @example
 * ksStatistic(Float64Array.of(1, 2, 3), Float64Array.of(2, 3, 4)); // => 1/3
 */
export function ksStatistic(
  a: Float64Array,
  b: Float64Array,
  round: (x: number) => number = round14,
): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return Number.NaN;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n || j < m) {
    const x = Math.min(i < n ? round(a[i]!) : Infinity, j < m ? round(b[j]!) : Infinity);
    while (i < n && round(a[i]!) <= x) i++;
    while (j < m && round(b[j]!) <= x) j++;
    const gap = Math.abs(i / n - j / m);
    if (gap > d) d = gap;
  }
  return d;
}

/** KS complement of one continuous column (real vs synthetic). */
export function ksComplementColumn(
  ctx: FidelityContext,
  name: string,
): number | { score: null; note: string } {
  const d = ksStatistic(ctx.sortedValues('real', name), ctx.sortedValues('synthetic', name));
  if (Number.isNaN(d)) return { score: null, note: 'no non-null value in the real or the synthetic column' };
  return 1 - d;
}

export const ksComplementMetric: MetricDescriptor<ColumnMetricResult> = {
  name: 'KSComplement',
  goal: 'maximize',
  range: [0, 1],
  description:
    '1 − Kolmogorov–Smirnov statistic between the real and synthetic distributions of each numerical or datetime column (SDMetrics 0.29 KSComplement).',
  compute(ctx) {
    return columnsOfShape(ctx, 'KSComplement', 'continuous', (name) => ksComplementColumn(ctx, name));
  },
};
