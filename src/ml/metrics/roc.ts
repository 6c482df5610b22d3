import { InputError } from '../../errors.js';
import { checkBinaryLabels, checkNoNaN, checkSameLength } from './validate.js';

/**
 * Area under the ROC curve of scores for binary labels (1 = positive), computed as the Mann–Whitney U
 * statistic with tied scores given their average rank: the probability that a random positive scores
 * above a random negative, ties counting ½. Matches `sklearn.metrics.roc_auc_score(y, score)`
 * (trapezoidal area, which equals the tie-averaged U). O(n log n).
 * Throws `E_ML_ONE_CLASS` when only one class is present (AUC is undefined; scikit-learn raises too).
 *
 * @example
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // => 0.75
 * rocAuc([0, 1], [0.5, 0.5]); // => 0.5 (a tie counts half)
 */
export function rocAuc(yTrue: ArrayLike<number>, score: ArrayLike<number>): number {
  checkInputs('rocAuc', yTrue, score);
  const order = sortByScore(score);
  const n = order.length;
  let rankSumPos = 0;
  let nPos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    let posInTie = 0;
    while (j < n && score[order[j]!] === score[order[i]!]) {
      posInTie += yTrue[order[j]!]!;
      j++;
    }
    // Ranks i+1 .. j (1-based) share their average.
    rankSumPos += posInTie * ((i + 1 + j) / 2);
    nPos += posInTie;
    i = j;
  }
  const nNeg = n - nPos;
  checkBothClasses('rocAuc', nPos, nNeg);
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Points of a ROC curve: `fpr[i]`, `tpr[i]` when predicting positive for score ≥ `thresholds[i]`. */
export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  thresholds: Float64Array;
}

/**
 * The ROC curve with one point per distinct score, from (0, 0) at threshold +∞ to (1, 1) at the lowest
 * score. Matches `sklearn.metrics.roc_curve(y, score, drop_intermediate=False)` of scikit-learn ≥ 1.3
 * (which also starts at threshold `inf`).
 *
 * @example
 * rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // => fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [Infinity, 0.8, 0.4, 0.35, 0.1]
 */
export function rocCurve(yTrue: ArrayLike<number>, score: ArrayLike<number>): RocCurve {
  checkInputs('rocCurve', yTrue, score);
  const order = sortByScore(score).reverse();
  const n = order.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += yTrue[i]!;
  const nNeg = n - nPos;
  checkBothClasses('rocCurve', nPos, nNeg);
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Number.POSITIVE_INFINITY];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; i++) {
    const r = order[i]!;
    if (yTrue[r] === 1) tp++;
    else fp++;
    if (i === n - 1 || score[order[i + 1]!] !== score[r]) {
      fpr.push(fp / nNeg);
      tpr.push(tp / nPos);
      thresholds.push(score[r]!);
    }
  }
  return {
    fpr: Float64Array.from(fpr),
    tpr: Float64Array.from(tpr),
    thresholds: Float64Array.from(thresholds),
  };
}

/**
 * The true-positive rate reachable at a false-positive rate of at most `fpr`: the highest TPR among ROC
 * points with FPR ≤ `fpr` (no interpolation between points, so the figure is attainable by a real
 * threshold). The low-FPR figure of membership-inference audits (Carlini et al. 2022, "Membership
 * Inference Attacks From First Principles", TPR at 0.1 % / 1 % FPR).
 *
 * @example
 * tprAtFpr([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0); // => 0.5
 */
export function tprAtFpr(yTrue: ArrayLike<number>, score: ArrayLike<number>, fpr: number): number {
  if (!(fpr >= 0 && fpr <= 1))
    throw new InputError('E_ML_FPR', `tprAtFpr: target FPR ${fpr} is not in [0, 1]`, {
      hint: 'pass e.g. 0.01 for 1 %',
    });
  const curve = rocCurve(yTrue, score);
  let best = 0;
  for (let i = 0; i < curve.fpr.length; i++)
    if (curve.fpr[i]! <= fpr && curve.tpr[i]! > best) best = curve.tpr[i]!;
  return best;
}

function checkInputs(name: string, yTrue: ArrayLike<number>, score: ArrayLike<number>): void {
  checkSameLength(name, yTrue, score);
  checkBinaryLabels(name, yTrue);
  checkNoNaN(name, 'score', score);
}

function checkBothClasses(name: string, nPos: number, nNeg: number): void {
  if (nPos === 0 || nNeg === 0)
    throw new InputError(
      'E_ML_ONE_CLASS',
      `${name}: only one class present in the labels, ROC AUC is undefined`,
      {
        hint: 'score a sample that holds both positive (1) and negative (0) rows',
      },
    );
}

/** Row indices in ascending score order (stable). */
function sortByScore(score: ArrayLike<number>): Uint32Array {
  const s = Float64Array.from(score);
  const order = new Uint32Array(s.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => s[a]! - s[b]! || a - b);
}
