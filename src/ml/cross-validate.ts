import { InputError } from '../errors.js';
import type { Rng } from '../rng.js';
import { type FeatureMatrix, takeRows } from './features.js';

export { takeRows } from './features.js';

/** What cross-validation needs of a model: fit on rows, then score other rows. */
export interface CrossValModel {
  fit(X: FeatureMatrix, y: Float64Array, rng: Rng): unknown;
  predict(X: FeatureMatrix): Float64Array;
}

/**
 * Splits rows into k test folds that keep each label's share (stratified k-fold, as
 * `sklearn.model_selection.StratifiedKFold(k, shuffle=True)` intends): each label's rows are shuffled
 * and dealt round-robin, continuing across labels, so fold sizes differ by at most one. Returns each
 * fold's test rows, ascending.
 *
 * @example
 * const folds = stratifiedKFold(y, 5, rng.fork('folds')); // folds.length => 5
 */
export function stratifiedKFold(y: ArrayLike<number>, k: number, rng: Rng): Uint32Array[] {
  checkFolds(y.length, k);
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const label = y[i]!;
    const rows = byLabel.get(label);
    if (rows) rows.push(i);
    else byLabel.set(label, [i]);
  }
  const labels = [...byLabel.keys()].sort((a, b) => a - b);
  const assignment = new Int32Array(y.length);
  let next = 0;
  for (const label of labels) {
    const rows = rng.shuffle(byLabel.get(label)!);
    for (const r of rows) {
      assignment[r] = next;
      next = (next + 1) % k;
    }
  }
  return foldsFromAssignment(assignment, k);
}

/**
 * Splits rows 0..n-1 into k shuffled test folds of near-equal size (plain k-fold, for regression
 * targets where stratifying on the label makes no sense).
 *
 * @example
 * kFold(10, 3, rng).map((f) => f.length); // => [4, 3, 3]
 */
export function kFold(n: number, k: number, rng: Rng): Uint32Array[] {
  checkFolds(n, k);
  const perm = rng.permutation(n);
  const assignment = new Int32Array(n);
  for (let i = 0; i < n; i++) assignment[perm[i]!] = i % k;
  return foldsFromAssignment(assignment, k);
}

/**
 * Out-of-fold predictions: for each of k folds, a fresh model from `makeModel` is fitted on the other
 * folds and predicts this one, so every row gets a score from a model that never saw it (as
 * `sklearn.model_selection.cross_val_predict`). Folds are stratified on `y` unless
 * `stratified: false`. Fold i's model trains with `rng.fork('fold:i')`.
 *
 * @example
 * const scores = crossValPredict(X, isSynthetic, 5, () => new GradientBoostedTrees({ objective: 'binary' }), rng);
 * rocAuc(isSynthetic, scores); // => detection AUC (0.5 = indistinguishable)
 */
export function crossValPredict(
  X: FeatureMatrix,
  y: Float64Array,
  k: number,
  makeModel: () => CrossValModel,
  rng: Rng,
  options: { stratified?: boolean } = {},
): Float64Array {
  if (y.length !== X.nRows) throw new Error(`crossValPredict: X has ${X.nRows} rows but y has ${y.length}`);
  const folds =
    options.stratified === false
      ? kFold(X.nRows, k, rng.fork('folds'))
      : stratifiedKFold(y, k, rng.fork('folds'));
  const out = new Float64Array(X.nRows);
  folds.forEach((test, i) => {
    const train = trainRows(test, X.nRows);
    const model = makeModel();
    model.fit(
      takeRows(X, train),
      Float64Array.from(train, (r) => y[r]!),
      rng.fork(`fold:${i}`),
    );
    const pred = model.predict(takeRows(X, test));
    test.forEach((r, j) => {
      out[r] = pred[j]!;
    });
  });
  return out;
}

/**
 * The training rows of a fold: every row of 0..n-1 not in `test` (distinct indices), ascending.
 *
 * @example
 * trainRows(Uint32Array.of(1, 3), 5); // => Uint32Array [0, 2, 4]
 */
export function trainRows(test: ArrayLike<number>, n: number): Uint32Array {
  const inTest = new Uint8Array(n);
  for (let i = 0; i < test.length; i++) inTest[test[i]!] = 1;
  const train = new Uint32Array(n - test.length);
  let t = 0;
  for (let r = 0; r < n; r++) if (!inTest[r]) train[t++] = r;
  return train;
}

function checkFolds(n: number, k: number): void {
  if (!Number.isInteger(k) || k < 2 || k > n)
    throw new InputError('E_ML_FOLDS', `cannot split ${n} rows into ${k} folds`, {
      hint: 'use an integer k with 2 ≤ k ≤ number of rows',
    });
}

function foldsFromAssignment(assignment: Int32Array, k: number): Uint32Array[] {
  const sizes = new Int32Array(k);
  for (let i = 0; i < assignment.length; i++) sizes[assignment[i]!]++;
  const folds = Array.from(sizes, (s) => new Uint32Array(s));
  const fill = new Int32Array(k);
  for (let i = 0; i < assignment.length; i++) {
    const f = assignment[i]!;
    folds[f]![fill[f]++] = i;
  }
  return folds;
}
