import type { FidelityContext, Side } from '../context.js';
import type { MetricDescriptor, PairScore } from '../types.js';
import { errorMessage, meanOfScores } from '../types.js';

/**
 * Correlation similarity, as SDMetrics 0.29 computes it
 * (`column_pairs/statistical/correlation_similarity.py`): Pearson's r of the two columns on the rows
 * where both are non-null, in the real and in the synthetic table; score = 1 − |r_real − r_synth| / 2.
 * A column that is constant (one distinct non-null value) in either table is an error
 * ("ConstantInputError" in SDMetrics); an undefined r gives a null score.
 */

export interface CorrelationPairScore extends PairScore {
  realCorrelation: number | null;
  syntheticCorrelation: number | null;
}

/**
 * Pearson's correlation coefficient (two-pass, clipped to [−1, 1]); NaN when a side has no variance.
 *
 * @example
 * pearson(Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 7)); // => 0.9933…
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  const r = sxy / Math.sqrt(sxx) / Math.sqrt(syy);
  return Math.max(-1, Math.min(1, r));
}

/** Pearson's r of two numeric columns of one table on rows where both are non-null (cached). */
export function pairCorrelation(ctx: FidelityContext, side: Side, a: string, b: string): number {
  return ctx.memoize(`pearson:${side}:${a}\u0000${b}`, () => {
    const ca = ctx.numeric(side, a);
    const cb = ctx.numeric(side, b);
    const n = ca.values.length;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (!ca.valid.get(i) || !cb.valid.get(i)) continue;
      const x = ca.values[i]!;
      const y = cb.values[i]!;
      if (Number.isNaN(x) || Number.isNaN(y)) continue;
      xs[k] = x;
      ys[k] = y;
      k++;
    }
    if (k < 2) {
      throw Object.assign(new Error(`fewer than 2 rows of the ${side} table have both "${a}" and "${b}"`), {
        name: 'ValueError',
      });
    }
    return pearson(xs.subarray(0, k), ys.subarray(0, k));
  });
}

function distinctCount(sorted: Float64Array): number {
  let d = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) d++;
  return d;
}

/** SDMetrics' constant-input check: a column with exactly one distinct non-null value. */
function assertNotConstant(ctx: FidelityContext, a: string, b: string): void {
  for (const side of ['real', 'synthetic'] as const) {
    const constant = [a, b].filter((c) => distinctCount(ctx.sortedValues(side, c)) === 1);
    if (constant.length > 0) {
      const e = new Error(
        `The ${side} data in column${constant.length > 1 ? 's' : ''} '${constant.join(', ')}' contains a constant value. Correlation is undefined for constant data.`,
      );
      e.name = 'ConstantInputError';
      throw e;
    }
  }
}

/** Correlation similarity of one pair of continuous columns; errors become an error cell. */
export function correlationSimilarityPair(ctx: FidelityContext, a: string, b: string): CorrelationPairScore {
  const base = { columns: [a, b] as [string, string], metric: 'CorrelationSimilarity' };
  try {
    assertNotConstant(ctx, a, b);
    const r = pairCorrelation(ctx, 'real', a, b);
    const s = pairCorrelation(ctx, 'synthetic', a, b);
    if (Number.isNaN(r) || Number.isNaN(s)) {
      return {
        ...base,
        score: null,
        realCorrelation: Number.isNaN(r) ? null : r,
        syntheticCorrelation: Number.isNaN(s) ? null : s,
        note: 'correlation undefined (no variance on the rows where both columns are present)',
      };
    }
    return { ...base, score: 1 - Math.abs(r - s) / 2, realCorrelation: r, syntheticCorrelation: s };
  } catch (e) {
    return {
      ...base,
      score: null,
      realCorrelation: null,
      syntheticCorrelation: null,
      error: errorMessage(e),
    };
  }
}

export const correlationSimilarityMetric: MetricDescriptor<{
  score: number | null;
  pairs: CorrelationPairScore[];
}> = {
  name: 'CorrelationSimilarity',
  goal: 'maximize',
  range: [0, 1],
  description:
    '1 − |r_real − r_synthetic| / 2 for every pair of numerical/datetime columns, with Pearson’s r (SDMetrics 0.29 CorrelationSimilarity).',
  compute(ctx) {
    return ctx.memoize('metric:CorrelationSimilarity', () => {
      const cont = ctx.scored.filter((c) => c.shape === 'continuous');
      const pairs: CorrelationPairScore[] = [];
      for (let i = 0; i < cont.length; i++)
        for (let j = i + 1; j < cont.length; j++)
          pairs.push(correlationSimilarityPair(ctx, cont[i]!.name, cont[j]!.name));
      return { score: meanOfScores(pairs.map((p) => p.score)), pairs };
    });
  },
};
