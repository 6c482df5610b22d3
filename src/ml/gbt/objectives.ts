import { InputError } from '../../errors.js';
import type { Gradients } from './tree-builder.js';

/**
 * Loss functions of gradient boosting: their starting score, first and second derivatives with
 * respect to the raw score, and the training loss (for monitoring). Raw scores are stored
 * row-major with `nOutputs` per row (one per class for softmax).
 */
export interface Objective {
  readonly nOutputs: number;
  /** Constant raw score(s) minimizing the loss before any tree (log-odds, mean, log-priors). */
  initScores(y: Float64Array): Float64Array;
  /** Fills `grads[k]` for output k; returns the mean training loss at `raw`. */
  gradients(y: Float64Array, raw: Float64Array, grads: Gradients[]): number;
}

/** Hessians are floored so leaves of near-pure nodes stay finite (as LightGBM and XGBoost do). */
const MIN_HESSIAN = 1e-16;
/** Probabilities are clipped here when a prior or a loss term would be infinite. */
const EPS = 1e-15;

/** Squared error ½(F − y)²: g = F − y, h = 1; starts at the mean. */
export const squaredError: Objective = {
  nOutputs: 1,
  initScores(y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i]!;
    return Float64Array.of(y.length ? s / y.length : 0);
  },
  gradients(y, raw, grads) {
    const { g, h } = grads[0]!;
    let loss = 0;
    for (let i = 0; i < y.length; i++) {
      const d = raw[i]! - y[i]!;
      g[i] = d;
      h[i] = 1;
      loss += d * d;
    }
    return loss / (2 * y.length);
  },
};

/** Binary log-loss with a sigmoid link: g = p − y, h = p(1 − p); starts at the log-odds of the base rate. */
export const binaryLogLoss: Objective = {
  nOutputs: 1,
  initScores(y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i]!;
    const p = clip(y.length ? s / y.length : 0.5);
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(y, raw, grads) {
    const { g, h } = grads[0]!;
    const loss = new LogSum();
    for (let i = 0; i < y.length; i++) {
      const p = sigmoid(raw[i]!);
      const yi = y[i]!;
      g[i] = p - yi;
      const hi = p * (1 - p);
      h[i] = Math.max(hi, MIN_HESSIAN);
      loss.add(clip(yi === 1 ? p : 1 - p));
    }
    return -loss.total() / y.length;
  },
};

/**
 * Softmax cross-entropy over K classes: g_k = p_k − [y = k], h_k = K/(K−1)·p_k(1 − p_k) (the
 * diagonal Newton step with LightGBM's K/(K−1) factor); starts at the log class priors.
 */
export function softmaxLogLoss(K: number): Objective {
  const factor = K / (K - 1);
  const p = new Float64Array(K);
  return {
    nOutputs: K,
    initScores(y) {
      const counts = new Float64Array(K);
      for (let i = 0; i < y.length; i++) counts[y[i]!]++;
      return counts.map((c) => Math.log(clip(y.length ? c / y.length : 1 / K)));
    },
    gradients(y, raw, grads) {
      const loss = new LogSum();
      for (let i = 0; i < y.length; i++) {
        const base = i * K;
        softmaxInto(raw, base, K, p);
        const yi = y[i]!;
        for (let k = 0; k < K; k++) {
          const pk = p[k]!;
          grads[k]!.g[i] = pk - (yi === k ? 1 : 0);
          const hk = factor * pk * (1 - pk);
          grads[k]!.h[i] = Math.max(hk, MIN_HESSIAN);
        }
        loss.add(clip(p[yi]!));
      }
      return -loss.total() / y.length;
    },
  };
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Softmax of `raw[base .. base+K)` into `out`, shifted by the max for stability. */
export function softmaxInto(raw: Float64Array, base: number, K: number, out: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (raw[base + k]! > max) max = raw[base + k]!;
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp(raw[base + k]! - max);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < K; k++) out[k] = out[k]! / sum;
}

/**
 * Σ log q over many q ∈ [1e-15, 1], taking one logarithm per 16 factors: the product of 16 such
 * factors stays above 1e-240, far from underflow, and the log of a product equals the sum of logs
 * up to rounding. Cuts the cost of monitoring the training loss about tenfold.
 */
class LogSum {
  private sum = 0;
  private product = 1;
  private count = 0;

  add(q: number): void {
    this.product *= q;
    if (++this.count === 16) {
      this.sum += Math.log(this.product);
      this.product = 1;
      this.count = 0;
    }
  }

  total(): number {
    return this.sum + Math.log(this.product);
  }
}

function clip(p: number): number {
  return Math.min(Math.max(p, EPS), 1 - EPS);
}

/** The objective of that kind, after checking the target fits it (InputError `E_ML_TARGET` naming the row). */
export function objectiveFor(
  kind: 'binary' | 'regression' | 'multiclass',
  numClasses: number | undefined,
  y: Float64Array,
): Objective {
  const bad = (i: number, rule: string, hint: string) =>
    new InputError('E_ML_TARGET', `target value ${y[i]} at row ${i + 1} is not ${rule}`, {
      location: { row: i + 1 },
      hint,
    });
  if (kind === 'regression') {
    for (let i = 0; i < y.length; i++)
      if (!Number.isFinite(y[i]!))
        throw bad(i, 'a finite number', 'drop or impute rows whose target is missing');
    return squaredError;
  }
  if (kind === 'binary') {
    for (let i = 0; i < y.length; i++)
      if (y[i] !== 0 && y[i] !== 1)
        throw bad(i, '0 or 1', 'encode the positive class as 1 and the other as 0');
    return binaryLogLoss;
  }
  let max = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isInteger(v) || v < 0 || (numClasses !== undefined && v >= numClasses))
      throw bad(
        i,
        `a class label in 0..${(numClasses ?? Number.POSITIVE_INFINITY) - 1}`,
        'encode classes as 0..K-1',
      );
    if (v > max) max = v;
  }
  return softmaxLogLoss(Math.max(2, numClasses ?? max + 1));
}
