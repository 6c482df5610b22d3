import type { ColumnDistribution } from './distributions.js';
import type { AccuracyResult } from './metrics/accuracy.js';
import type { CategoryAdherenceCell } from './metrics/category-adherence.js';
import type { CategoryCoverageCell } from './metrics/category-coverage.js';
import type { ColumnPairTrendsResult } from './metrics/column-pair-trends.js';
import type { DetectionResult } from './metrics/detection.js';
import type { DiagnosticReportResult } from './metrics/diagnostic-report.js';
import type { MissingValueCell } from './metrics/missing-value-similarity.js';
import type { EfficacyResult } from './metrics/ml-efficacy.js';
import type { QualityResult } from './metrics/quality.js';
import type { TailCoverageCell } from './metrics/tail-coverage.js';
import type { ColumnMetricResult } from './types.js';

/** Version of the fidelity report's JSON layout; bumped on incompatible changes. */
export const FIDELITY_REPORT_VERSION = 1;

/** A metric that could not run at all (detection, efficacy): the reason instead of a result. */
export interface MetricFailure {
  error: string;
}

export interface ReportColumn {
  name: string;
  sdtype: string;
  /** Whether the column takes part in shape and pair scores. */
  scored: boolean;
  excludedReason?: string;
}

/** One error cell anywhere in the report, listed for the reader. */
export interface ReportError {
  metric: string;
  column?: string;
  columns?: [string, string];
  error: string;
}

/** The headline numbers (null = not computed or not computable). */
export interface FidelitySummary {
  /** SDMetrics 0.29 default QualityReport score (thresholded pair trends). */
  quality: number | null;
  /** Quality with every pair scored. */
  qualityAllPairs: number | null;
  columnShapes: number | null;
  columnPairTrends: number | null;
  columnPairTrendsAllPairs: number | null;
  /** SDMetrics 0.29 DiagnosticReport overall score. */
  diagnostic: number | null;
  accuracy: number | null;
  accuracyCeiling: number | null;
  detection: number | null;
  detectionAuc: number | null;
  efficacy: number | null;
  errorCells: number;
}

export interface FidelityReport {
  synthgateFidelityReport: typeof FIDELITY_REPORT_VERSION;
  inputs: {
    realRows: number;
    syntheticRows: number;
    holdoutRows: number | null;
    target: string | null;
    seed: number;
    minCellCount: number;
    columns: ReportColumn[];
  };
  summary: FidelitySummary;
  quality: QualityResult;
  columnShapes: ColumnMetricResult;
  columnPairTrends: ColumnPairTrendsResult;
  diagnostics: {
    sdmetrics: DiagnosticReportResult;
    boundaryAdherence: ColumnMetricResult;
    categoryAdherence: ColumnMetricResult<CategoryAdherenceCell>;
    missingValueSimilarity: ColumnMetricResult<MissingValueCell>;
    rangeCoverage: ColumnMetricResult;
    categoryCoverage: ColumnMetricResult<CategoryCoverageCell>;
    tailCoverage: ColumnMetricResult<TailCoverageCell> & {
      rareCategories: number;
      coveredRareCategories: number;
    };
    identifierReuse: ColumnMetricResult;
  };
  accuracy: AccuracyResult;
  /** null when skipped (`detection: false`). */
  detection: DetectionResult | MetricFailure | null;
  /** null without a target. */
  efficacy: EfficacyResult | MetricFailure | null;
  /** Privacy-safe binned distributions behind the HTML charts. */
  distributions: ColumnDistribution[];
  errors: ReportError[];
  /** Wall-clock seconds per step; not deterministic, so kept apart (tests ignore it). */
  timings: Record<string, number>;
}

export function isFailure(x: unknown): x is MetricFailure {
  return typeof x === 'object' && x !== null && 'error' in x && !('score' in x);
}
