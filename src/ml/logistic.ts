import type { FeatureMatrix } from './features.js';
import { minimizeLbfgs } from './lbfgs.js';
import { checkBinaryLabels } from './metrics/validate.js';

/** Parameters of `LogisticRegression`; the defaults are scikit-learn's (C = 1, lbfgs, max_iter 100, tol 1e-4). */
export interface LogisticParams {
  /** Inverse L2 strength, as scikit-learn's `C` (default 1). */
  C?: number;
  /** L-BFGS iteration cap (default 100). */
  maxIter?: number;
  /** Stop when every partial derivative of the mean objective is within tol (default 1e-4). */
  tol?: number;
}

/** How fit-time statistics expand a FeatureMatrix into the model's inputs. */
interface Design {
  /** Numeric features: index, mean, scale; `indicator` is the dense slot of its missing flag or -1. */
  numeric: { f: number; mean: number; scale: number; slot: number; indicator: number }[];
  /** Categorical features: index, first weight of its one-hot block, number of categories. */
  categorical: { f: number; first: number; cardinality: number }[];
  nDense: number;
  /** Weights: intercept, dense slots, one-hot blocks. */
  nWeights: number;
}

/**
 * L2-regularized logistic regression, a simple linear baseline beside the boosted trees. Numeric
 * features are standardized with training mean and standard deviation; missing (or infinite) values
 * are imputed with the mean plus a 0/1 missing flag (when training had any). Categorical features
 * are one-hot encoded (unseen or missing → all zeros). Minimizes `mean log-loss + ‖w‖² / (2·C·n)` with L-BFGS, intercept
 * unpenalized — the objective of scikit-learn's `LogisticRegression(C=C)` (lbfgs) after a
 * `StandardScaler` + `OneHotEncoder(handle_unknown='ignore')` pipeline.
 *
 * @example
 * const lr = new LogisticRegression({ C: 1 }).fit(Xtrain, yTrain);
 * lr.predict(Xtest); // P(y = 1) per row
 */
export class LogisticRegression {
  readonly C: number;
  readonly maxIter: number;
  readonly tol: number;
  /** L-BFGS iterations of the last fit and whether its gradient test passed. */
  iterations = 0;
  converged = false;
  private design: Design | null = null;
  private w: Float64Array = new Float64Array(0);

  constructor(params: LogisticParams = {}) {
    this.C = params.C ?? 1;
    this.maxIter = params.maxIter ?? 100;
    this.tol = params.tol ?? 1e-4;
    if (!(this.C > 0)) throw new Error(`LogisticRegression: C must be > 0, got ${this.C}`);
  }

  /** Fits on binary labels (0/1). Deterministic: the `Rng` slot only matches the other learners' `fit`. */
  fit(X: FeatureMatrix, y: Float64Array, _rng?: unknown): this {
    const n = X.nRows;
    if (y.length !== n) throw new Error(`fit: X has ${n} rows but y has ${y.length}`);
    checkBinaryLabels('LogisticRegression.fit', y);
    const design = fitDesign(X);
    const inputs = expand(design, X);
    const penalty = 1 / (this.C * n);
    const z = new Float64Array(n);
    const r = new Float64Array(n);
    const objective = (w: Float64Array, grad: Float64Array): number => {
      linearScores(inputs, w, z);
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const s = z[i]!;
        // log(1 + e^s) − y·s, computed without overflow.
        loss += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - y[i]! * s;
        r[i] = (1 / (1 + Math.exp(-s)) - y[i]!) / n;
      }
      grad.fill(0);
      addTransposed(inputs, r, grad);
      let reg = 0;
      for (let j = 1; j < w.length; j++) {
        reg += w[j]! * w[j]!;
        grad[j] += penalty * w[j]!;
      }
      return loss / n + (penalty * reg) / 2;
    };
    const result = minimizeLbfgs(objective, new Float64Array(design.nWeights), {
      maxIter: this.maxIter,
      tol: this.tol,
    });
    this.w = result.x;
    this.iterations = result.iterations;
    this.converged = result.converged;
    this.design = design;
    return this;
  }

  /** P(y = 1) per row. */
  predict(X: FeatureMatrix): Float64Array {
    const design = this.design;
    if (!design) throw new Error('predict called before fit');
    const out = new Float64Array(X.nRows);
    linearScores(expand(design, X), this.w, out);
    for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-out[i]!));
    return out;
  }

  /** [P(y = 0), P(y = 1)] per row. */
  predictProba(X: FeatureMatrix): Float64Array[] {
    const p1 = this.predict(X);
    return [p1.map((p) => 1 - p), p1];
  }

  /** Intercept and weights on the model's inputs (standardized numerics, missing flags, one-hot categories). */
  get coefficients(): Float64Array {
    return Float64Array.from(this.w);
  }
}

