import { InputError } from '../../errors.js';
import { checkBinaryLabels, checkNoNaN, checkSameLength } from './validate.js';

/** Probabilities are clipped to [EPS, 1 − EPS] so a confident mistake costs a large, finite loss. */
const EPS = 1e-15;

/**
 * Mean binary cross-entropy `−[y·log p + (1 − y)·log(1 − p)]` of predicted P(y = 1). Matches
 * `sklearn.metrics.log_loss(y, p)` of scikit-learn 1.2 (probabilities clipped at `eps = 1e-15`).
 *
 * @example
 * logLoss([1, 0], [0.8, 0.4]); // => (−ln 0.8 − ln 0.6) / 2 ≈ 0.3670
 */
export function logLoss(yTrue: ArrayLike<number>, pPositive: ArrayLike<number>): number {
  checkSameLength('logLoss', yTrue, pPositive);
  checkBinaryLabels('logLoss', yTrue);
  checkNoNaN('logLoss', 'probability', pPositive);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = checkProbability(pPositive[i]!, i);
    s -= yTrue[i] === 1 ? Math.log(clip(p)) : Math.log(clip(1 - p));
  }
  return s / yTrue.length;
}

/**
 * Mean multiclass cross-entropy `−log p[y]` with `proba[k][i]` = P(row i is class k) and labels
 * `0..K-1`. Matches `sklearn.metrics.log_loss(y, P)` of scikit-learn 1.2 when each row sums to 1
 * (scikit-learn renormalizes rows; this function does too).
 *
 * @example
 * multiclassLogLoss([0, 2], [[0.7, 0.1], [0.2, 0.1], [0.1, 0.8]]); // => (−ln 0.7 − ln 0.8) / 2
 */
export function multiclassLogLoss(yTrue: ArrayLike<number>, proba: readonly ArrayLike<number>[]): number {
  const K = proba.length;
  for (const col of proba) checkSameLength('multiclassLogLoss', yTrue, col);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i]!;
    if (!Number.isInteger(y) || y < 0 || y >= K)
      throw new InputError(
        'E_ML_TARGET',
        `multiclassLogLoss: label ${y} at row ${i + 1} is not in 0..${K - 1}`,
        {
          location: { row: i + 1 },
          hint: 'pass one probability array per class, classes encoded 0..K-1',
        },
      );
    let total = 0;
    for (let k = 0; k < K; k++) total += clip(checkProbability(proba[k]![i]!, i));
    s -= Math.log(clip(proba[y]![i]!) / total);
  }
  return s / yTrue.length;
}

function checkProbability(p: number, i: number): number {
  if (!(p >= 0 && p <= 1))
    throw new InputError('E_ML_PROBABILITY', `probability ${p} at row ${i + 1} is outside [0, 1]`, {
      location: { row: i + 1 },
      hint: 'pass predicted probabilities, not raw scores or log-odds',
    });
  return p;
}

function clip(p: number): number {
  return Math.min(Math.max(p, EPS), 1 - EPS);
}
