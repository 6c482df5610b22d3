import { InputError, UsageError } from '../errors.js';
import type { Rng } from '../rng.js';
import type { FeatureMatrix } from './features.js';
import { type BinMapper, binRows, fitBinMapper } from './gbt/bin-mapper.js';
import {
  binaryLogLoss,
  type Objective,
  sigmoid,
  softmaxInto,
  softmaxLogLoss,
  squaredError,
} from './gbt/objectives.js';
import { addTreePredictions, type Tree } from './gbt/tree.js';
import { type Gradients, TreeBuilder } from './gbt/tree-builder.js';

/**
 * Parameters of `GradientBoostedTrees`. Defaults follow XGBoost/LightGBM conventions:
 * nEstimators 100, learningRate 0.1, maxDepth 6, minChildSamples 20, lambda 1, subsample 1,
 * colsampleByTree 1, maxBins 255, minChildWeight 1e-3, catSmooth 10.
 */
export interface GbtParams {
  objective: 'binary' | 'regression' | 'multiclass';
  /** Boosting rounds (trees per output). */
  nEstimators?: number;
  /** Shrinkage applied to every leaf value. */
  learningRate?: number;
  /** Depth of each tree (depth-wise growth; a depth-6 tree has at most 64 leaves). */
  maxDepth?: number;
  /** Fewest training rows in a leaf. */
  minChildSamples?: number;
  /** L2 regularization of leaf values. */
  lambda?: number;
  /** Fraction of rows drawn (without replacement, from the `Rng` given to `fit`) for each round. */
  subsample?: number;
  /** Fraction of features drawn for each round. */
  colsampleByTree?: number;
  /** Most value bins per feature (2..255); a missing bin comes on top. */
  maxBins?: number;
  /** Multiclass: number of classes (default: largest label + 1). */
  numClasses?: number;
  /** Smallest hessian sum in a leaf (LightGBM's `min_sum_hessian_in_leaf`). */
  minChildWeight?: number;
  /** Smoothing added to hessian sums when ordering categories for a split (LightGBM's `cat_smooth`). */
  catSmooth?: number;
}

type ResolvedParams = Required<Omit<GbtParams, 'numClasses'>> & { numClasses: number | undefined };

const DEFAULTS = {
  nEstimators: 100,
  learningRate: 0.1,
  maxDepth: 6,
  minChildSamples: 20,
  lambda: 1,
  subsample: 1,
  colsampleByTree: 1,
  maxBins: 255,
  minChildWeight: 1e-3,
  catSmooth: 10,
};

/**
 * Histogram-based gradient-boosted decision trees (the XGBoost-hist / LightGBM design):
 * features are binned once (≤ 255 quantile bins per numeric feature, one bin per category, plus a
 * missing bin), each round fits a depth-limited tree to the gradient and hessian of the loss with
 * histogram subtraction, missing values learn their direction, and categorical features split into
 * category sets ordered by gradient statistics. Objectives: `binary` (log-loss, sigmoid),
 * `regression` (squared error), `multiclass` (softmax, one tree per class per round).
 *
 * Randomness (row subsampling, feature subsampling, bin-edge sampling above 200,000 rows) comes only
 * from the `Rng` passed to `fit`: the same seed gives the same model.
 *
 * @example
 * const model = new GradientBoostedTrees({ objective: 'binary' }).fit(Xtrain, yTrain, new Rng(0));
 * const p = model.predict(Xtest); // P(y = 1) per row
 * rocAuc(yTest, p); // => e.g. 0.92 on Adult income
 */
export class GradientBoostedTrees {
  readonly params: ResolvedParams;
  /** Mean training loss before each round, then after the last one (length nEstimators + 1). */
  readonly trainLoss: number[] = [];
  private mapper: BinMapper | null = null;
  private objective: Objective | null = null;
  private init: Float64Array = new Float64Array(0);
  /** Round-major: trees[round * nOutputs + k]. */
  private trees: Tree[] = [];
  private categorical: boolean[] = [];
  private gain: Float64Array = new Float64Array(0);

  constructor(params: GbtParams) {
    this.params = resolveParams(params);
  }