function fitDesign(X: FeatureMatrix): Design {
  const numeric: Design['numeric'] = [];
  const categorical: Design['categorical'] = [];
  let slot = 0;
  for (let f = 0; f < X.nFeatures; f++) {
    if (X.categorical[f]) continue;
    const col = X.columns[f]!;
    let sum = 0;
    let count = 0;
    for (let i = 0; i < col.length; i++)
      if (Number.isFinite(col[i]!)) {
        sum += col[i]!;
        count++;
      }
    const mean = count ? sum / count : 0;
    let ss = 0;
    for (let i = 0; i < col.length; i++) if (Number.isFinite(col[i]!)) ss += (col[i]! - mean) ** 2;
    const sd = count ? Math.sqrt(ss / count) : 0;
    numeric.push({ f, mean, scale: sd > 0 ? sd : 1, slot: slot++, indicator: count < col.length ? -2 : -1 });
  }
  for (const spec of numeric) if (spec.indicator === -2) spec.indicator = slot++;
  let next = 1 + slot;
  for (let f = 0; f < X.nFeatures; f++) {
    if (!X.categorical[f]) continue;
    categorical.push({ f, first: next, cardinality: X.cardinality[f]! });
    next += X.cardinality[f]!;
  }
  return { numeric, categorical, nDense: slot, nWeights: next };
}

/** A matrix expanded for the model. */
interface Inputs {
  n: number;
  nD: number;
  nCat: number;
  /** Standardized numerics and missing flags, row-major n × nD. */
  dense: Float64Array;
  /** Per row and categorical feature, the weight index of its one-hot column, or -1. */
  active: Int32Array;
}

/** `out[i] = w · x_i` (intercept included). */
function linearScores({ n, nD, nCat, dense, active }: Inputs, w: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = w[0]!;
    for (let j = 0; j < nD; j++) s += w[1 + j]! * dense[i * nD + j]!;
    for (let c = 0; c < nCat; c++) {
      const k = active[i * nCat + c]!;
      if (k >= 0) s += w[k]!;
    }
    out[i] = s;
  }
}

/** `grad += Xᵀ r` (intercept column included): the gradient of a sum of per-row losses with residuals r. */
function addTransposed({ n, nD, nCat, dense, active }: Inputs, r: Float64Array, grad: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = r[i]!;
    grad[0] += ri;
    for (let j = 0; j < nD; j++) grad[1 + j] += ri * dense[i * nD + j]!;
    for (let c = 0; c < nCat; c++) {
      const k = active[i * nCat + c]!;
      if (k >= 0) grad[k] += ri;
    }
  }
}

/** Applies the fit-time standardization and one-hot layout to a matrix. */
function expand(design: Design, X: FeatureMatrix): Inputs {
  const n = X.nRows;
  const nD = design.nDense;
  const nCat = design.categorical.length;
  const dense = new Float64Array(n * nD);
  const active = new Int32Array(n * nCat);
  for (const { f, mean, scale, slot, indicator } of design.numeric) {
    const col = X.columns[f]!;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (!Number.isFinite(v)) {
        if (indicator >= 0) dense[i * nD + indicator] = 1;
      } else dense[i * nD + slot] = (v - mean) / scale;
    }
  }
  design.categorical.forEach(({ f, first, cardinality }, c) => {
    const col = X.columns[f]!;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      active[i * nCat + c] = v >= 0 && v < cardinality && Number.isInteger(v) ? first + v : -1;
    }
  });
  return { n, nD, nCat, dense, active };
}
