import { type ColumnMetricResult, type MetricDescriptor, meanOfScores, scoreColumn } from '../types.js';
import { ksComplementColumn } from './ks-complement.js';
import { tvComplementColumn } from './tv-complement.js';

/**
 * Column Shapes, as SDMetrics 0.29's QualityReport computes it
 * (`reports/single_table/_properties/column_shapes.py`): KSComplement for numerical and datetime
 * columns, TVComplement for categorical and boolean ones, in schema order; the property score is
 * the mean over the columns that could be scored (a failing column records an error cell).
 */
export const columnShapesMetric: MetricDescriptor<ColumnMetricResult> = {
  name: 'ColumnShapes',
  goal: 'maximize',
  range: [0, 1],
  description:
    'How well each column’s distribution is reproduced: KS complement (numerical, datetime) or TV complement (categorical, boolean), averaged over columns (SDMetrics 0.29 Column Shapes).',
  compute(ctx) {
    return ctx.memoize('metric:ColumnShapes', () => {
      const columns = ctx.scored.map((c) =>
        c.shape === 'continuous'
          ? scoreColumn(c.name, 'KSComplement', () => ksComplementColumn(ctx, c.name))
          : scoreColumn(c.name, 'TVComplement', () => tvComplementColumn(ctx, c.name)),
      );
      return { score: meanOfScores(columns.map((c) => c.score)), columns };
    });
  },
};
