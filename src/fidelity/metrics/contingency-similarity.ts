import type { ColumnInfo, FidelityContext, Side } from '../context.js';
import { sdmetricsDiscretize } from '../sdmetrics-binning.js';
import type { MetricDescriptor, PairScore } from '../types.js';
import { errorMessage, meanOfScores } from '../types.js';

/**
 * Contingency similarity, as SDMetrics 0.29 computes it
 * (`column_pairs/statistical/contingency_similarity.py`): the joint frequency table of the two
 * columns (nulls kept as their own value, frequencies over all rows) in the real and the synthetic
 * table; score = 1 − ½ Σ |p_real − p_synth| over every cell seen in either. A numerical or datetime
 * column paired with a categorical one is first binned the SDMetrics way (see
 * `sdmetrics-binning.ts`, on each table's own edges). The real association is Cramér's V of the
 * real table, without bias correction (`scipy.stats.contingency.association(method='cramer')`).
 */

export interface ContingencyPairScore extends PairScore {
  /** Cramér's V of the real joint table; null when it has fewer than 2 rows or columns. */
  realAssociation: number | null;
}

/** Group codes of one column for contingency tables: categories (null = last code) or SDMetrics bins. */
export interface GroupCodes {
  codes: Int32Array;
  size: number;
}

/** Codes of a column on one side, on a group space shared by every side. */
export function groupCodes(ctx: FidelityContext, side: Side, col: ColumnInfo): GroupCodes {
  return ctx.memoize(`groups:${side}:${col.name}`, () => {
    if (col.shape === 'continuous') return { codes: sdmetricsDiscretize(ctx, side, col.name), size: 12 };
    const a = ctx.aligned(col.name);
    const nullCode = a.dictionary.length;
    const src = ctx.alignedCodes(side, col.name);
    const codes = new Int32Array(src.length);
    for (let i = 0; i < src.length; i++) codes[i] = src[i]! < 0 ? nullCode : src[i]!;
    return { codes, size: nullCode + 1 };
  });
}

/** Sparse-or-dense joint counts keyed by `a · sizeB + b`. */
export type JointCounts = Map<number, number>;

const DENSE_LIMIT = 1 << 22;

/**
 * Joint counts of two code vectors (same length) as a map from `a · sizeB + b` to the count.
 *
 * @example
 * jointCounts(Int32Array.of(0, 0, 1), Int32Array.of(1, 1, 0), 2); // => Map { 1 → 2, 2 → 1 }
 */
export function jointCounts(a: Int32Array, b: Int32Array, sizeB: number, sizeA = 0): JointCounts {
  const out = new Map<number, number>();
  const n = a.length;
  if (sizeA > 0 && sizeA * sizeB <= DENSE_LIMIT) {
    const dense = new Float64Array(sizeA * sizeB);
    for (let i = 0; i < n; i++) dense[a[i]! * sizeB + b[i]!]!++;
    for (let k = 0; k < dense.length; k++) if (dense[k]! > 0) out.set(k, dense[k]!);
    return out;
  }
  for (let i = 0; i < n; i++) {
    const k = a[i]! * sizeB + b[i]!;
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/**
 * 1 − total variation distance between two joint frequency tables (counts over `nReal` and
 * `nSynthetic` rows).
 *
 * @example
 * tvdComplement(new Map([[0, 2], [1, 2]]), 4, new Map([[0, 4]]), 4); // => 0.5
 */
export function tvdComplement(
  real: JointCounts,
  nReal: number,
  synthetic: JointCounts,
  nSynthetic: number,
): number {
  if (nReal === 0 || nSynthetic === 0) return Number.NaN;
  let tv = 0;
  for (const [k, c] of real) tv += Math.abs(c / nReal - (synthetic.get(k) ?? 0) / nSynthetic);
  for (const [k, c] of synthetic) if (!real.has(k)) tv += c / nSynthetic;
  // Clamp away rounding (disjoint supports can give 1 − ½·2.0000000000000004).
  return Math.max(0, Math.min(1, 1 - tv / 2));
}

/**
 * Cramér's V of a joint count table without bias correction: √(χ² / n / (min(r, c) − 1)) over the
 * r rows and c columns that occur. NaN when r or c is below 2.
 *
 * @example
 * cramersV(new Map([[0, 5], [3, 5]]), 2); // perfectly associated 2×2 table => 1
 */
export function cramersV(counts: JointCounts, sizeB: number): number {
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  let n = 0;
  for (const [k, c] of counts) {
    const a = Math.floor(k / sizeB);
    const b = k - a * sizeB;
    rows.set(a, (rows.get(a) ?? 0) + c);
    cols.set(b, (cols.get(b) ?? 0) + c);
    n += c;
  }
  const k = Math.min(rows.size, cols.size);
  if (n === 0 || k < 2) return Number.NaN;
  // χ² = n · (Σ O² / (R_i C_j) − 1), summing over the observed cells only.
  let s = 0;
  for (const [key, c] of counts) {
    const a = Math.floor(key / sizeB);
    const b = key - a * sizeB;
    s += (c * c) / (rows.get(a)! * cols.get(b)!);
  }
  const chi2 = Math.max(0, n * (s - 1));
  return Math.sqrt(chi2 / n / (k - 1));
}

/** Contingency similarity (and the real Cramér's V) of one column pair. */
export function contingencySimilarityPair(
  ctx: FidelityContext,
  a: ColumnInfo,
  b: ColumnInfo,
): ContingencyPairScore {
  const base = { columns: [a.name, b.name] as [string, string], metric: 'ContingencySimilarity' };
  try {
    const ra = groupCodes(ctx, 'real', a);
    const rb = groupCodes(ctx, 'real', b);
    const sa = groupCodes(ctx, 'synthetic', a);
    const sb = groupCodes(ctx, 'synthetic', b);
    const realCounts = jointCounts(ra.codes, rb.codes, rb.size, ra.size);
    const synthCounts = jointCounts(sa.codes, sb.codes, sb.size, sa.size);
    const v = cramersV(realCounts, rb.size);
    const score = tvdComplement(realCounts, ra.codes.length, synthCounts, sa.codes.length);
    return {
      ...base,
      score: Number.isNaN(score) ? null : score,
      realAssociation: Number.isNaN(v) ? null : v,
      ...(Number.isNaN(score) ? { note: 'the real or the synthetic table has no rows' } : {}),
    };
  } catch (e) {
    return { ...base, score: null, realAssociation: null, error: errorMessage(e) };
  }
}

export const contingencySimilarityMetric: MetricDescriptor<{
  score: number | null;
  pairs: ContingencyPairScore[];
}> = {
  name: 'ContingencySimilarity',
  goal: 'maximize',
  range: [0, 1],
  description:
    '1 − total variation distance between the real and synthetic joint frequency tables of every pair with a categorical/boolean column (numerics binned as SDMetrics 0.29 bins them).',
  compute(ctx) {
    return ctx.memoize('metric:ContingencySimilarity', () => {
      const cols = ctx.scored;
      const pairs: ContingencyPairScore[] = [];
      for (let i = 0; i < cols.length; i++)
        for (let j = i + 1; j < cols.length; j++) {
          if (cols[i]!.shape === 'continuous' && cols[j]!.shape === 'continuous') continue;
          pairs.push(contingencySimilarityPair(ctx, cols[i]!, cols[j]!));
        }
      return { score: meanOfScores(pairs.map((p) => p.score)), pairs };
    });
  },
};
