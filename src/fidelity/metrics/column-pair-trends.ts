import type { MetricDescriptor } from '../types.js';
import { meanOfScores } from '../types.js';
import { contingencySimilarityPair } from './contingency-similarity.js';
import { correlationSimilarityPair } from './correlation-similarity.js';

/**
 * Column Pair Trends, as SDMetrics 0.29's QualityReport computes it
 * (`reports/single_table/_properties/column_pair_trends.py`): every pair of scored columns, in
 * schema order; CorrelationSimilarity when both are numerical/datetime, ContingencySimilarity
 * otherwise. Two variants of the property score:
 *  - `default` — SDMetrics 0.29's default: only pairs whose *real* association is strong count:
 *    |Pearson r| > 0.5 for numeric pairs, Cramér's V > 0.3 for the others;
 *  - `allPairs` — both thresholds at 0: the mean over every pair that could be scored (the classic
 *    "Column Pair Trends" of earlier SDMetrics releases).
 */

export const DEFAULT_PAIR_THRESHOLDS = { realCorrelation: 0.5, realAssociation: 0.3 } as const;

export interface PairTrendCell {
  columns: [string, string];
  metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  score: number | null;
  realCorrelation: number | null;
  syntheticCorrelation: number | null;
  realAssociation: number | null;
  /** Whether the pair counts in the default (thresholded) variant. */
  meetsThreshold: boolean;
  error?: string;
  note?: string;
}

export interface PairTrendVariant {
  score: number | null;
  pairsScored: number;
  pairsTotal: number;
}

export interface ColumnPairTrendsResult {
  thresholds: { realCorrelation: number; realAssociation: number };
  default: PairTrendVariant;
  allPairs: PairTrendVariant;
  pairs: PairTrendCell[];
}

export const columnPairTrendsMetric: MetricDescriptor<ColumnPairTrendsResult> = {
  name: 'ColumnPairTrends',
  goal: 'maximize',
  range: [0, 1],
  description:
    'How well relationships between column pairs are reproduced: correlation similarity (numeric pairs) or contingency similarity (others); default variant scores only strongly associated real pairs (SDMetrics 0.29).',
  compute(ctx) {
    return ctx.memoize('metric:ColumnPairTrends', () => {
      const t = DEFAULT_PAIR_THRESHOLDS;
      const cols = ctx.scored;
      const pairs: PairTrendCell[] = [];
      for (let i = 0; i < cols.length; i++) {
        for (let j = i + 1; j < cols.length; j++) {
          const a = cols[i]!;
          const b = cols[j]!;
          if (a.shape === 'continuous' && b.shape === 'continuous') {
            const p = correlationSimilarityPair(ctx, a.name, b.name);
            pairs.push({
              columns: p.columns,
              metric: 'CorrelationSimilarity',
              score: p.score,
              realCorrelation: p.realCorrelation,
              syntheticCorrelation: p.syntheticCorrelation,
              realAssociation: null,
              meetsThreshold:
                p.score !== null &&
                p.realCorrelation !== null &&
                Math.abs(p.realCorrelation) > t.realCorrelation,
              ...(p.error ? { error: p.error } : {}),
              ...(p.note ? { note: p.note } : {}),
            });
          } else {
            const p = contingencySimilarityPair(ctx, a, b);
            pairs.push({
              columns: p.columns,
              metric: 'ContingencySimilarity',
              score: p.score,
              realCorrelation: null,
              syntheticCorrelation: null,
              realAssociation: p.realAssociation,
              meetsThreshold:
                p.score !== null && p.realAssociation !== null && p.realAssociation > t.realAssociation,
              ...(p.error ? { error: p.error } : {}),
              ...(p.note ? { note: p.note } : {}),
            });
          }
        }
      }
      const scored = pairs.filter((p) => p.score !== null);
      const strong = scored.filter((p) => p.meetsThreshold);
      return {
        thresholds: { realCorrelation: t.realCorrelation, realAssociation: t.realAssociation },
        default: {
          score: meanOfScores(strong.map((p) => p.score)),
          pairsScored: strong.length,
          pairsTotal: pairs.length,
        },
        allPairs: {
          score: meanOfScores(scored.map((p) => p.score)),
          pairsScored: scored.length,
          pairsTotal: pairs.length,
        },
        pairs,
      };
    });
  },
};
