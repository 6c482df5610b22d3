import type { MetricDescriptor } from '../types.js';
import { meanOfScores } from '../types.js';
import { columnPairTrendsMetric, DEFAULT_PAIR_THRESHOLDS } from './column-pair-trends.js';
import { columnShapesMetric } from './column-shapes.js';

/**
 * Overall quality, as SDMetrics 0.29's QualityReport computes it: the mean of the Column Shapes and
 * Column Pair Trends property scores, for both pair-trend variants (`default` = SDMetrics 0.29's
 * thresholds |r| > 0.5 / Cramér's V > 0.3; `allPairs` = every pair). When no pair can be scored
 * (e.g. a single column, or no strong real association) the score is Column Shapes alone.
 */

export interface QualityVariant {
  score: number | null;
  columnShapes: number | null;
  columnPairTrends: number | null;
  pairsScored: number;
  pairsTotal: number;
  thresholds: { realCorrelation: number; realAssociation: number };
}

export interface QualityResult {
  /** The SDMetrics release whose definitions these figures reproduce. */
  sdmetricsVersion: '0.29.0';
  default: QualityVariant;
  allPairs: QualityVariant;
}

export const qualityMetric: MetricDescriptor<QualityResult> = {
  name: 'Quality',
  goal: 'maximize',
  range: [0, 1],
  description:
    'Mean of Column Shapes and Column Pair Trends (SDMetrics 0.29 QualityReport), for the default thresholded pair variant and for all pairs.',
  async compute(ctx) {
    const shapes = await columnShapesMetric.compute(ctx);
    const trends = await columnPairTrendsMetric.compute(ctx);
    const variant = (v: typeof trends.default, thresholds: QualityVariant['thresholds']): QualityVariant => ({
      score: meanOfScores([shapes.score, v.score]),
      columnShapes: shapes.score,
      columnPairTrends: v.score,
      pairsScored: v.pairsScored,
      pairsTotal: v.pairsTotal,
      thresholds,
    });
    return {
      sdmetricsVersion: '0.29.0',
      default: variant(trends.default, { ...DEFAULT_PAIR_THRESHOLDS }),
      allPairs: variant(trends.allPairs, { realCorrelation: 0, realAssociation: 0 }),
    };
  },
};
