import { describe, expect, it } from 'vitest';
import { fitFeatureEncoder } from '../../src/ml/features.js';
import { LogisticRegression } from '../../src/ml/logistic.js';
import { rocAuc } from '../../src/ml/metrics.js';
import { Rng } from '../../src/rng.js';
import { incomeLabels, readAdult } from './helpers/adult.js';
import { fill, matrixOf } from './helpers/synthetic-data.js';

describe('LogisticRegression', () => {
  const n = 20_000;
  const rng = new Rng(5);
  const x0 = fill(n, () => rng.normal());
  const x1 = fill(n, () => rng.normal());
  const y = fill(n, (i) => (rng.uniform() < 1 / (1 + Math.exp(-(0.5 + 1.5 * x0[i]! - 2 * x1[i]!))) ? 1 : 0));

  it('recovers the coefficients of a logistic model (weak penalty, standard-normal inputs)', () => {
    const lr = new LogisticRegression({ C: 100 }).fit(matrixOf([x0, x1]), y);
    expect(lr.converged).toBe(true);
    const [b, w0, w1] = lr.coefficients;
    expect(b).toBeCloseTo(0.5, 1);
    expect(w0).toBeCloseTo(1.5, 1);
    expect(w1).toBeCloseTo(-2, 1);
  });

  it('meets the optimality condition of the unpenalized intercept: mean P(y=1) = base rate', () => {
    const X = matrixOf([x0, x1]);
    const p = new LogisticRegression().fit(X, y).predict(X);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(p)).toBeCloseTo(mean(y), 5);
  });

  it('one-hot encodes categories and flags missing numbers', () => {
    // y = 1 for category 2 or a missing x; unseen category 3 falls back to the intercept.
    const r = new Rng(6);
    const m = 4000;
    const cat = fill(m, () => r.int(3));
    const x = fill(m, () => (r.uniform() < 0.2 ? Number.NaN : r.normal()));
    const yy = fill(m, (i) => (cat[i] === 2 || Number.isNaN(x[i]!) ? 1 : 0));
    const lr = new LogisticRegression({ C: 10 }).fit(matrixOf([cat, x], [true, false], [4, 0]), yy);
    const p = lr.predict(
      matrixOf([Float64Array.of(2, 0, 0, 3), Float64Array.of(0, 0, Number.NaN, 0)], [true, false], [4, 0]),
    );
    expect(p[0]).toBeGreaterThan(0.9);
    expect(p[1]).toBeLessThan(0.1);
    expect(p[2]).toBeGreaterThan(0.9);
    expect(p[3]).toBeGreaterThan(p[1]!);
    expect(p[3]).toBeLessThan(p[0]!);
  });

  it('predicts Adult income on the holdout with AUC ≈ 0.90', async () => {
    const train = await readAdult('adult_train.csv');
    const holdout = await readAdult('adult_holdout.csv');
    const enc = fitFeatureEncoder(
      train,
      train.names.filter((c) => c !== 'income'),
    );
    const t0 = performance.now();
    const lr = new LogisticRegression().fit(enc.encode(train), incomeLabels(train));
    const auc = rocAuc(incomeLabels(holdout), lr.predict(enc.encode(holdout)));
    console.log(
      `Adult logistic: holdout AUC ${auc.toFixed(4)}, ${lr.iterations} iterations, ${(performance.now() - t0).toFixed(0)} ms`,
    );
    expect(lr.converged).toBe(true);
    expect(auc).toBeGreaterThan(0.89);
  });
});