  fit(X: FeatureMatrix, y: Float64Array, rng: Rng): this {
    const p = this.params;
    const n = X.nRows;
    if (y.length !== n) throw new Error(`fit: X has ${n} rows but y has ${y.length}`);
    if (n === 0)
      throw new InputError('E_ML_NO_ROWS', 'cannot train a model on zero rows', {
        hint: 'check that the training table is not empty after filtering',
      });
    const objective = makeObjective(p, y);
    const K = objective.nOutputs;
    const F = X.nFeatures;
    const mapper = fitBinMapper(X, p.maxBins, rng);
    const bins = binRows(mapper, X);
    const init = objective.initScores(y);
    const raw = new Float64Array(n * K);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) raw[i * K + k] = init[k]!;
    const grads: Gradients[] = [];
    for (let k = 0; k < K; k++) grads.push({ g: new Float64Array(n), h: new Float64Array(n) });
    const builder = new TreeBuilder(
      bins,
      mapper,
      {
        lambda: p.lambda,
        minChildSamples: p.minChildSamples,
        minChildWeight: p.minChildWeight,
        catSmooth: p.catSmooth,
      },
      p.maxDepth,
      p.learningRate,
      n,
    );
    const rows = new Uint32Array(n);
    const identity = new Uint32Array(n);
    for (let i = 0; i < n; i++) identity[i] = i;
    const bagged = p.subsample < 1;
    const m = bagged ? Math.max(1, Math.round(p.subsample * n)) : n;
    const nSel = Math.max(1, Math.round(p.colsampleByTree * F));
    const allFeatures = Int32Array.from({ length: F }, (_, f) => f);
    this.trees = [];
    this.trainLoss.length = 0;
    for (let round = 0; round < p.nEstimators; round++) {
      this.trainLoss.push(objective.gradients(y, raw, grads));
      const sample = bagged ? rng.sampleIndices(n, m) : identity;
      const features = nSel < F ? Int32Array.from(rng.sampleIndices(F, nSel)) : allFeatures;
      for (let k = 0; k < K; k++) {
        rows.set(sample);
        const tree = builder.build(grads[k]!, rows, m, features, bagged ? undefined : raw, K, k);
        if (bagged) addTreePredictions(tree, bins, F, mapper.nBins, raw, K, k);
        this.trees.push(tree);
      }
    }
    this.trainLoss.push(objective.gradients(y, raw, grads));
    this.mapper = mapper;
    this.objective = objective;
    this.init = init;
    this.categorical = [...X.categorical];
    this.gain = builder.gainByFeature;
    return this;
  }

  /** binary: P(y=1); regression: prediction; multiclass: argmax class */
  predict(X: FeatureMatrix): Float64Array {
    const raw = this.rawScores(X);
    const K = this.objective!.nOutputs;
    const out = new Float64Array(X.nRows);
    if (this.params.objective === 'regression') return raw;
    if (this.params.objective === 'binary') {
      for (let i = 0; i < out.length; i++) out[i] = sigmoid(raw[i]!);
      return out;
    }
    for (let i = 0; i < out.length; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (raw[i * K + k]! > raw[i * K + best]!) best = k;
      out[i] = best;
    }
    return out;
  }

  /** Class probabilities, one array per class (binary: [P(y=0), P(y=1)]). */
  predictProba(X: FeatureMatrix): Float64Array[] {
    if (this.params.objective === 'regression')
      throw new Error('predictProba needs a binary or multiclass model');
    const raw = this.rawScores(X);
    const n = X.nRows;
    if (this.params.objective === 'binary') {
      const p1 = new Float64Array(n);
      const p0 = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        p1[i] = sigmoid(raw[i]!);
        p0[i] = 1 - p1[i]!;
      }
      return [p0, p1];
    }
    const K = this.objective!.nOutputs;
    const out = Array.from({ length: K }, () => new Float64Array(n));
    const p = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      softmaxInto(raw, i * K, K, p);
      for (let k = 0; k < K; k++) out[k]![i] = p[k]!;
    }
    return out;
  }

  /**
   * Raw scores (log-odds, predictions or per-class logits, row-major with one per output).
   */
  rawScores(X: FeatureMatrix): Float64Array {
    const mapper = this.mapper;
    if (!mapper) throw new Error('predict called before fit');
    if (X.nFeatures !== mapper.nFeatures || X.categorical.some((c, f) => c !== this.categorical[f]))
      throw new Error(
        `predict: the model was fitted on features [${this.categorical.map((c) => (c ? 'cat' : 'num')).join(',')}], got [${X.categorical.map((c) => (c ? 'cat' : 'num')).join(',')}]`,
      );
    const K = this.objective!.nOutputs;
    const n = X.nRows;
    const bins = binRows(mapper, X);
    const raw = new Float64Array(n * K);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) raw[i * K + k] = this.init[k]!;
    this.trees.forEach((tree, t) => {
      addTreePredictions(tree, bins, mapper.nFeatures, mapper.nBins, raw, K, t % K);
    });
    return raw;
  }

  /** Share of the total split gain earned by each feature (sums to 1; LightGBM's importance_type='gain'). */
  featureImportances(): Float64Array {
    let total = 0;
    for (let f = 0; f < this.gain.length; f++) total += this.gain[f]!;
    return this.gain.map((v) => (total > 0 ? v / total : 0));
  }

  /** Number of trees fitted (nEstimators × outputs). */
  get treeCount(): number {
    return this.trees.length;
  }
}

