import type { FidelityContext, Side } from './context.js';

/**
 * The discretization SDMetrics 0.29 applies to a numerical or datetime column before pairing it
 * with a categorical one (`ColumnPairTrends._discretize_column`): `np.histogram_bin_edges(values,
 * bins=10)` on the column's own non-null values — computed **separately on each table** — then
 * `np.digitize(values, edges)`. Reproduced exactly, quirks included:
 *  - edges are `min + i·(max − min)/10` for i = 0..9 and exactly `max` for i = 10 (numpy linspace);
 *    a constant column gets edges over [v − 0.5, v + 0.5]; an empty one over [0, 1];
 *  - `digitize` returns the number of edges ≤ x, so the minimum lands in bin 1, the maximum alone
 *    in bin 11, and a null (NaN) also in bin 11 (NaN sorts last in numpy's searchsorted).
 */

export const SDMETRICS_NUM_BINS = 10;

/**
 * `np.histogram_bin_edges(values, bins)` for an ascending sample without NaN.
 *
 * @example
 * histogramBinEdges(Float64Array.of(0, 10)); // => [0, 1, 2, …, 10]
 */
export function histogramBinEdges(sorted: Float64Array, bins = SDMETRICS_NUM_BINS): Float64Array {
  let first = 0;
  let last = 1;
  if (sorted.length > 0) {
    first = sorted[0]!;
    last = sorted[sorted.length - 1]!;
    if (!Number.isFinite(first) || !Number.isFinite(last)) {
      throw new Error(`autodetected range of [${first}, ${last}] is not finite`);
    }
  }
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const edges = new Float64Array(bins + 1);
  const step = (last - first) / bins;
  for (let i = 0; i < bins; i++) edges[i] = i * step + first;
  edges[bins] = last;
  return edges;
}

/** `np.digitize(x, edges)` for increasing edges: the number of edges ≤ x; NaN → edges.length. */
export function digitize(x: number, edges: Float64Array): number {
  if (Number.isNaN(x)) return edges.length;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bin index (0..11) of every row of a numeric column, on that table's own edges (cached). */
export function sdmetricsDiscretize(ctx: FidelityContext, side: Side, name: string): Int32Array {
  return ctx.memoize(`sdm-bins:${side}:${name}`, () => {
    const edges = histogramBinEdges(ctx.sortedValues(side, name));
    const c = ctx.numeric(side, name);
    const out = new Int32Array(c.values.length);
    for (let i = 0; i < out.length; i++) out[i] = digitize(c.valid.get(i) ? c.values[i]! : Number.NaN, edges);
    return out;
  });
}
