import { InputError } from '../../errors.js';
import { fitFeatureEncoder } from '../../ml/features.js';
import { GradientBoostedTrees } from '../../ml/gbt.js';
import { accuracy, f1Score, macroF1, r2Score, rocAuc } from '../../ml/metrics.js';
import type { Table } from '../../table/table.js';
import type { FidelityContext } from '../context.js';
import type { MetricDescriptor } from '../types.js';

/**
 * Machine-learning efficacy: is the synthetic data as useful as the real data for predicting the
 * target column? Train on Synthetic, Test on Real (TSTR) against Train on Real, Test on Real (TRTR),
 * both tested on the same real rows the generator never saw — the holdout table. Without a holdout,
 * 20 % of the real table is held out instead (the generator saw those rows, so TSTR may be
 * optimistic; the report says so). Model: gradient-boosted trees on the other scored columns.
 *
 * Tasks: a numerical/datetime target is a regression (R²); a categorical/boolean one with two
 * classes is binary classification (ROC AUC, F1 of the rarer real class, accuracy); with more
 * classes, multiclass (macro one-vs-rest AUC, macro F1, accuracy). `score` compares the two on the
 * main metric above chance: (TSTR − chance) / (TRTR − chance), clipped to [0, 1], with chance = 0.5
 * for AUC and 0 for R².
 */

export interface EfficacyOptions {
  nEstimators?: number;
  maxDepth?: number;
  learningRate?: number;
  /** Share of the real table held out as test set when no holdout is given (default 0.2). */
  testShare?: number;
}

export const EFFICACY_DEFAULTS: Required<EfficacyOptions> = {
  nEstimators: 100,
  maxDepth: 6,
  learningRate: 0.1,
  testShare: 0.2,
};

export interface EfficacyScores {
  auc?: number;
  f1?: number;
  accuracy?: number;
  r2?: number;
}

export interface EfficacyResult {
  target: string;
  task: 'binary' | 'multiclass' | 'regression';
  /** Where the test rows come from. */
  testSet: 'holdout' | 'real-split';
  note?: string;
  primaryMetric: 'auc' | 'r2';
  trtr: EfficacyScores;
  tstr: EfficacyScores;
  /** (TSTR − chance) / (TRTR − chance) on the primary metric, clipped to [0, 1]. */
  score: number | null;
  rows: {
    trainReal: number;
    trainSynthetic: number;
    test: number;
    droppedSynthetic: number;
    droppedTest: number;
  };
  /** Classification: number of classes, and the positive class of a binary task (shown only when ≥ minCellCount real rows have it). */
  classes?: { count: number; positive: string | null };
  features: string[];
  model: { kind: 'gradient-boosted-trees'; nEstimators: number; maxDepth: number; learningRate: number };
}

interface Labelled {
  table: Table;
  y: Float64Array;
  dropped: number;
}

/** Rows with a usable target, and the label vector (class index, or the value for regression). */
function labelRows(t: Table, target: string, classIndex: Map<string, number> | null): Labelled {
  const c = t.column(target);
  const keep: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < t.numRows; i++) {
    if (!c.valid.get(i)) continue;
    if (classIndex) {
      if (c.kind !== 'categorical') continue;
      const k = classIndex.get(c.dictionary[c.codes[i]!]!);
      if (k === undefined) continue;
      keep.push(i);
      y.push(k);
    } else {
      if (c.kind !== 'numeric' || !Number.isFinite(c.values[i]!)) continue;
      keep.push(i);
      y.push(c.values[i]!);
    }
  }
  return { table: t.take(keep), y: Float64Array.from(y), dropped: t.numRows - keep.length };
}

function classifyScores(
  task: 'binary' | 'multiclass',
  model: GradientBoostedTrees,
  X: ReturnType<ReturnType<typeof fitFeatureEncoder>['encode']>,
  y: Float64Array,
  numClasses: number,
): EfficacyScores {
  const proba = model.predictProba(X);
  const pred = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let k = 1; k < proba.length; k++) if (proba[k]![i]! > proba[best]![i]!) best = k;
    pred[i] = best;
  }
  if (task === 'binary') {
    return { auc: rocAuc(y, proba[1]!), f1: f1Score(y, pred, 1), accuracy: accuracy(y, pred) };
  }
  let aucSum = 0;
  let aucN = 0;
  for (let k = 0; k < numClasses; k++) {
    const yk = Float64Array.from(y, (v) => (v === k ? 1 : 0));
    let pos = 0;
    for (const v of yk) pos += v;
    if (pos === 0 || pos === yk.length) continue; // AUC undefined for a class absent from the test set
    aucSum += rocAuc(yk, proba[k]!);
    aucN++;
  }
  return { ...(aucN > 0 ? { auc: aucSum / aucN } : {}), f1: macroF1(y, pred), accuracy: accuracy(y, pred) };
}

