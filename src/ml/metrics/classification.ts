import { checkNoNaN, checkSameLength } from './validate.js';

/**
 * F1 of one class: the harmonic mean of precision and recall, `2·TP / (2·TP + FP + FN)`.
 * Matches `sklearn.metrics.f1_score(y, pred, pos_label=positive)` for binary labels, including its
 * `zero_division` default: 0 when the class is neither present nor predicted.
 *
 * @example
 * f1Score([1, 1, 0, 0], [1, 0, 1, 0]); // => 0.5 (TP 1, FP 1, FN 1)
 */
export function f1Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, positive = 1): number {
  checkInputs('f1Score', yTrue, yPred);
  return f1Of(yTrue, yPred, positive);
}

/**
 * Unweighted mean of the per-class F1 over every label present in `yTrue` or `yPred`. Matches
 * `sklearn.metrics.f1_score(y, pred, average='macro')`.
 *
 * @example
 * macroF1([0, 1, 2, 2], [0, 2, 2, 2]); // => (1 + 0 + 0.8) / 3 = 0.6
 */
export function macroF1(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkInputs('macroF1', yTrue, yPred);
  const labels = new Set<number>();
  for (let i = 0; i < yTrue.length; i++) {
    labels.add(yTrue[i]!);
    labels.add(yPred[i]!);
  }
  let sum = 0;
  for (const c of labels) sum += f1Of(yTrue, yPred, c);
  return sum / labels.size;
}

/**
 * Share of rows whose prediction equals the label. Matches `sklearn.metrics.accuracy_score`.
 *
 * @example
 * accuracy([1, 0, 1, 1], [1, 0, 0, 1]); // => 0.75
 */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkInputs('accuracy', yTrue, yPred);
  let hit = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hit++;
  return hit / yTrue.length;
}

function f1Of(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, c: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i] === c;
    const p = yPred[i] === c;
    if (t && p) tp++;
    else if (p) fp++;
    else if (t) fn++;
  }
  const denom = 2 * tp + fp + fn;
  return denom === 0 ? 0 : (2 * tp) / denom;
}

function checkInputs(name: string, yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  checkSameLength(name, yTrue, yPred);
  checkNoNaN(name, 'label', yTrue);
  checkNoNaN(name, 'prediction', yPred);
}
