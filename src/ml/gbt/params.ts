import { UsageError } from '../../errors.js';

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

/** Parameters with every default filled in. */
export type ResolvedParams = Required<Omit<GbtParams, 'numClasses'>> & { numClasses: number | undefined };

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

/** Fills in defaults and checks every parameter (UsageError `E_ML_PARAM` naming the bad one). */
export function resolveParams(params: GbtParams): ResolvedParams {
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
