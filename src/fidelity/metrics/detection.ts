import { stratifiedKFold } from '../../ml/cross-validate.js';
import { type FeatureMatrix, fitFeatureEncoder, takeRows } from '../../ml/features.js';
import { GradientBoostedTrees } from '../../ml/gbt.js';
import { rocAuc } from '../../ml/metrics.js';
import type { FidelityContext } from '../context.js';
import type { MetricDescriptor } from '../types.js';

/**
 * Detection: can a classifier tell real rows from synthetic ones? Equal-size random samples of
 * both tables (at most `maxRowsPerSide` each) are labelled 0 (real) / 1 (synthetic) and scored by
 * stratified k-fold cross-validation of gradient-boosted trees on the scored columns (id, pii and
 * text columns are left out: fakes differ from real identifiers by design). The ROC AUC of each
 * held-out fold is averaged; score = clip(2·(1 − AUC), 0, 1) — 1 when the classifier does no
 * better than chance, 0 when it separates perfectly (the convention of SDMetrics'
 * LogisticDetection/SVCDetection). Also reported: which columns the classifiers leaned on most
 * (share of split gain), i.e. where the synthetic data gives itself away.
 */

export interface DetectionOptions {
  /** Rows drawn from each table (default 5,000; fewer when a table is smaller). */
  maxRowsPerSide?: number;
  /** Cross-validation folds (default 5). */
  folds?: number;
  /** Boosting rounds per fold model (default 50). */
  nEstimators?: number;
  /** Tree depth (default 4). */
  maxDepth?: number;
}

export const DETECTION_DEFAULTS: Required<DetectionOptions> = {
  maxRowsPerSide: 5_000,
  folds: 5,
  nEstimators: 50,
  maxDepth: 4,
};

export interface DetectionResult {
  /** Mean held-out ROC AUC (0.5 = indistinguishable). */
  auc: number;
  /** clip(2·(1 − AUC), 0, 1). */
  score: number;
  foldAuc: number[];
  rowsPerSide: number;
  folds: number;
  model: { kind: 'gradient-boosted-trees'; nEstimators: number; maxDepth: number; learningRate: number };
  /** Columns ranked by mean share of split gain across folds (top 10). */
  topFeatures: Array<{ column: string; importance: number }>;
}

/** Detection score from an AUC: clip(2·(1 − AUC), 0, 1). */
export function detectionScore(auc: number): number {
  return Math.max(0, Math.min(1, 2 * (1 - auc)));
}

function concatRows(a: FeatureMatrix, b: FeatureMatrix): FeatureMatrix {
  return {
    nRows: a.nRows + b.nRows,
    nFeatures: a.nFeatures,
    names: [...a.names],
    columns: a.columns.map((col, f) => {
      const out = new Float64Array(a.nRows + b.nRows);
      out.set(col, 0);
      out.set(b.columns[f]!, a.nRows);
      return out;
    }),
    categorical: [...a.categorical],
    cardinality: a.cardinality.map((c, f) => Math.max(c, b.cardinality[f]!)),
  };
}

export async function runDetection(
  ctx: FidelityContext,
  options: DetectionOptions = {},
): Promise<DetectionResult> {
  const o = { ...DETECTION_DEFAULTS, ...options };
  const columns = ctx.scored.map((c) => c.name);
  if (columns.length === 0) throw new Error('no column to train a detector on');
  const n = Math.min(ctx.real.numRows, ctx.synthetic.numRows, o.maxRowsPerSide);
  if (n < o.folds) throw new Error(`need at least ${o.folds} rows in each table, have ${n}`);
  const rng = ctx.rng.fork('detection');
  const realRows = rng.fork('sample:real').sampleIndices(ctx.real.numRows, n);
  const synthRows = rng.fork('sample:synthetic').sampleIndices(ctx.synthetic.numRows, n);
  const real = ctx.real.select(columns).take(realRows);
  const synth = ctx.synthetic.select(columns).take(synthRows);
  const encoder = fitFeatureEncoder([real, synth], columns);
  const X = concatRows(encoder.encode(real), encoder.encode(synth));
  const y = new Float64Array(2 * n);
  y.fill(1, n);
  const folds = stratifiedKFold(y, o.folds, rng.fork('folds'));
  const foldAuc: number[] = [];
  const importance = new Float64Array(columns.length);
  const inTest = new Uint8Array(2 * n);
  const learningRate = 0.1;
  for (let f = 0; f < folds.length; f++) {
    const test = folds[f]!;
    inTest.fill(0);
    for (const r of test) inTest[r] = 1;
    const train = new Uint32Array(2 * n - test.length);
    let t = 0;
    for (let r = 0; r < 2 * n; r++) if (!inTest[r]) train[t++] = r;
    const model = new GradientBoostedTrees({
      objective: 'binary',
      nEstimators: o.nEstimators,
      maxDepth: o.maxDepth,
      learningRate,
    }).fit(
      takeRows(X, train),
      Float64Array.from(train, (r) => y[r]!),
      rng.fork(`fold:${f}`),
    );
    const p = model.predict(takeRows(X, test));
    foldAuc.push(
      rocAuc(
        Float64Array.from(test, (r) => y[r]!),
        p,
      ),
    );
    const imp = model.featureImportances();
    for (let k = 0; k < imp.length; k++) importance[k]! += imp[k]! / folds.length;
    // Yield between folds so progress callbacks and timers can run.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const auc = foldAuc.reduce((s, v) => s + v, 0) / foldAuc.length;
  const topFeatures = columns
    .map((column, k) => ({ column, importance: importance[k]! }))
    .sort((a, b) => b.importance - a.importance || (a.column < b.column ? -1 : 1))
    .slice(0, 10);
  return {
    auc,
    score: detectionScore(auc),
    foldAuc,
    rowsPerSide: n,
    folds: o.folds,
    model: { kind: 'gradient-boosted-trees', nEstimators: o.nEstimators, maxDepth: o.maxDepth, learningRate },
    topFeatures,
  };
}

export const detectionMetric: MetricDescriptor<DetectionResult> = {
  name: 'Detection',
  goal: 'maximize',
  range: [0, 1],
  description:
    'clip(2·(1 − AUC), 0, 1) of a gradient-boosted classifier trained (stratified 5-fold CV, equal-size samples) to tell real from synthetic rows: 1 = indistinguishable.',
  compute(ctx) {
    return ctx.memoize('metric:Detection', () => runDetection(ctx));
  },
};
