import type { Rng } from '../rng.js';

/**
 * Univariate marginals for the copula (and any generator that needs value ↔ uniform transforms).
 *
 * Numeric columns use the empirical CDF. `toUniform` maps each value to a uniform draw inside its
 * ECDF step [F(x−), F(x)], so ties (integers, point masses such as capital-gain = 0) become
 * intervals, not spikes, and the normal scores stay continuous (the "frequency interval" trick of
 * SDV's categorical transformer, applied to every discrete mass). `fromUniform` inverts it:
 * - `discrete`: observed values with cumulative probabilities (few distinct values, each well
 *   populated) → only observed values come out;
 * - `continuous`: a quantile grid of ≤ 1001 points interpolated linearly → values are smoothed
 *   between quantiles, so rare exact values are not replayed.
 */
export interface DiscreteNumericMarginal {
  type: 'discrete';
  values: number[];
  /** cum[k] = P(X ≤ values[k]); the last is 1. */
  cum: number[];
}

export interface ContinuousNumericMarginal {
  type: 'continuous';
  /** Quantiles at p = k/(m−1), k = 0..m−1 (type-7 / linear interpolation), nondecreasing. */
  grid: number[];
}

export type NumericMarginal = DiscreteNumericMarginal | ContinuousNumericMarginal;

/** Categories ordered by decreasing frequency (ties by first appearance), with cumulative probabilities. */
export interface CategoricalMarginal {
  type: 'categorical';
  /** Indices into the caller's category list (e.g. the training dictionary; -1 may stand for null). */
  order: number[];
  cum: number[];
}

const GRID_POINTS = 1001;

/** Use the discrete form when values are few and each is well populated (≥ 20 rows on average). */
export function chooseDiscrete(distinct: number, n: number): boolean {
  return distinct <= 256 || (distinct <= 1000 && n / distinct >= 20);
}

/** Fit a numeric marginal on finite values (nulls excluded by the caller). */
export function fitNumericMarginal(values: Float64Array): NumericMarginal {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return { type: 'discrete', values: [0], cum: [1] };
  let distinct = 1;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  if (chooseDiscrete(distinct, n)) {
    const vals: number[] = [];
    const cum: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i === n - 1 || sorted[i + 1] !== sorted[i]) {
        vals.push(sorted[i]!);
        cum.push((i + 1) / n);
      }
    }
    cum[cum.length - 1] = 1;
    return { type: 'discrete', values: vals, cum };
  }
  const m = Math.min(GRID_POINTS, n);
  const grid: number[] = new Array(m);
  for (let k = 0; k < m; k++) {
    const h = ((n - 1) * k) / (m - 1);
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    grid[k] = sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
  }
  return { type: 'continuous', grid };
}

/**
 * ECDF step interval of each value, jittered uniformly inside: u ∈ (F(x−), F(x)).
 * Computed from the data itself (not the stored marginal), so it is exact for the fit.
 */
export function numericToUniform(values: Float64Array, rng: Rng): Float64Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a]! - values[b]!);
  const u = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    for (let r = start; r < end; r++) u[order[r]!] = (start + rng.uniformOpen() * (end - start)) / n;
    start = end;
  }
  return u;
}

/** Inverse of the marginal: u ∈ (0, 1) → value. */
export function numericFromUniform(m: NumericMarginal, u: number): number {
  if (m.type === 'discrete') return m.values[searchCum(m.cum, u)]!;
  const g = m.grid;
  const h = u * (g.length - 1);
  const lo = Math.min(Math.floor(h), g.length - 1);
  const hi = Math.min(lo + 1, g.length - 1);
  return g[lo]! + (h - lo) * (g[hi]! - g[lo]!);
}

/** Fit category frequency intervals from per-category counts. */
export function fitCategoricalMarginal(
  counts: ArrayLike<number>,
  ids?: ArrayLike<number>,
): CategoricalMarginal {
  const k = counts.length;
  const idx = Array.from({ length: k }, (_, i) => i).filter((i) => counts[i]! > 0);
  idx.sort((a, b) => counts[b]! - counts[a]! || a - b);
  const total = idx.reduce((s, i) => s + counts[i]!, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const i of idx) {
    acc += counts[i]!;
    cum.push(acc / total);
  }
  if (cum.length) cum[cum.length - 1] = 1;
  return { type: 'categorical', order: idx.map((i) => (ids ? ids[i]! : i)), cum };
}

/** Uniform draw inside the category's frequency interval. `pos` = position of the category in `order`. */
export function categoricalToUniform(m: CategoricalMarginal, pos: number, rng: Rng): number {
  const lo = pos === 0 ? 0 : m.cum[pos - 1]!;
  const hi = m.cum[pos]!;
  return lo + rng.uniformOpen() * (hi - lo);
}

export function categoricalFromUniform(m: CategoricalMarginal, u: number): number {
  return m.order[searchCum(m.cum, u)]!;
}

/** Smallest k with cum[k] ≥ u (binary search). */
export function searchCum(cum: readonly number[], u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
