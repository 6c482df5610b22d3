import { describe, expect, it } from 'vitest';
import { takeRows } from '../../src/ml/features.js';
import { GradientBoostedTrees } from '../../src/ml/gbt.js';
import { accuracy, logLoss, r2Score, rocAuc } from '../../src/ml/metrics.js';
import { Rng } from '../../src/rng.js';
import { errorCode } from './helpers/error-code.js';
import { fill, matrixOf } from './helpers/synthetic-data.js';

const N = 3000;
const TRAIN = Uint32Array.from({ length: 2000 }, (_, i) => i);
const TEST = Uint32Array.from({ length: N - 2000 }, (_, i) => 2000 + i);

/** Fits on the first 2,000 rows and scores the last 1,000. */
function holdout(
  params: ConstructorParameters<typeof GradientBoostedTrees>[0],
  cols: Float64Array[],
  y: Float64Array,
  cat?: boolean[],
  card?: number[],
) {
  const X = matrixOf(cols, cat, card);
  const model = new GradientBoostedTrees(params).fit(
    takeRows(X, TRAIN),
    Float64Array.from(TRAIN, (r) => y[r]!),
    new Rng(1),
  );
  return { model, pred: model.predict(takeRows(X, TEST)), yTest: Float64Array.from(TEST, (r) => y[r]!) };
}

