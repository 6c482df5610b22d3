/**
 * Distance to closest record (DCR), exact, on full tables.
 *
 * Distance: SDMetrics 0.29's DCR distance (see `distance.ts`): per column |a − b| / range of the
 * training column capped at 1 for numbers, 0/1 mismatch for categories, null/null 0, null/value 1;
 * row distance = mean over columns.
 *
 * Figures:
 * - DCR synthetic → train, holdout → train (what unseen real rows look like), random → train (uniform
 *   rows within the real bounds), synthetic → holdout: median, 5th percentile, share of exact zeros.
 * - Closer-to-train share at **equal sizes**: each synthetic row's DCR to a training subsample and to
 *   the holdout, both of m = min(|train|, |holdout|) rows (the larger side subsampled with the seeded
 *   Rng), so that density does not favour the training side. A tie counts ½ in the share (Wilson CI);
 *   the one-sided exact binomial test vs 0.5 drops ties (sign-test convention). Because only m of the
 *   |train| training rows are in the subsample, even a verbatim copy of train only reaches an expected
 *   share of ½ + ½·m/|train|; `normalizedExcess` = (share − ½)/(½·m/|train|) rescales this to [0, 1]
 *   (1 = as close to train as a verbatim copy).
 * - Median-DCR ratio synthetic/random (how much closer to real rows than chance), with a conservative
 *   interval from the two medians' 97.5 % order-statistic intervals (Bonferroni).
 * - NNDR: nearest / second-nearest training distance per synthetic row (0/0 counts 1: a row tied
 *   between two identical records is not singled out; d₁ = 0 < d₂ gives 0); median with CI.
 * - SDMetrics-compatible DCRBaselineProtection = min(1, median DCR synthetic→train / median DCR
 *   random→train) and DCROverfittingProtection = min(1, 2·(1 − share of synthetic rows strictly closer
 *   to train than to holdout)), on the full tables (no subsampling). As SDMetrics 0.29's
 *   `calculate_dcr` does, each DCR there scales numbers by the range of its own reference table.
 */
import type { Rng } from '../rng.js';
import { alignAuditTables } from './align.js';
import { distanceSpace, type EncodedRows, encodeRows } from './distance.js';
import { nearestNeighbors } from './nn-search.js';
import { randomBaselineRows } from './random-baseline.js';
import { binomialUpperTail, type Estimate, quantileSorted, quantileWithCi, wilson } from './stats.js';
import type { AuditTables, MetricResult } from './types.js';

export interface DcrSummary {
  /** Rows measured (query side). */
  rows: number;
  /** Reference rows searched. */
  referenceRows: number;
  median: Estimate;
  p05: number;
  shareZero: number;
  /** Counts of DCR values in [edges[i], edges[i+1]) (last bin closed). */
  histogram: { edges: number[]; counts: number[] };
}

export interface DcrResult extends MetricResult {
  metric: 'dcr';
  synthToTrain: DcrSummary;
  synthToHoldout: DcrSummary;
  holdoutToTrain: DcrSummary;
  randomToTrain: DcrSummary;
  closerToTrain: {
    equalSize: number;
    wins: number;
    ties: number;
    losses: number;
    share: Estimate;
    pValue: number;
    normalizedExcess: Estimate;
  };
  baselineRatio: Estimate;
  nndr: Estimate;
  sdmetrics: {
    DCRBaselineProtection: { score: number; medianSynthetic: number; medianRandom: number };
    DCROverfittingProtection: { score: number; closerToTraining: number };
  };
}

export interface DcrOptions {
  /** Columns measured. Default: every column of the synthetic table. */
  columns?: readonly string[];
  rng: Rng;
  threads?: number;
  confidence?: number;
  onProgress?: (fraction: number, label: string) => void;
}

const HIST_EDGES = [0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1];

function summarize(dcr: Float64Array, referenceRows: number, confidence: number): DcrSummary {
  const sorted = Float64Array.from(dcr).sort();
  let zeros = 0;
  while (zeros < sorted.length && sorted[zeros] === 0) zeros++;
  const counts = new Array<number>(HIST_EDGES.length - 1).fill(0);
  for (const x of sorted) {
    let b = 0;
    while (b < counts.length - 1 && x >= HIST_EDGES[b + 1]!) b++;
    counts[b]!++;
  }
  return {
    rows: dcr.length,
    referenceRows,
    median: quantileWithCi(sorted, 0.5, confidence),
    p05: quantileSorted(sorted, 0.05),
    shareZero: sorted.length ? zeros / sorted.length : 0,
    histogram: { edges: [...HIST_EDGES], counts },
  };
}

