import { checkNoNaN, checkSameLength } from './validate.js';

/**
 * Coefficient of determination `1 − Σ(y − ŷ)² / Σ(y − ȳ)²`: 1 is perfect, 0 is no better than
 * predicting the mean, negative is worse. Matches `sklearn.metrics.r2_score(y, pred)` including its
 * `force_finite=True` default: a constant `y` scores 1 when predicted exactly, else 0.
 *
 * @example
 * r2Score([1, 2, 3, 4], [1, 2, 3, 5]); // => 1 − 1/5 = 0.8
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength('r2Score', yTrue, yPred);
  checkNoNaN('r2Score', 'label', yTrue);
  checkNoNaN('r2Score', 'prediction', yPred);
  const n = yTrue.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i]!;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const y = yTrue[i]!;
    ssRes += (y - yPred[i]!) ** 2;
    ssTot += (y - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}
