import type { FidelityContext } from '../context.js';
import {
  type ColumnMetricResult,
  type ColumnScore,
  type MetricDescriptor,
  meanOfScores,
  scoreColumn,
} from '../types.js';

/**
 * Tail coverage: of the *rare* real categories of each categorical/boolean column — those holding
 * less than 1 % of the column's non-null real values — the share that the synthetic data still
 * contains. Generators tend to drop the long tail first (mode collapse, smoothing), which the
 * frequency-weighted TV complement barely notices. Only counts are reported, never the rare
 * category names (a rare category may single out a person). Columns without a rare category have
 * no score; the metric's score is the mean over the columns that have one.
 */

export const RARE_CATEGORY_SHARE = 0.01;

export interface TailCoverageCell extends ColumnScore {
  rareCategories?: number;
  coveredRareCategories?: number;
}

export function tailCoverageColumn(
  ctx: FidelityContext,
  name: string,
  threshold = RARE_CATEGORY_SHARE,
): { score: number | null; note?: string; rareCategories: number; coveredRareCategories: number } {
  const real = ctx.categoryCounts('real', name);
  const synth = ctx.categoryCounts('synthetic', name);
  let total = 0;
  for (let k = 0; k < real.length; k++) total += real[k]!;
  let rareCategories = 0;
  let coveredRareCategories = 0;
  for (let k = 0; k < real.length; k++) {
    if (real[k]! > 0 && real[k]! < threshold * total) {
      rareCategories++;
      if (synth[k]! > 0) coveredRareCategories++;
    }
  }
  if (rareCategories === 0) {
    return {
      score: null,
      note: 'no rare category (< 1 % of real rows)',
      rareCategories,
      coveredRareCategories,
    };
  }
  return { score: coveredRareCategories / rareCategories, rareCategories, coveredRareCategories };
}

export const tailCoverageMetric: MetricDescriptor<
  ColumnMetricResult<TailCoverageCell> & { rareCategories: number; coveredRareCategories: number }
> = {
  name: 'TailCoverage',
  goal: 'maximize',
  range: [0, 1],
  description:
    'Share of rare real categories (< 1 % of real rows) that the synthetic data still contains, per categorical/boolean column.',
  compute(ctx) {
    return ctx.memoize('metric:TailCoverage', () => {
      const columns = ctx.scored
        .filter((c) => c.shape === 'discrete')
        .map((c) => scoreColumn(c.name, 'TailCoverage', () => tailCoverageColumn(ctx, c.name)));
      return {
        score: meanOfScores(columns.map((c) => c.score)),
        rareCategories: columns.reduce((s, c) => s + (c.rareCategories ?? 0), 0),
        coveredRareCategories: columns.reduce((s, c) => s + (c.coveredRareCategories ?? 0), 0),
        columns,
      };
    });
  },
};