function resolveParams(params: GbtParams): ResolvedParams {
  const p: ResolvedParams = {
    ...DEFAULTS,
    ...stripUndefined(params),
    objective: params.objective,
    numClasses: params.numClasses,
  };
  const check = (ok: boolean, name: string, rule: string) => {
    if (!ok)
      throw new UsageError(
        'E_ML_PARAM',
        `gradient boosting parameter ${name} = ${String((p as Record<string, unknown>)[name])} is invalid`,
        {
          hint: `${name} must be ${rule}`,
        },
      );
  };
  check(
    ['binary', 'regression', 'multiclass'].includes(p.objective),
    'objective',
    "'binary', 'regression' or 'multiclass'",
  );
  check(Number.isInteger(p.nEstimators) && p.nEstimators >= 1, 'nEstimators', 'an integer ≥ 1');
  check(p.learningRate > 0 && Number.isFinite(p.learningRate), 'learningRate', 'a finite number > 0');
  check(Number.isInteger(p.maxDepth) && p.maxDepth >= 1, 'maxDepth', 'an integer ≥ 1');
  check(Number.isInteger(p.minChildSamples) && p.minChildSamples >= 1, 'minChildSamples', 'an integer ≥ 1');
  check(p.lambda >= 0 && Number.isFinite(p.lambda), 'lambda', 'a finite number ≥ 0');
  check(p.subsample > 0 && p.subsample <= 1, 'subsample', 'in (0, 1]');
  check(p.colsampleByTree > 0 && p.colsampleByTree <= 1, 'colsampleByTree', 'in (0, 1]');
  check(Number.isInteger(p.maxBins) && p.maxBins >= 2 && p.maxBins <= 255, 'maxBins', 'an integer in 2..255');
  check(p.minChildWeight >= 0 && Number.isFinite(p.minChildWeight), 'minChildWeight', 'a finite number ≥ 0');
  check(p.catSmooth >= 0 && Number.isFinite(p.catSmooth), 'catSmooth', 'a finite number ≥ 0');
  check(
    p.numClasses === undefined || (Number.isInteger(p.numClasses) && p.numClasses >= 2),
    'numClasses',
    'an integer ≥ 2',
  );
  return p;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The objective for the parameters, after checking the target fits it (0/1, finite, or class labels). */
function makeObjective(p: ResolvedParams, y: Float64Array): Objective {
  const bad = (i: number, rule: string, hint: string) =>
    new InputError('E_ML_TARGET', `target value ${y[i]} at row ${i + 1} is not ${rule}`, {
      location: { row: i + 1 },
      hint,
    });
  if (p.objective === 'regression') {
    for (let i = 0; i < y.length; i++)
      if (!Number.isFinite(y[i]!))
        throw bad(i, 'a finite number', 'drop or impute rows whose target is missing');
    return squaredError;
  }
  if (p.objective === 'binary') {
    for (let i = 0; i < y.length; i++)
      if (y[i] !== 0 && y[i] !== 1)
        throw bad(i, '0 or 1', 'encode the positive class as 1 and the other as 0');
    return binaryLogLoss;
  }
  let max = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isInteger(v) || v < 0 || (p.numClasses !== undefined && v >= p.numClasses))
      throw bad(
        i,
        `a class label in 0..${(p.numClasses ?? Number.POSITIVE_INFINITY) - 1}`,
        'encode classes as 0..K-1',
      );
    if (v > max) max = v;
  }
  return softmaxLogLoss(Math.max(2, p.numClasses ?? max + 1));
}
