import { erfc } from '../../util/normal.js';

/**
 * Rényi-DP accountant for DP-SGD: the sampled Gaussian mechanism (SGM) under Poisson subsampling,
 * add/remove-one neighbours, composed over steps and converted to (ε, δ).
 *
 * - Integer orders α: A_α = Σ_{k=0..α} C(α,k) (1−q)^{α−k} q^k exp((k²−k)/(2σ²)) exactly
 *   (Mironov, Talwar & Zhang 2019, "Rényi Differential Privacy of the Sampled Gaussian Mechanism", §3.2).
 * - Fractional α: split E_{z∼N(0,σ²)}[(1−q+q·e^{(2z−1)/(2σ²)})^α] at z₀ = σ² ln(1/q − 1) + ½, expand
 *   each side binomially and integrate term by term (same paper, §3.3): two series of
 *   C(α,i)·(weights)·e^{(i²−i)/(2σ²)}·½erfc(·), summed until terms fall below e^−30.
 * - RDP of one step is ln(A_α)/(α−1); T steps compose additively; a plain Gaussian mechanism with
 *   noise multiplier σ has RDP α/(2σ²) (Mironov 2017).
 * - (ε, δ): `classic` ε = min_α RDP(α) + ln(1/δ)/(α−1) (Mironov 2017, Prop. 3; TF-Privacy's
 *   historical `get_privacy_spent`); `improved` ε = min_α RDP(α) − (ln δ + ln α)/(α−1) + ln((α−1)/α)
 *   (Canonne, Kamath & Steinke 2020; what Opacus reports). `improved` is never larger.
 *
 * Orders default to Opacus's list (1.1, 1.2, …, 10.9, then 12, 13, …, 63) plus 80 … 2048.
 *
 * @example
 * const orders = Array.from({ length: 31 }, (_, i) => i + 2);
 * const rdp = rdpSampledGaussian(0.01, 4, orders).map((r) => r * 10_000);
 * epsilonFromRdp(orders, rdp, 1e-5, 'classic'); // => { epsilon: 1.2586, order: 20 } (TF-Privacy's test value)
 */
export const DEFAULT_ORDERS: readonly number[] = [
  ...Array.from({ length: 99 }, (_, i) => 1 + (i + 1) / 10),
  ...Array.from({ length: 52 }, (_, i) => 12 + i),
  // Larger orders (as TF-Privacy's lists) so that small budgets (ε ≲ 0.2, e.g. the share of the
  // mode histograms) are reachable: at order α the conversion alone costs about ln(1/δ)/(α − 1).
  ...[80, 96, 128, 160, 192, 256, 320, 384, 512, 768, 1024, 1536, 2048],
];

export type RdpConversion = 'classic' | 'improved';

function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const m = Math.max(a, b);
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** ln(e^a − e^b) for a ≥ b. */
function logSub(a: number, b: number): number {
  if (b === Number.NEGATIVE_INFINITY) return a;
  if (a === b) return Number.NEGATIVE_INFINITY;
  if (a < b) throw new Error('rdp: logSub of a negative difference');
  return a + Math.log(-Math.expm1(b - a));
}

/**
 * ln erfc(x), accurate where erfc underflows: Cody's erfc below 4, the Laplace continued fraction
 * erfc(x) = e^{−x²}/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))) above.
 */
export function logErfc(x: number): number {
  if (x < 4) return Math.log(erfc(x));
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / 2 / f;
  return -x * x - 0.5 * Math.log(Math.PI) - Math.log(f);
}

function logAInt(q: number, sigma: number, alpha: number): number {
  let logA = Number.NEGATIVE_INFINITY;
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  let logBinom = 0; // ln C(α, k), updated incrementally
  for (let k = 0; k <= alpha; k++) {
    if (k > 0) logBinom += Math.log(alpha - k + 1) - Math.log(k);
    const s = logBinom + k * lq + (alpha - k) * l1q + (k * k - k) / (2 * sigma * sigma);
    logA = logAdd(logA, s);
  }
  return logA;
}

function logAFrac(q: number, sigma: number, alpha: number): number {
  let a0 = Number.NEGATIVE_INFINITY;
  let a1 = Number.NEGATIVE_INFINITY;
  const z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  const s2 = Math.SQRT2 * sigma;
  let logCoef = 0; // ln|C(α, i)|
  let sign = 1;
  for (let i = 0; i < 10_000; i++) {
    if (i > 0) {
      const ratio = (alpha - (i - 1)) / i;
      if (ratio === 0) break;
      logCoef += Math.log(Math.abs(ratio));
      if (ratio < 0) sign = -sign;
    }
    const j = alpha - i;
    const t0 = logCoef + i * lq + j * l1q;
    const t1 = logCoef + j * lq + i * l1q;
    const e0 = Math.log(0.5) + logErfc((i - z0) / s2);
    const e1 = Math.log(0.5) + logErfc((z0 - j) / s2);
    const s0 = t0 + (i * i - i) / (2 * sigma * sigma) + e0;
    const s1 = t1 + (j * j - j) / (2 * sigma * sigma) + e1;
    if (sign > 0) {
      a0 = logAdd(a0, s0);
      a1 = logAdd(a1, s1);
    } else {
      a0 = logSub(a0, s0);
      a1 = logSub(a1, s1);
    }
    if (Math.max(s0, s1) < -30) break;
  }
  return logAdd(a0, a1);
}