/**
 * Distances are compared after rounding to 12 decimals, so that floating-point summation order (the
 * kernel adds columns in its own order) cannot split two exactly equal distances.
 */
const snap = (d: number): number => Math.round(d * 1e12) / 1e12;

/** First-neighbour distances as means over columns. */
function nearest(dist: Float64Array, k: number, columns: number): Float64Array {
  const out = new Float64Array(dist.length / k);
  for (let i = 0; i < out.length; i++) out[i] = dist[i * k]! / columns;
  return out;
}

/**
 * All DCR figures for one synthetic table.
 *
 * @example
 * const r = await dcr({ train, synthetic, holdout }, { rng: new Rng(0) });
 * r.closerToTrain.share.value; // ≈ 0.5 for a generator that does not memorize
 */
export async function dcr(tables: AuditTables, opts: DcrOptions): Promise<DcrResult> {
  const confidence = opts.confidence ?? 0.95;
  const columns = opts.columns ?? tables.synthetic.names;
  const {
    alignment: al,
    train: trainA,
    synthetic: synthA,
    holdout: holdA,
  } = alignAuditTables(tables, columns);
  const space = distanceSpace(al, [0]);
  const nCols = space.columnCount;
  const train = encodeRows(space, trainA);
  const synth = encodeRows(space, synthA);
  const hold = encodeRows(space, holdA);
  const randomA = randomBaselineRows(
    al.columns,
    trainA,
    synthA.numRows,
    opts.rng.fork('dcr:random-baseline'),
  );
  const random = encodeRows(space, randomA);
  const m = Math.min(train.n, hold.n);
  const trainSubRows = opts.rng.fork('dcr:train-subsample').sampleIndices(train.n, m);
  const holdSubRows = opts.rng.fork('dcr:holdout-subsample').sampleIndices(hold.n, m);
  const trainSub = encodeRows(space, trainA, trainSubRows);
  const holdSub = m === hold.n ? hold : encodeRows(space, holdA, holdSubRows);
  // SDMetrics scales each DCR by its own reference table's ranges.
  const holdSpace = distanceSpace(al, [2]);
  const holdOwn = encodeRows(holdSpace, holdA);
  const synthHoldScaled = encodeRows(holdSpace, synthA);

  const steps: [string, number][] = [
    ['synthetic → train', 4],
    ['random → train', 4],
    ['synthetic → train (equal size)', 1],
    ['synthetic → holdout (equal size)', 1],
    ['synthetic → holdout', 1],
    ['holdout → train', 1],
  ];
  const total = steps.reduce((s, [, w]) => s + w, 0);
  let doneWeight = 0;
  const run = async (
    i: number,
    ref: EncodedRows,
    q: EncodedRows,
    k: number,
    strategy: 'blocked' | 'vertical' = 'blocked',
  ) => {
    const [label, w] = steps[i]!;
    const res = await nearestNeighbors(ref, q, {
      k,
      strategy,
      threads: opts.threads,
      onProgress: (f) => opts.onProgress?.((doneWeight + f * w) / total, `DCR ${label}`),
    });
    doneWeight += w;
    return res;
  };
  const s2t = await run(0, train, synth, 2);
  const r2t = await run(1, train, random, 1, 'vertical');
  const s2tSub = await run(2, trainSub, synth, 1);
  const s2hSub = await run(3, holdSub, synth, 1);
  const s2h = await run(4, holdOwn, synthHoldScaled, 1);
  const h2t = await run(5, train, hold, 1);

  const dSynTrain = nearest(s2t.dist, s2t.k, nCols);
  const dRandom = nearest(r2t.dist, 1, nCols);
  const dHoldTrain = nearest(h2t.dist, 1, nCols);
  const dSynHoldOwn = nearest(s2h.dist, 1, nCols);

  // Equal-size closer-to-train share.
  let wins = 0;
  let ties = 0;
  let losses = 0;
  for (let i = 0; i < synth.n; i++) {
    const a = snap(s2tSub.dist[i]! / nCols);
    const b = snap(s2hSub.dist[i]! / nCols);
    if (a < b) wins++;
    else if (a === b) ties++;
    else losses++;
  }
  const share = wilson(wins + ties / 2, synth.n, confidence);
  share.ciMethod = 'Wilson score (ties count ½)';
  const maxExcess = 0.5 * (m / train.n);
  const norm = (x: number) => Math.max(0, Math.min(1, (x - 0.5) / maxExcess));
  const normalizedExcess: Estimate = {
    value: norm(share.value),
    ci: [norm(share.ci[0]), norm(share.ci[1])],
    ciMethod: 'Wilson interval of the share, rescaled',
  };

  // NNDR.
  const nndr = new Float64Array(synth.n);
  for (let i = 0; i < synth.n; i++) {
    const d1 = s2t.dist[i * s2t.k]!;
    const d2 = s2t.k > 1 ? s2t.dist[i * s2t.k + 1]! : Number.POSITIVE_INFINITY;
    nndr[i] = d2 === 0 ? 1 : d1 / d2;
  }
  nndr.sort();

  const synthToTrain = summarize(dSynTrain, train.n, confidence);
  const randomToTrain = summarize(dRandom, train.n, confidence);
  const synthToHoldout = summarize(nearest(s2hSub.dist, 1, nCols), holdSub.n, confidence);
  const holdoutToTrain = summarize(dHoldTrain, train.n, confidence);

  // Ratio of medians with a Bonferroni-combined interval.
  const conf2 = 1 - (1 - confidence) / 2;
  const sMed = quantileWithCi(Float64Array.from(dSynTrain).sort(), 0.5, conf2);
  const rMed = quantileWithCi(Float64Array.from(dRandom).sort(), 0.5, conf2);
  const sm = synthToTrain.median.value;
  const rm = randomToTrain.median.value;
  const ratioValue = rm > 0 ? sm / rm : Number.NaN;
  const baselineRatio: Estimate = {
    value: ratioValue,
    ci: Number.isNaN(ratioValue)
      ? [Number.NaN, Number.NaN]
      : [
          Math.min(ratioValue, rMed.ci[1] > 0 ? sMed.ci[0] / rMed.ci[1] : 0),
          Math.max(ratioValue, rMed.ci[0] > 0 ? sMed.ci[1] / rMed.ci[0] : Number.POSITIVE_INFINITY),
        ],
    ciMethod:
      'ratio of the medians’ 97.5 % order-statistic intervals (Bonferroni); undefined when the random median is 0',
  };

  let closerFull = 0;
  for (let i = 0; i < synth.n; i++) if (snap(dSynTrain[i]!) < snap(dSynHoldOwn[i]!)) closerFull++;
  const closerToTraining = closerFull / synth.n;

  return {
    metric: 'dcr',
    valueLabel: 'share of synthetic rows closer to train than to holdout (equal sizes)',
    ...share,
    params: {
      columns: space.columnNames,
      distance:
        'mean over columns: numeric |a−b|/range(train) capped at 1; categorical mismatch 0/1; null/null 0, null/value 1',
      trainRows: train.n,
      syntheticRows: synth.n,
      holdoutRows: hold.n,
      equalSize: m,
      randomRows: random.n,
      ties: 'count ½ in the share; dropped from the binomial test',
      exact: true,
    },
    synthToTrain,
    synthToHoldout,
    holdoutToTrain,
    randomToTrain,
    closerToTrain: {
      equalSize: m,
      wins,
      ties,
      losses,
      share,
      pValue: binomialUpperTail(wins, wins + losses, 0.5),
      normalizedExcess,
    },
    baselineRatio,
    nndr:
      s2t.k > 1
        ? quantileWithCi(nndr, 0.5, confidence)
        : {
            value: Number.NaN,
            ci: [Number.NaN, Number.NaN],
            ciMethod: 'undefined: fewer than two training rows',
          },
    sdmetrics: {
      DCRBaselineProtection: {
        score:
          randomToTrain.median.value > 0
            ? Math.min(1, synthToTrain.median.value / randomToTrain.median.value)
            : Number.NaN,
        medianSynthetic: synthToTrain.median.value,
        medianRandom: randomToTrain.median.value,
      },
      DCROverfittingProtection: { score: Math.min(1, 2 * (1 - closerToTraining)), closerToTraining },
    },
  };
}
