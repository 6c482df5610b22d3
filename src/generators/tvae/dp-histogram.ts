import type { Rng } from '../../rng.js';

/**
 * A differentially private histogram of one numeric column over public bounds: counts of 256
 * equal-width bins (or one bin per integer when an integer column spans at most 256 values), each
 * plus Gaussian noise N(0, noiseStd²), negative counts set to 0 (post-processing, free). Under
 * DP, TVAE fits its per-column mode mixture to this histogram instead of the raw values, so the
 * mode-specific normalization spends a known share of the budget.
 *
 * Sensitivity: adding or removing one row changes one bin of each numeric column's histogram by 1,
 * so k histograms released together have L2 sensitivity √k; the caller sets
 * noiseStd = σ_h·√k for a Gaussian mechanism with noise multiplier σ_h (RDP α / (2σ_h²)).
 * Values outside the bounds fall in the edge bins.
 *
 * @example
 * const h = noisyHistogram(Float64Array.of(1, 2, 2, 3), 0, 10, true, 0.5, rng);
 * h.centers.length; // => 11 (one bin per integer 0..10)
 */
export interface NoisyHistogram {
  centers: Float64Array;
  counts: Float64Array;
}

export const DP_HISTOGRAM_BINS = 256;

export function noisyHistogram(
  values: Float64Array,
  lo: number,
  hi: number,
  integer: boolean,
  noiseStd: number,
  rng: Rng,
): NoisyHistogram {
  let centers: Float64Array;
  let binOf: (x: number) => number;
  if (!(hi > lo)) {
    centers = Float64Array.of(lo);
    binOf = () => 0;
  } else if (integer && hi - lo + 1 <= DP_HISTOGRAM_BINS) {
    const a = Math.ceil(lo);
    const m = Math.floor(hi) - a + 1;
    centers = Float64Array.from({ length: m }, (_, i) => a + i);
    binOf = (x) => Math.min(m - 1, Math.max(0, Math.round(x) - a));
  } else {
    const m = DP_HISTOGRAM_BINS;
    const w = (hi - lo) / m;
    centers = Float64Array.from({ length: m }, (_, i) => lo + (i + 0.5) * w);
    binOf = (x) => Math.min(m - 1, Math.max(0, Math.floor((x - lo) / w)));
  }
  const counts = new Float64Array(centers.length);
  for (let i = 0; i < values.length; i++) counts[binOf(values[i]!)]!++;
  for (let b = 0; b < counts.length; b++) counts[b] = Math.max(0, counts[b]! + noiseStd * rng.normal());
  return { centers, counts };
}
