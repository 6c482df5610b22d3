import type { Rng } from '../../rng.js';
import { normalCdf } from '../../util/normal.js';

/**
 * Differential-privacy mechanisms (pure functions of their inputs and a seeded Rng). Callers go
 * through `PrivacyAccountant` (ledger.ts), which charges the budget and records each use.
 *
 * Neighbouring datasets differ by adding or removing one row ("unbounded" DP, as in OpenDP and
 * MST); replacing a row is a removal plus an addition, so ε-DP here is 2ε-DP under replacement.
 *
 * Noise is textbook floating-point noise (inverse-CDF Laplace, polar-method normals): it is not
 * hardened against Mironov's attack on the low-order bits of floating-point Laplace samples
 * ("On significance of the least significant bits for differential privacy", CCS 2012).
 */

/**
 * One Laplace(0, scale) draw by inverting the CDF.
 *
 * @example
 * laplaceNoise(2, new Rng(1)); // => a draw with mean 0 and standard deviation 2√2
 */
export function laplaceNoise(scale: number, rng: Rng): number {
  const u = rng.uniformOpen() - 0.5;
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

/**
 * Laplace mechanism (Dwork, McSherry, Nissim & Smith 2006): each value plus Laplace(Δ₁/ε) noise,
 * ε-DP when one row changes the vector by at most Δ₁ in L1 norm.
 *
 * @example
 * laplaceMechanism(Float64Array.of(10, 20), 1, 0.5, rng); // => [10 ± Lap(2), 20 ± Lap(2)]
 */
export function laplaceMechanism(
  values: ArrayLike<number>,
  l1Sensitivity: number,
  epsilon: number,
  rng: Rng,
): Float64Array {
  if (!(epsilon > 0)) throw new RangeError(`Laplace mechanism needs ε > 0, got ${epsilon}`);
  const scale = l1Sensitivity / epsilon;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! + laplaceNoise(scale, rng);
  return out;
}

/**
 * δ of the Gaussian mechanism with noise σ for L2 sensitivity Δ at a given ε: the exact privacy
 * profile of Balle & Wang ("Improving the Gaussian Mechanism for Differential Privacy: Analytical
 * Calibration and Optimal Denoising", ICML 2018, Theorem 8):
 * δ(ε) = Φ(Δ/(2σ) − εσ/Δ) − e^ε Φ(−Δ/(2σ) − εσ/Δ).
 */
export function gaussianDelta(sigma: number, l2Sensitivity: number, epsilon: number): number {
  const a = l2Sensitivity / (2 * sigma);
  const b = (epsilon * sigma) / l2Sensitivity;
  return normalCdf(a - b) - Math.exp(epsilon) * normalCdf(-a - b);
}

/**
 * The smallest σ (to 1e-10 relative) for which the Gaussian mechanism is (ε, δ)-DP at L2
 * sensitivity Δ, by bisection on the analytic privacy profile (`gaussianDelta` decreases in σ).
 * Valid for every ε > 0, unlike the classic σ = Δ√(2 ln(1.25/δ))/ε, which needs ε < 1.
 *
 * @example
 * gaussianSigma(1, 1e-5, 1); // => ≈ 3.73 (the classic bound gives 4.84)
 */
export function gaussianSigma(epsilon: number, delta: number, l2Sensitivity: number): number {
  if (!(epsilon > 0) || !(delta > 0 && delta < 1))
    throw new RangeError(`Gaussian mechanism needs ε > 0 and 0 < δ < 1`);
  let lo = 0;
  let hi = l2Sensitivity;
  while (gaussianDelta(hi, l2Sensitivity, epsilon) > delta) hi *= 2;
  for (let it = 0; it < 200 && hi - lo > 1e-10 * hi; it++) {
    const mid = (lo + hi) / 2;
    if (gaussianDelta(mid, l2Sensitivity, epsilon) > delta) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Gaussian mechanism: each value plus N(0, σ²) with σ from `gaussianSigma`; (ε, δ)-DP. */
export function gaussianMechanism(
  values: ArrayLike<number>,
  l2Sensitivity: number,
  epsilon: number,
  delta: number,
  rng: Rng,
): Float64Array {
  const sigma = gaussianSigma(epsilon, delta, l2Sensitivity);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! + sigma * rng.normal();
  return out;
}

/**
 * Exponential mechanism (McSherry & Talwar 2007): picks candidate i with probability ∝
 * exp(ε·score_i / (2Δ)), ε-DP when one row moves every score by at most Δ. Sampled with the
 * Gumbel-max trick (argmax of the scaled score plus Gumbel noise), which has exactly that law.
 *
 * @example
 * exponentialMechanism([0, 100, 0], 1, 1, rng); // => 1 with probability ≈ 1 − 2e⁻⁵⁰
 */
export function exponentialMechanism(
  scores: ArrayLike<number>,
  sensitivity: number,
  epsilon: number,
  rng: Rng,
): number {
  if (scores.length === 0) throw new RangeError('exponential mechanism needs at least one candidate');
  if (!(epsilon > 0)) throw new RangeError(`exponential mechanism needs ε > 0, got ${epsilon}`);
  const scale = epsilon / (2 * sensitivity);
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < scores.length; i++) {
    const g = -Math.log(-Math.log(rng.uniformOpen()));
    const v = scale * scores[i]! + g;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}

/**
 * The release threshold of a Laplace-noised count for keys from an unknown domain: a key whose
 * count plus Lap(1/ε) reaches τ = 1 + ln(1/(2δ))/ε is released. When each row holds one key,
 * the set released is (ε, δ)-DP: a key held by a single row crosses τ with probability ≤ δ
 * (Korolova, Kenthapadi, Mishra & Ntoulas 2009; Wilson et al. 2020, "Differentially Private SQL
 * with Bounded User Contribution", §3).
 */
export function releaseThreshold(epsilon: number, delta: number): number {
  return 1 + Math.log(1 / (2 * delta)) / epsilon;
}

/**
 * Indices of keys whose noisy count crosses `releaseThreshold(ε, δ)`. Keys with count 0 are never
 * released (they are not in the data, so nothing is known about them).
 *
 * @example
 * thresholdKeys([5000, 1, 0], 1, 1e-6, rng); // => [0]
 */
export function thresholdKeys(counts: ArrayLike<number>, epsilon: number, delta: number, rng: Rng): number[] {
  const tau = releaseThreshold(epsilon, delta);
  const out: number[] = [];
  for (let k = 0; k < counts.length; k++) {
    if (counts[k]! <= 0) continue;
    if (counts[k]! + laplaceNoise(1 / epsilon, rng) >= tau) out.push(k);
  }
  return out;
}
