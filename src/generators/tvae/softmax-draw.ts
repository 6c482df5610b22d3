import type { Rng } from '../../rng.js';

/**
 * An index drawn with probability ∝ exp(v[o + t]) for t in [0, size): shifted by the maximum so
 * no exponential overflows, one uniform draw, inverse CDF. Used for categorical blocks at sampling
 * time and for the mixture mode of a value in mode-specific normalization.
 *
 * @example
 * softmaxDraw(Float64Array.of(0, Math.log(3)), 0, 2, rng, new Float64Array(2)); // 1 three times in four
 */
export function softmaxDraw(
  v: ArrayLike<number>,
  o: number,
  size: number,
  rng: Rng,
  scratch: Float64Array,
): number {
  let mx = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < size; t++) if (v[o + t]! > mx) mx = v[o + t]!;
  let total = 0;
  for (let t = 0; t < size; t++) {
    scratch[t] = Math.exp(v[o + t]! - mx);
    total += scratch[t]!;
  }
  let u = rng.uniform() * total;
  for (let t = 0; t < size; t++) {
    u -= scratch[t]!;
    if (u < 0) return t;
  }
  return size - 1;
}