describe('GradientBoostedTrees, binary', () => {
  it('learns a noisy linear boundary (holdout AUC > 0.95)', () => {
    const rng = new Rng(10);
    const cols = [0, 1, 2, 3, 4].map(() => fill(N, () => rng.normal()));
    const y = fill(N, (i) =>
      2 * cols[0]![i]! - 3 * cols[1]![i]! + cols[2]![i]! + 0.5 * rng.normal() > 0 ? 1 : 0,
    );
    const { pred, yTest } = holdout({ objective: 'binary' }, cols, y);
    expect(rocAuc(yTest, pred)).toBeGreaterThan(0.95);
  });

  it('learns XOR, which no single split separates (holdout AUC > 0.95)', () => {
    const rng = new Rng(11);
    const a = fill(N, () => rng.uniform() * 2 - 1);
    const b = fill(N, () => rng.uniform() * 2 - 1);
    const noise = fill(N, () => rng.normal());
    const y = fill(N, (i) => (a[i]! * b[i]! > 0 ? 1 : 0));
    const { pred, yTest } = holdout({ objective: 'binary' }, [a, b, noise], y);
    expect(rocAuc(yTest, pred)).toBeGreaterThan(0.95);
  });

  it('learns from missingness and sends NaN the learned way', () => {
    // y = 1 where x0 is missing, else y = [x1 > 0]; x0 itself is noise.
    const rng = new Rng(12);
    const missing = fill(N, () => (rng.uniform() < 0.3 ? 1 : 0));
    const x0 = fill(N, (i) => (missing[i] ? Number.NaN : rng.normal()));
    const x1 = fill(N, () => rng.normal());
    const y = fill(N, (i) => (missing[i] || x1[i]! > 0 ? 1 : 0));
    const { model, pred, yTest } = holdout({ objective: 'binary' }, [x0, x1], y);
    expect(rocAuc(yTest, pred)).toBeGreaterThan(0.99);
    const allMissing = model.predict(matrixOf([Float64Array.of(Number.NaN), Float64Array.of(-3)]));
    expect(allMissing[0]).toBeGreaterThan(0.9);
  });

  it('splits a categorical feature into category sets: one depth-1 tree separates any subset', () => {
    // 30 categories, a scattered subset of them positive: ordinal thresholds could not do it in one split.
    const rng = new Rng(13);
    const positive = new Set([1, 4, 5, 9, 13, 17, 18, 22, 26, 29]);
    const cat = fill(N, () => rng.int(30));
    const y = fill(N, (i) => (positive.has(cat[i]!) ? 1 : 0));
    const { pred, yTest } = holdout(
      { objective: 'binary', nEstimators: 1, maxDepth: 1, learningRate: 1 },
      [cat],
      y,
      [true],
      [30],
    );
    expect(rocAuc(yTest, pred)).toBe(1);
  });

  it('predicts finite scores for categories never seen in training', () => {
    const rng = new Rng(14);
    const cat = fill(N, () => rng.int(5));
    const y = fill(N, (i) => (cat[i]! < 2 ? 1 : 0));
    const { model } = holdout({ objective: 'binary' }, [cat], y, [true], [7]);
    const p = model.predict(matrixOf([Float64Array.of(6, 5, Number.NaN)], [true], [7]));
    for (const v of p) expect(Number.isFinite(v)).toBe(true);
  });

  it('lowers the training loss every round', () => {
    const rng = new Rng(15);
    const cols = [0, 1, 2].map(() => fill(N, () => rng.normal()));
    const y = fill(N, (i) => (cols[0]![i]! * cols[1]![i]! + 0.3 * rng.normal() > 0 ? 1 : 0));
    const { model } = holdout({ objective: 'binary', nEstimators: 40 }, cols, y);
    expect(model.trainLoss.length).toBe(41);
    // The last entry is the log-loss of the final model on its training rows.
    const Xtrain = takeRows(matrixOf(cols), TRAIN);
    const yTrain = Float64Array.from(TRAIN, (r) => y[r]!);
    expect(model.trainLoss[40]).toBeCloseTo(logLoss(yTrain, model.predict(Xtrain)), 12);
    expect(model.trainLoss[0]).toBeCloseTo(Math.log(2), 1);
    for (let i = 1; i < model.trainLoss.length; i++)
      expect(model.trainLoss[i]).toBeLessThan(model.trainLoss[i - 1]!);
  });

  it('gives the same model for the same seed, another for another seed', () => {
    const rng = new Rng(16);
    const cols = [0, 1, 2, 3].map(() => fill(N, () => rng.normal()));
    const y = fill(N, (i) => (cols[0]![i]! + cols[3]![i]! > 0 ? 1 : 0));
    const X = matrixOf(cols);
    const params = { objective: 'binary', subsample: 0.7, colsampleByTree: 0.5, nEstimators: 30 } as const;
    const predictWithSeed = (seed: number) =>
      new GradientBoostedTrees(params).fit(X, y, new Rng(seed)).predict(X);
    expect([...predictWithSeed(3)]).toEqual([...predictWithSeed(3)]);
    expect([...predictWithSeed(3)]).not.toEqual([...predictWithSeed(4)]);
  });

  it('returns [P(0), P(1)] from predictProba and ranks informative features first', () => {
    const rng = new Rng(17);
    const cols = [0, 1, 2].map(() => fill(N, () => rng.normal()));
    const y = fill(N, (i) => (cols[1]![i]! > 0.2 ? 1 : 0));
    const { model } = holdout({ objective: 'binary', nEstimators: 20 }, cols, y);
    const X = matrixOf(cols.map((c) => c.subarray(0, 5)));
    const [p0, p1] = model.predictProba(X);
    const p = model.predict(X);
    for (let i = 0; i < 5; i++) {
      expect(p1![i]).toBe(p[i]);
      expect(p0![i]! + p1![i]!).toBeCloseTo(1, 15);
    }
    const imp = model.featureImportances();
    expect(imp[1]).toBeGreaterThan(0.9);
    expect(imp.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });
});

describe('GradientBoostedTrees, regression and multiclass', () => {
  it('fits a smooth nonlinear function (holdout R² > 0.9)', () => {
    const rng = new Rng(20);
    const a = fill(N, () => rng.uniform() * 4 - 2);
    const b = fill(N, () => rng.uniform() * 4 - 2);
    const y = fill(N, (i) => Math.sin(3 * a[i]!) + b[i]! * b[i]! + 0.1 * rng.normal());
    const { model, pred, yTest } = holdout({ objective: 'regression', nEstimators: 200 }, [a, b], y);
    expect(r2Score(yTest, pred)).toBeGreaterThan(0.9);
    for (let i = 1; i < model.trainLoss.length; i++)
      expect(model.trainLoss[i]).toBeLessThan(model.trainLoss[i - 1]!);
  });

  it('separates three classes with softmax (holdout accuracy > 0.9, probabilities sum to 1)', () => {
    const rng = new Rng(21);
    const y = fill(N, () => rng.int(3));
    const centres = [
      [0, 0],
      [3, 0],
      [0, 3],
    ];
    const a = fill(N, (i) => centres[y[i]!]![0]! + rng.normal() * 0.8);
    const b = fill(N, (i) => centres[y[i]!]![1]! + rng.normal() * 0.8);
    const { model, pred, yTest } = holdout({ objective: 'multiclass', nEstimators: 50 }, [a, b], y);
    expect(model.treeCount).toBe(150);
    expect(accuracy(yTest, pred)).toBeGreaterThan(0.9);
    const proba = model.predictProba(matrixOf([a.subarray(0, 10), b.subarray(0, 10)]));
    expect(proba.length).toBe(3);
    for (let i = 0; i < 10; i++) expect(proba[0]![i]! + proba[1]![i]! + proba[2]![i]!).toBeCloseTo(1, 12);
  });
});

describe('GradientBoostedTrees, bad input', () => {
  const X = matrixOf([Float64Array.of(1, 2, 3)]);

  it('refuses invalid parameters with E_ML_PARAM', () => {
    expect(errorCode(() => new GradientBoostedTrees({ objective: 'binary', maxBins: 300 }))).toBe(
      'E_ML_PARAM',
    );
    expect(errorCode(() => new GradientBoostedTrees({ objective: 'binary', subsample: 0 }))).toBe(
      'E_ML_PARAM',
    );
    expect(errorCode(() => new GradientBoostedTrees({ objective: 'binary', nEstimators: 2.5 }))).toBe(
      'E_ML_PARAM',
    );
  });

  it('refuses targets that do not fit the objective with E_ML_TARGET and the row', () => {
    expect(
      errorCode(() =>
        new GradientBoostedTrees({ objective: 'binary' }).fit(X, Float64Array.of(0, 1, 2), new Rng(0)),
      ),
    ).toBe('E_ML_TARGET');
    expect(
      errorCode(() =>
        new GradientBoostedTrees({ objective: 'regression' }).fit(
          X,
          Float64Array.of(0, Number.NaN, 2),
          new Rng(0),
        ),
      ),
    ).toBe('E_ML_TARGET');
    expect(
      errorCode(() =>
        new GradientBoostedTrees({ objective: 'multiclass', numClasses: 2 }).fit(
          X,
          Float64Array.of(0, 1, 2),
          new Rng(0),
        ),
      ),
    ).toBe('E_ML_TARGET');
  });

  it('trains on a single-class target without blowing up (constant prediction)', () => {
    const p = new GradientBoostedTrees({ objective: 'binary' })
      .fit(X, Float64Array.of(1, 1, 1), new Rng(0))
      .predict(X);
    for (const v of p) expect(v).toBeGreaterThan(0.99);
  });

  it('refuses to predict before fit or on other features', () => {
    expect(() => new GradientBoostedTrees({ objective: 'binary' }).predict(X)).toThrow(/before fit/);
    const m = new GradientBoostedTrees({ objective: 'regression', nEstimators: 2 }).fit(
      X,
      Float64Array.of(1, 2, 3),
      new Rng(0),
    );
    expect(() => m.predict(matrixOf([Float64Array.of(1)], [true], [2]))).toThrow(/fitted on features/);
  });
});
