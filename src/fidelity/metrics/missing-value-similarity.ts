import type { FidelityContext } from '../context.js';
import {
  type ColumnMetricResult,
  type ColumnScore,
  type MetricDescriptor,
  meanOfScores,
  scoreColumn,
} from '../types.js';

/**
 * Missing-value similarity, as SDMetrics 0.29 computes it
 * (`single_column/statistical/missing_value_similarity.py`): 1 − |share of nulls in the real column
 * − share of nulls in the synthetic column|. Computed for every schema column, id/pii/text included.
 */

export interface MissingValueCell extends ColumnScore {
  realNullShare?: number;
  syntheticNullShare?: number;
}

export function missingValueSimilarityColumn(
  ctx: FidelityContext,
  name: string,
): { score: number | null; note?: string; realNullShare?: number; syntheticNullShare?: number } {
  const nr = ctx.real.numRows;
  const ns = ctx.synthetic.numRows;
  if (nr === 0 || ns === 0) return { score: null, note: 'the real or the synthetic table has no rows' };
  const realNullShare = ctx.nullCount('real', name) / nr;
  const syntheticNullShare = ctx.nullCount('synthetic', name) / ns;
  return { score: 1 - Math.abs(realNullShare - syntheticNullShare), realNullShare, syntheticNullShare };
}

export const missingValueSimilarityMetric: MetricDescriptor<ColumnMetricResult<MissingValueCell>> = {
  name: 'MissingValueSimilarity',
  goal: 'maximize',
  range: [0, 1],
  description:
    '1 − |real null share − synthetic null share| for every column (SDMetrics 0.29 MissingValueSimilarity).',
  compute(ctx) {
    return ctx.memoize('metric:MissingValueSimilarity', () => {
      const columns = ctx.columns.map((c) =>
        scoreColumn(c.name, 'MissingValueSimilarity', () => missingValueSimilarityColumn(ctx, c.name)),
      );
      return { score: meanOfScores(columns.map((c) => c.score)), columns };
    });
  },
};
