import type { FidelityContext } from '../context.js';
import type { ColumnMetricResult, MetricDescriptor } from '../types.js';
import { columnsOfShape } from './per-column.js';

/**
 * TV complement, as SDMetrics 0.29 computes it (`single_column/statistical/tv_complement.py` with
 * `utils.get_frequencies`): nulls are dropped, then 1 − ½ Σ |p_synth(v) − p_real(v)| over every
 * value v seen in either table. A synthetic value absent from the real table counts with real
 * frequency ≈ 0 (SDMetrics adds 1e-6 to its real count; we do the same so the numbers agree to
 * the last digit). `?` or any other token is just a value; only true nulls are dropped.
 */

/**
 * TV complement of two count vectors over the same categories.
 *
 * @example
 * tvComplement(Float64Array.of(5, 5), Float64Array.of(10, 0)); // => 0.5
 */
export function tvComplement(real: Float64Array, synthetic: Float64Array): number {
  let nReal = 0;
  let nSynth = 0;
  let unseen = 0;
  for (let k = 0; k < real.length; k++) {
    nReal += real[k]!;
    nSynth += synthetic[k]!;
    if (real[k] === 0 && synthetic[k]! > 0) unseen++;
  }
  if (nReal === 0 || nSynth === 0) return Number.NaN;
  const realTotal = nReal + 1e-6 * unseen;
  let tv = 0;
  for (let k = 0; k < real.length; k++) {
    const r = real[k] === 0 && synthetic[k]! > 0 ? 1e-6 : real[k]!;
    tv += Math.abs(synthetic[k]! / nSynth - r / realTotal);
  }
  // Clamp away rounding (disjoint supports can give 1 − ½·2.0000000000000004).
  return Math.max(0, Math.min(1, 1 - 0.5 * tv));
}

/** TV complement of one discrete column (real vs synthetic, aligned by string value). */
export function tvComplementColumn(
  ctx: FidelityContext,
  name: string,
): number | { score: null; note: string } {
  const v = tvComplement(ctx.categoryCounts('real', name), ctx.categoryCounts('synthetic', name));
  if (Number.isNaN(v)) return { score: null, note: 'no non-null value in the real or the synthetic column' };
  return v;
}

export const tvComplementMetric: MetricDescriptor<ColumnMetricResult> = {
  name: 'TVComplement',
  goal: 'maximize',
  range: [0, 1],
  description:
    '1 − total variation distance between the real and synthetic category frequencies of each categorical or boolean column (SDMetrics 0.29 TVComplement).',
  compute(ctx) {
    return columnsOfShape(ctx, 'TVComplement', 'discrete', (name) => tvComplementColumn(ctx, name));
  },
};