export async function runEfficacy(
  ctx: FidelityContext,
  options: EfficacyOptions = {},
): Promise<EfficacyResult> {
  const o = { ...EFFICACY_DEFAULTS, ...options };
  const target = ctx.target;
  if (target === null) throw new Error('no target column was given');
  const info = ctx.columns.find((c) => c.name === target)!;
  if (info.shape === null) {
    throw new InputError(
      'E_FIDELITY_TARGET',
      `target column "${target}" has sdtype ${info.sdtype}, which cannot be predicted`,
      {
        location: { column: target },
        hint: 'choose a numerical, datetime, categorical or boolean column as --target',
      },
    );
  }
  const features = ctx.scored.filter((c) => c.name !== target).map((c) => c.name);
  if (features.length === 0) throw new Error('no feature column besides the target');
  const rng = ctx.rng.fork('efficacy');
  const columns = [...features, target];

  let trainReal = ctx.real.select(columns);
  let test: Table;
  let testSet: EfficacyResult['testSet'] = 'holdout';
  let note: string | undefined;
  if (ctx.holdout) {
    test = ctx.holdout.select(columns);
  } else {
    testSet = 'real-split';
    note =
      'No holdout was given: 20 % of the real table was held out as test set. The generator saw those rows, so TSTR may be optimistic; pass a holdout for an honest comparison.';
    const perm = rng.fork('split').permutation(ctx.real.numRows);
    const nTest = Math.max(1, Math.round(o.testShare * ctx.real.numRows));
    test = trainReal.take(perm.subarray(0, nTest).slice().sort());
    trainReal = trainReal.take(perm.subarray(nTest).slice().sort());
  }

  let task: EfficacyResult['task'];
  let classIndex: Map<string, number> | null = null;
  let classes: EfficacyResult['classes'];
  if (info.shape === 'continuous') {
    task = 'regression';
  } else {
    const counts = ctx.categoryCounts('real', target);
    const dict = ctx.aligned(target).dictionary;
    const present = dict.map((s, k) => ({ s, n: counts[k]! })).filter((c) => c.n > 0);
    if (present.length < 2) throw new Error(`target "${target}" has fewer than 2 classes in the real table`);
    present.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
    task = present.length === 2 ? 'binary' : 'multiclass';
    if (task === 'binary') {
      // Positive class = the rarer real class (ties: the later one in string order).
      const [a, b] = present as [{ s: string; n: number }, { s: string; n: number }];
      const pos = a.n < b.n ? a : b;
      const neg = pos === a ? b : a;
      classIndex = new Map([
        [neg.s, 0],
        [pos.s, 1],
      ]);
      classes = { count: 2, positive: pos.n >= ctx.minCellCount ? pos.s : null };
    } else {
      classIndex = new Map(present.map((c, k) => [c.s, k]));
      classes = { count: present.length, positive: null };
    }
  }

  const realL = labelRows(trainReal, target, classIndex);
  const synthL = labelRows(ctx.synthetic.select(columns), target, classIndex);
  const testL = labelRows(test, target, classIndex);
  if (realL.y.length === 0 || synthL.y.length === 0 || testL.y.length === 0) {
    throw new Error('the real, synthetic or test table has no row with a usable target value');
  }
  const encoder = fitFeatureEncoder([realL.table, synthL.table, testL.table], features);
  const Xreal = encoder.encode(realL.table);
  const Xsynth = encoder.encode(synthL.table);
  const Xtest = encoder.encode(testL.table);
  const numClasses = classIndex ? classIndex.size : 0;
  const params = {
    objective: task,
    nEstimators: o.nEstimators,
    maxDepth: o.maxDepth,
    learningRate: o.learningRate,
    ...(task === 'multiclass' ? { numClasses } : {}),
  } as const;

  const evaluateOn = async (X: typeof Xreal, y: Float64Array, label: string): Promise<EfficacyScores> => {
    const model = new GradientBoostedTrees(params).fit(X, y, rng.fork(`model:${label}`));
    await new Promise((resolve) => setImmediate(resolve));
    if (task === 'regression') return { r2: r2Score(testL.y, model.predict(Xtest)) };
    return classifyScores(task, model, Xtest, testL.y, numClasses);
  };
  const trtr = await evaluateOn(Xreal, realL.y, 'trtr');
  const tstr = await evaluateOn(Xsynth, synthL.y, 'tstr');

  const primaryMetric = task === 'regression' ? 'r2' : 'auc';
  const chance = primaryMetric === 'auc' ? 0.5 : 0;
  const a = tstr[primaryMetric];
  const b = trtr[primaryMetric];
  const score =
    a === undefined || b === undefined || !(b - chance > 0)
      ? null
      : Math.max(0, Math.min(1, (a - chance) / (b - chance)));

  return {
    target,
    task,
    testSet,
    ...(note ? { note } : {}),
    primaryMetric,
    trtr,
    tstr,
    score,
    rows: {
      trainReal: realL.y.length,
      trainSynthetic: synthL.y.length,
      test: testL.y.length,
      droppedSynthetic: synthL.dropped,
      droppedTest: testL.dropped,
    },
    ...(classes ? { classes } : {}),
    features,
    model: {
      kind: 'gradient-boosted-trees',
      nEstimators: o.nEstimators,
      maxDepth: o.maxDepth,
      learningRate: o.learningRate,
    },
  };
}

export const mlEfficacyMetric: MetricDescriptor<EfficacyResult> = {
  name: 'MLEfficacy',
  goal: 'maximize',
  range: [0, 1],
  description:
    'Train-on-synthetic/test-on-real vs train-on-real/test-on-real with gradient-boosted trees on the target column (AUC and F1, or R²); score = TSTR over TRTR above chance.',
  compute(ctx) {
    return ctx.memoize('metric:MLEfficacy', () => runEfficacy(ctx));
  },
};
