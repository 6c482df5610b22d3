import type { MetricDescriptor } from '../types.js';
import { accuracyMetric } from './accuracy.js';
import { boundaryAdherenceMetric } from './boundary-adherence.js';
import { categoryAdherenceMetric } from './category-adherence.js';
import { categoryCoverageMetric } from './category-coverage.js';
import { columnPairTrendsMetric } from './column-pair-trends.js';
import { columnShapesMetric } from './column-shapes.js';
import { contingencySimilarityMetric } from './contingency-similarity.js';
import { correlationSimilarityMetric } from './correlation-similarity.js';
import { detectionMetric } from './detection.js';
import { diagnosticReportMetric } from './diagnostic-report.js';
import { identifierReuseMetric } from './identifier-reuse.js';
import { ksComplementMetric } from './ks-complement.js';
import { missingValueSimilarityMetric } from './missing-value-similarity.js';
import { mlEfficacyMetric } from './ml-efficacy.js';
import { qualityMetric } from './quality.js';
import { rangeCoverageMetric } from './range-coverage.js';
import { tailCoverageMetric } from './tail-coverage.js';
import { tvComplementMetric } from './tv-complement.js';

/**
 * Every fidelity metric descriptor, by name: for listing them (`--help`, docs) and for callers
 * that want one metric without the whole report.
 *
 * @example
 * const shapes = await FIDELITY_METRICS.ColumnShapes.compute(ctx);
 */
export const FIDELITY_METRICS: Readonly<Record<string, MetricDescriptor<unknown>>> = Object.freeze(
  Object.fromEntries(
    (
      [
        ksComplementMetric,
        tvComplementMetric,
        correlationSimilarityMetric,
        contingencySimilarityMetric,
        columnShapesMetric,
        columnPairTrendsMetric,
        qualityMetric,
        diagnosticReportMetric,
        boundaryAdherenceMetric,
        categoryAdherenceMetric,
        missingValueSimilarityMetric,
        rangeCoverageMetric,
        categoryCoverageMetric,
        tailCoverageMetric,
        identifierReuseMetric,
        accuracyMetric,
        detectionMetric,
        mlEfficacyMetric,
      ] as MetricDescriptor<unknown>[]
    ).map((m) => [m.name, m]),
  ),
);
