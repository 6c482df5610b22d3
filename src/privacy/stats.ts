/**
 * Interval estimates shared by the privacy metrics. Every figure of an audit carries a 95 % CI;
 * these are the few estimators used, each named in the metric's `ciMethod`.
 */
import { normalQuantile } from '../util/normal.js';

/** A point estimate with its confidence interval `[lo, hi]` and how the interval was obtained. */
export interface Estimate {
  value: number;
  ci: [number, number];
  ciMethod: string;
}

/** Two-sided critical value z for a confidence level, e.g. 1.96 for 0.95. */
export function zFor(confidence: number): number {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  return normalQuantile(0.5 * (1 + confidence));
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Wilson score interval for a binomial proportion (Wilson 1927), with the MLE `k/n` as point estimate.
 * `k` may be fractional (e.g. ties counted ½). The interval always contains `k/n`.
 *
 * @example
 * wilson(500, 500).ci; // => [0.99237…, 1]
 */
export function wilson(k: number, n: number, confidence = 0.95): Estimate {
  if (n <= 0) return { value: 0, ci: [0, 1], ciMethod: 'Wilson score (no trials)' };
  const z = zFor(confidence);
  const p = k / n;
  const z2 = z * z;
  const den = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / den;
  const half = (z / den) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    value: p,
    ci: [Math.min(p, clamp01(center - half)), Math.max(p, clamp01(center + half))],
    ciMethod: 'Wilson score',
  };
}

/**
 * An attack success rate as Anonymeter 1.0 reports it (`stats/confidence.py`, `success_rate`): the
 * Wilson interval's centre `(k + z²/2)/(n + z²)` as the rate and its half-width as the error.
 */
export interface SuccessRate {
  rate: number;
  error: number;
}

export function anonymeterSuccessRate(k: number, n: number, confidence = 0.95): SuccessRate {
  const z = zFor(confidence);
  const z2 = z * z;
  if (n <= 0) return { rate: 0.5, error: 0.5 };
  const den = n + z2;
  const rate = (k + 0.5 * z2) / den;
  const error = (z / den) * Math.sqrt((k * (n - k)) / n + 0.25 * z2);
  return { rate, error };
}

/**
 * Anonymeter's privacy risk (`residual_success` + `bind_value`): the excess of the attack's success
 * over the control attack's, normalised by the control's room for improvement,
 * `(attack − control)/(1 − control)`, with first-order error propagation; point and bounds clipped
 * to [0, 1], so the interval always contains the point.
 *
 * @example
 * residualRisk({ rate: 0.9962, error: 0.0038 }, { rate: 0.259, error: 0.038 }).value; // => 0.99487…
 */
export function residualRisk(attack: SuccessRate, control: SuccessRate): Estimate {
  const room = 1 - control.rate;
  const residual = (attack.rate - control.rate) / room;
  const dAttack = 1 / Math.abs(room);
  const dControl = (attack.rate - 1) / (room * room);
  const error = Math.sqrt((attack.error * dAttack) ** 2 + (control.error * dControl) ** 2);
  return bindRisk(
    residual,
    error,
    'Anonymeter residual risk: Wilson rates, error propagated, clipped to [0, 1]',
  );
}

/** Point ± error clipped to [0, 1] (Anonymeter's `bind_value`). */
export function bindRisk(point: number, error: number, ciMethod: string): Estimate {
  return { value: clamp01(point), ci: [clamp01(point - error), clamp01(point + error)], ciMethod };
}

const logFactorialCache: number[] = [0];

function logFactorial(n: number): number {
  for (let i = logFactorialCache.length; i <= n; i++)
    logFactorialCache.push(logFactorialCache[i - 1]! + Math.log(i));
  return logFactorialCache[n]!;
}

/**
 * Exact one-sided binomial test p-value P(X ≥ k) for X ~ Binomial(n, p), summed in log space.
 *
 * @example
 * binomialUpperTail(60, 100, 0.5); // => 0.02844…
 */
export function binomialUpperTail(k: number, n: number, p = 0.5): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const lfn = logFactorial(n);
  let maxTerm = Number.NEGATIVE_INFINITY;
  const terms: number[] = [];
  for (let i = k; i <= n; i++) {
    const t = lfn - logFactorial(i) - logFactorial(n - i) + i * lp + (n - i) * lq;
    terms.push(t);
    if (t > maxTerm) maxTerm = t;
  }
  let s = 0;
  for (const t of terms) s += Math.exp(t - maxTerm);
  return Math.min(1, Math.exp(maxTerm + Math.log(s)));
}

/**
 * Distribution-free CI for a quantile from order statistics: the ranks whose binomial probability
 * brackets the quantile (normal approximation to Binomial(n, q) for the ranks, exact order statistics
 * for the values). `sorted` must be ascending.
 *
 * @example
 * quantileWithCi(Float64Array.of(1, 2, 3, 4, 5), 0.5).value; // => 3
 */
export function quantileWithCi(sorted: ArrayLike<number>, q: number, confidence = 0.95): Estimate {
  const n = sorted.length;
  if (n === 0)
    return { value: Number.NaN, ci: [Number.NaN, Number.NaN], ciMethod: 'order statistics (empty)' };
  const value = quantileSorted(sorted, q);
  const z = zFor(confidence);
  const sd = Math.sqrt(n * q * (1 - q));
  const lo = Math.max(0, Math.floor(n * q - z * sd) - 1);
  const hi = Math.min(n - 1, Math.ceil(n * q + z * sd));
  return {
    value,
    ci: [Math.min(value, sorted[lo]!), Math.max(value, sorted[hi]!)],
    ciMethod: 'order-statistic (distribution-free) interval',
  };
}

/** Linear-interpolation quantile of an ascending array (numpy's default, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const i = Math.floor(h);
  const f = h - i;
  return i + 1 < n ? sorted[i]! + f * (sorted[i + 1]! - sorted[i]!) : sorted[i]!;
}

/** An exact figure (a property of the released table itself, not an estimate): CI = [value, value]. */
export function exact(
  value: number,
  why = 'exact: a property of the released table, no sampling uncertainty',
): Estimate {
  return { value, ci: [value, value], ciMethod: why };
}
