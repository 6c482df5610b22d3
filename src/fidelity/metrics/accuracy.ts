import type { ColumnInfo, FidelityContext, Side } from '../context.js';
import { digitize } from '../sdmetrics-binning.js';
import {
  type ColumnScore,
  errorMessage,
  type MetricDescriptor,
  meanOfScores,
  type PairScore,
} from '../types.js';
import { type GroupCodes, type JointCounts, jointCounts, tvdComplement } from './contingency-similarity.js';

/**
 * Accuracy with a ceiling: 1 − total variation distance between binned distributions, univariate
 * (each column) and bivariate (each column pair), on bins fixed by the real training data — numeric
 * and datetime columns in up to 20 quantile bins of the real values (open-ended at both ends, so
 * values outside the real range still land in a bin), categorical and boolean columns by category,
 * a null always its own bin. Unlike the SDMetrics scores, real and compared tables share the
 * same bins, so this is a like-for-like distance (the "marginal/pairwise TVD accuracy" of the
 * synthetic-data literature, e.g. NIST CRC's k-marginal scores).
 *
 * With a holdout the same scores are computed for holdout vs training data: a fresh sample of the
 * real population is the best any generator can honestly reach (sampling noise included), so the
 * synthetic score is reported beside that ceiling and as a share of it.
 */

export const ACCURACY_NUMERIC_BINS = 20;

export interface AccuracyScores {
  /** Mean of the univariate and bivariate scores. */
  score: number | null;
  univariate: number | null;
  bivariate: number | null;
  columns: ColumnScore[];
  pairs: PairScore[];
}

export interface AccuracyResult {
  bins: { numeric: 'quantile'; maxBins: number };
  synthetic: AccuracyScores;
  /** Holdout vs training data on the same bins: the ceiling (null without a holdout). */
  ceiling: AccuracyScores | null;
  /** synthetic.score / ceiling.score (null without a holdout). */
  relativeToCeiling: number | null;
}

/**
 * Inner edges of up to `bins` quantile bins of an ascending sample: the distinct values at ranks
 * ⌊n·i/bins⌋ for i = 1..bins−1. A value's bin is the number of edges ≤ it.
 *
 * @example
 * quantileEdges(Float64Array.of(1, 2, 3, 4), 2); // => [3]
 */
export function quantileEdges(sorted: Float64Array, bins = ACCURACY_NUMERIC_BINS): Float64Array {
  const n = sorted.length;
  const edges: number[] = [];
  if (n === 0) return new Float64Array(0);
  for (let i = 1; i < bins; i++) {
    const v = sorted[Math.min(n - 1, Math.floor((n * i) / bins))]!;
    if (edges.length === 0 || v > edges[edges.length - 1]!) edges.push(v);
  }
  return Float64Array.from(edges);
}

/** Bin codes of a column on one side, on bins fixed by the real table (cached). */
export function accuracyCodes(ctx: FidelityContext, side: Side, col: ColumnInfo): GroupCodes {
  return ctx.memoize(`acc-codes:${side}:${col.name}`, () => {
    if (col.shape === 'continuous') {
      const edges = ctx.memoize(`acc-edges:${col.name}`, () =>
        quantileEdges(ctx.sortedValues('real', col.name)),
      );
      const c = ctx.numeric(side, col.name);
      const nullBin = edges.length + 1;
      const codes = new Int32Array(c.values.length);
      for (let i = 0; i < codes.length; i++) {
        const x = c.values[i]!;
        codes[i] = c.valid.get(i) && !Number.isNaN(x) ? digitize(x, edges) : nullBin;
      }
      return { codes, size: nullBin + 1 };
    }
    const a = ctx.aligned(col.name);
    const src = ctx.alignedCodes(side, col.name);
    const nullCode = a.dictionary.length;
    const codes = new Int32Array(src.length);
    for (let i = 0; i < src.length; i++) codes[i] = src[i]! < 0 ? nullCode : src[i]!;
    return { codes, size: nullCode + 1 };
  });
}

/** Counts per bin of one column, keyed like {@link jointCounts}. */
function marginalCounts(g: GroupCodes): JointCounts {
  const dense = new Float64Array(g.size);
  for (let i = 0; i < g.codes.length; i++) dense[g.codes[i]!]!++;
  const out: JointCounts = new Map();
  for (let k = 0; k < dense.length; k++) if (dense[k]! > 0) out.set(k, dense[k]!);
  return out;
}

function scoresAgainst(ctx: FidelityContext, other: Side): AccuracyScores {
  const cols = ctx.scored;
  const columns: ColumnScore[] = cols.map((c) => {
    try {
      const r = accuracyCodes(ctx, 'real', c);
      const o = accuracyCodes(ctx, other, c);
      const s = tvdComplement(marginalCounts(r), r.codes.length, marginalCounts(o), o.codes.length);
      return Number.isNaN(s)
        ? { column: c.name, metric: 'Accuracy', score: null, note: 'a table has no rows' }
        : { column: c.name, metric: 'Accuracy', score: s };
    } catch (e) {
      return { column: c.name, metric: 'Accuracy', score: null, error: errorMessage(e) };
    }
  });
  const pairs: PairScore[] = [];
  for (let i = 0; i < cols.length; i++) {
    for (let j = i + 1; j < cols.length; j++) {
      const a = cols[i]!;
      const b = cols[j]!;
      const base = { columns: [a.name, b.name] as [string, string], metric: 'Accuracy' };
      try {
        const ra = accuracyCodes(ctx, 'real', a);
        const rb = accuracyCodes(ctx, 'real', b);
        const oa = accuracyCodes(ctx, other, a);
        const ob = accuracyCodes(ctx, other, b);
        const s = tvdComplement(
          jointCounts(ra.codes, rb.codes, rb.size, ra.size),
          ra.codes.length,
          jointCounts(oa.codes, ob.codes, ob.size, oa.size),
          oa.codes.length,
        );
        pairs.push(
          Number.isNaN(s) ? { ...base, score: null, note: 'a table has no rows' } : { ...base, score: s },
        );
      } catch (e) {
        pairs.push({ ...base, score: null, error: errorMessage(e) });
      }
    }
  }
  const univariate = meanOfScores(columns.map((c) => c.score));
  const bivariate = meanOfScores(pairs.map((p) => p.score));
  return { score: meanOfScores([univariate, bivariate]), univariate, bivariate, columns, pairs };
}

export const accuracyMetric: MetricDescriptor<AccuracyResult> = {
  name: 'Accuracy',
  goal: 'maximize',
  range: [0, 1],
  description:
    '1 − total variation distance on binned univariate and bivariate distributions (bins from the real training data), beside the holdout-vs-training ceiling.',
  compute(ctx) {
    return ctx.memoize('metric:Accuracy', () => {
      const synthetic = scoresAgainst(ctx, 'synthetic');
      const ceiling = ctx.holdout ? scoresAgainst(ctx, 'holdout') : null;
      const relativeToCeiling =
        ceiling && ceiling.score !== null && synthetic.score !== null && ceiling.score > 0
          ? synthetic.score / ceiling.score
          : null;
      return {
        bins: { numeric: 'quantile', maxBins: ACCURACY_NUMERIC_BINS },
        synthetic,
        ceiling,
        relativeToCeiling,
      };
    });
  },
};
