import { describe, expect, it } from 'vitest';
import { crossValPredict, kFold, stratifiedKFold, trainRows } from '../../src/ml/cross-validate.js';
import type { FeatureMatrix } from '../../src/ml/features.js';
import { Rng } from '../../src/rng.js';
import { fill, matrixOf } from './helpers/synthetic-data.js';

/** Every row in exactly one fold, folds ascending. */
function expectPartition(folds: Uint32Array[], n: number): void {
  const seen = new Uint8Array(n);
  for (const f of folds) {
    for (let i = 1; i < f.length; i++) expect(f[i]).toBeGreaterThan(f[i - 1]!);
    for (const r of f) seen[r]!++;
  }
  expect([...seen].every((c) => c === 1)).toBe(true);
}

describe('stratifiedKFold', () => {
  // 70 zeros, 30 ones.
  const y = fill(100, (i) => (i % 10 < 3 ? 1 : 0));

  it('partitions the rows into k folds of equal size that keep the label share', () => {
    const folds = stratifiedKFold(y, 5, new Rng(0));
    expect(folds.map((f) => f.length)).toEqual([20, 20, 20, 20, 20]);
    expectPartition(folds, 100);
    for (const f of folds) expect([...f].filter((r) => y[r] === 1).length).toBe(6);
  });

  it('is reproducible for a seed and shuffles differently for another', () => {
    expect(stratifiedKFold(y, 5, new Rng(1))).toEqual(stratifiedKFold(y, 5, new Rng(1)));
    expect(stratifiedKFold(y, 5, new Rng(1))).not.toEqual(stratifiedKFold(y, 5, new Rng(2)));
  });

  it('refuses k < 2 or k > n with E_ML_FOLDS', () => {
    expect(() => stratifiedKFold(y, 1, new Rng(0))).toThrow(/into 1 folds/);
    expect(() => stratifiedKFold([0, 1], 3, new Rng(0))).toThrow(/2 rows into 3 folds/);
  });
});

describe('kFold', () => {
  it('partitions n rows into k near-equal shuffled folds', () => {
    const folds = kFold(10, 3, new Rng(0));
    expect(folds.map((f) => f.length)).toEqual([4, 3, 3]);
    expectPartition(folds, 10);
  });
});

describe('trainRows', () => {
  it('is the complement of the test fold, ascending', () => {
    expect([...trainRows(Uint32Array.of(3, 1), 5)]).toEqual([0, 2, 4]);
    expect([...trainRows([], 2)]).toEqual([0, 1]);
  });
});

describe('crossValPredict', () => {
  it('scores each row with a model that never saw it', () => {
    // A model that remembers its training row ids (feature 0) and predicts 1 for a remembered row.
    const memorizer = () => {
      const seen = new Set<number>();
      return {
        fit(X: FeatureMatrix) {
          for (const v of X.columns[0]!) seen.add(v);
        },
        predict(X: FeatureMatrix) {
          return X.columns[0]!.map((v) => (seen.has(v) ? 1 : 0));
        },
      };
    };
    const n = 50;
    const X = matrixOf([fill(n, (i) => i)]);
    const y = fill(n, (i) => i % 2);
    const out = crossValPredict(X, y, 5, memorizer, new Rng(0));
    expect([...out].every((v) => v === 0)).toBe(true);
  });

  it('passes each fold the training labels of its rows', () => {
    // Model = mean of training labels; with y = row index and plain folds, fold means are checkable.
    const n = 20;
    const X = matrixOf([fill(n, (i) => i)]);
    const y = fill(n, (i) => i);
    const meanModel = () => {
      let mean = 0;
      return {
        fit(_: FeatureMatrix, yt: Float64Array) {
          mean = yt.reduce((s, v) => s + v, 0) / yt.length;
        },
        predict(Xt: FeatureMatrix) {
          return new Float64Array(Xt.nRows).fill(mean);
        },
      };
    };
    const rng = new Rng(3);
    const out = crossValPredict(X, y, 4, meanModel, rng, { stratified: false });
    const folds = kFold(n, 4, rng.fork('folds'));
    for (const f of folds) {
      const testSum = [...f].reduce((s, r) => s + r, 0);
      const expected = (190 - testSum) / (n - f.length);
      for (const r of f) expect(out[r]).toBeCloseTo(expected, 12);
    }
  });
});