/**
 * RDP of one step of the sampled Gaussian mechanism at each order (sampling rate q, noise
 * multiplier σ = noise std / L2 sensitivity).
 */
export function rdpSampledGaussian(q: number, sigma: number, orders: readonly number[]): number[] {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`sampling rate must be in [0, 1], got ${q}`);
  if (!(sigma >= 0)) throw new RangeError(`noise multiplier must be ≥ 0, got ${sigma}`);
  return orders.map((alpha) => {
    if (q === 0) return 0;
    if (sigma === 0 || alpha === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    if (q === 1) return alpha / (2 * sigma * sigma);
    const logA = Number.isInteger(alpha) ? logAInt(q, sigma, alpha) : logAFrac(q, sigma, alpha);
    return logA / (alpha - 1);
  });
}

/** RDP of the (unsampled) Gaussian mechanism with noise multiplier σ: α / (2σ²). */
export function rdpGaussian(sigma: number, orders: readonly number[]): number[] {
  return orders.map((alpha) => alpha / (2 * sigma * sigma));
}

/** Best (ε, order) for a target δ from composed RDP values. */
export function epsilonFromRdp(
  orders: readonly number[],
  rdp: readonly number[],
  delta: number,
  conversion: RdpConversion = 'improved',
): { epsilon: number; order: number } {
  if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1), got ${delta}`);
  let best = Number.POSITIVE_INFINITY;
  let order = Number.NaN;
  const ld = Math.log(delta);
  orders.forEach((a, i) => {
    const r = rdp[i]!;
    if (!(a > 1) || !Number.isFinite(r)) return;
    const eps =
      conversion === 'classic' ? r - ld / (a - 1) : r - (ld + Math.log(a)) / (a - 1) + Math.log((a - 1) / a);
    if (eps < best) {
      best = eps;
      order = a;
    }
  });
  return { epsilon: Math.max(0, best), order };
}

export interface SgdAccounting {
  /** Poisson sampling rate per step. */
  q: number;
  steps: number;
  delta: number;
  /** RDP already spent by other releases, per order (e.g. DP histograms), added before conversion. */
  extraRdp?: readonly number[];
  orders?: readonly number[];
  conversion?: RdpConversion;
}

/** ε spent by `steps` SGM steps at noise σ, plus `extraRdp`. */
export function sgdEpsilon(sigma: number, a: SgdAccounting): { epsilon: number; order: number } {
  const orders = a.orders ?? DEFAULT_ORDERS;
  const per = rdpSampledGaussian(a.q, sigma, orders);
  const total = per.map((r, i) => r * a.steps + (a.extraRdp?.[i] ?? 0));
  return epsilonFromRdp(orders, total, a.delta, a.conversion);
}

/**
 * The smallest noise multiplier (to 0.1 %) whose total ε is at most `target`, by bisection
 * (ε decreases as σ grows). Throws a RangeError when even σ = 10⁴ cannot meet it (the extra RDP
 * alone exceeds the budget).
 */
export function noiseMultiplierForEpsilon(target: number, a: SgdAccounting): number {
  let hi = 1;
  while (sgdEpsilon(hi, a).epsilon > target) {
    hi *= 2;
    if (hi > 1e4) throw new RangeError(`no noise multiplier reaches ε = ${target}`);
  }
  let lo = hi / 2;
  if (sgdEpsilon(lo, a).epsilon <= target) {
    // Walk down while still within budget (target is loose).
    while (lo > 1e-3 && sgdEpsilon(lo / 2, a).epsilon <= target) lo /= 2;
    hi = lo;
    lo = lo / 2;
  }
  while (hi - lo > 1e-3 * hi) {
    const mid = (lo + hi) / 2;
    if (sgdEpsilon(mid, a).epsilon <= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The noise multiplier of a Gaussian mechanism that alone spends `epsilon` at `delta`. */
export function gaussianNoiseForEpsilon(
  epsilon: number,
  delta: number,
  orders: readonly number[] = DEFAULT_ORDERS,
): number {
  return noiseMultiplierForEpsilon(epsilon, { q: 1, steps: 1, delta, orders });
}
