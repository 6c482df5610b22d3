import type { Rng } from '../rng.js';
import type { SchemaDocument } from '../schema/types.js';
import type { Table } from '../table/table.js';
import { FidelityContext } from './context.js';
import { columnDistributions } from './distributions.js';
import { accuracyMetric } from './metrics/accuracy.js';
import { boundaryAdherenceMetric } from './metrics/boundary-adherence.js';
import { categoryAdherenceMetric } from './metrics/category-adherence.js';
import { categoryCoverageMetric } from './metrics/category-coverage.js';
import { columnPairTrendsMetric } from './metrics/column-pair-trends.js';
import { columnShapesMetric } from './metrics/column-shapes.js';
import { type DetectionOptions, runDetection } from './metrics/detection.js';
import { diagnosticReportMetric } from './metrics/diagnostic-report.js';
import { identifierReuseMetric } from './metrics/identifier-reuse.js';
import { missingValueSimilarityMetric } from './metrics/missing-value-similarity.js';
import { type EfficacyOptions, runEfficacy } from './metrics/ml-efficacy.js';
import { qualityMetric } from './metrics/quality.js';
import { rangeCoverageMetric } from './metrics/range-coverage.js';
import { tailCoverageMetric } from './metrics/tail-coverage.js';
import {
  FIDELITY_REPORT_VERSION,
  type FidelityReport,
  isFailure,
  type MetricFailure,
  type ReportError,
} from './report-types.js';
import { errorMessage } from './types.js';

export interface EvaluateInput {
  real: Table;
  synthetic: Table;
  /** Real rows the generator never saw: enables the accuracy ceiling and an honest TSTR test set. */
  holdout?: Table;
  schema: SchemaDocument;
  /** Column to predict for ML efficacy; efficacy is skipped without it. */
  target?: string;
  rng: Rng;
  /** Charts hide cells with fewer real rows than this (default 10). */
  minCellCount?: number;
  /** Detection options, or false to skip detection. */
  detection?: DetectionOptions | false;
  efficacy?: EfficacyOptions;
  onProgress?: (fraction: number, label: string) => void;
}

/**
 * Score how faithful a synthetic table is to the real one: SDMetrics-compatible quality (both
 * pair-trend variants), diagnostics, binned accuracy (with the holdout ceiling), detection, ML
 * efficacy (with a target), and privacy-safe distributions for charts. A metric that fails on a
 * column records an error cell; one that fails as a whole (detection, efficacy) records its error;
 * the report always completes. Deterministic for a given `rng` seed, except `timings`.
 *
 * @example
 * const report = await evaluate({ real, synthetic, holdout, schema, target: 'income', rng: new Rng(0) });
 * report.summary.quality; // => e.g. 0.8254 for SDV's GaussianCopula on Adult
 */
export async function evaluate(input: EvaluateInput): Promise<FidelityReport> {
  const started = performance.now();
  const ctx = new FidelityContext(input);
  const timings: Record<string, number> = {};
  const progress = input.onProgress ?? (() => {});
  const runDetectionStep = input.detection !== false;
  const runEfficacyStep = ctx.target !== null;
  const steps: Array<[string, number]> = [
    ['column shapes', 1],
    ['column pair trends', 2],
    ['diagnostics', 1],
    ['accuracy', 2],
    ['distributions', 1],
    ...(runDetectionStep ? ([['detection', 8]] as Array<[string, number]>) : []),
    ...(runEfficacyStep ? ([['ml efficacy', 8]] as Array<[string, number]>) : []),
  ];
  const totalWeight = steps.reduce((s, [, w]) => s + w, 0);
  let done = 0;
  const timed = async <T>(label: string, key: string, fn: () => T | Promise<T>): Promise<T> => {
    progress(done / totalWeight, label);
    const t0 = performance.now();
    const out = await fn();
    timings[key] = (performance.now() - t0) / 1000;
    done += steps.find(([l]) => l === label)?.[1] ?? 0;
    progress(done / totalWeight, label);
    // Let timers and progress bars run between steps.
    await new Promise((resolve) => setImmediate(resolve));
    return out;
  };

  const columnShapes = await timed('column shapes', 'columnShapes', () => columnShapesMetric.compute(ctx));
  const columnPairTrends = await timed('column pair trends', 'columnPairTrends', () =>
    columnPairTrendsMetric.compute(ctx),
  );
  const quality = await qualityMetric.compute(ctx);
  const diagnostics = await timed('diagnostics', 'diagnostics', async () => ({
    sdmetrics: await diagnosticReportMetric.compute(ctx),
    boundaryAdherence: await boundaryAdherenceMetric.compute(ctx),
    categoryAdherence: await categoryAdherenceMetric.compute(ctx),
    missingValueSimilarity: await missingValueSimilarityMetric.compute(ctx),
    rangeCoverage: await rangeCoverageMetric.compute(ctx),
    categoryCoverage: await categoryCoverageMetric.compute(ctx),
    tailCoverage: await tailCoverageMetric.compute(ctx),
    identifierReuse: await identifierReuseMetric.compute(ctx),
  }));
  const accuracy = await timed('accuracy', 'accuracy', () => accuracyMetric.compute(ctx));
  const distributions = await timed('distributions', 'distributions', () => columnDistributions(ctx));
  const guard = async <T>(fn: () => Promise<T>): Promise<T | MetricFailure> => {
    try {
      return await fn();
    } catch (e) {
      return { error: errorMessage(e) };
    }
  };
  const detection = runDetectionStep
    ? await timed('detection', 'detection', () =>
        guard(() => runDetection(ctx, input.detection === false ? {} : (input.detection ?? {}))),
      )
    : null;
  const efficacy = runEfficacyStep
    ? await timed('ml efficacy', 'efficacy', () => guard(() => runEfficacy(ctx, input.efficacy ?? {})))
    : null;

  const errors: ReportError[] = [];
  const collect = (
    metric: string,
    cells: ReadonlyArray<{ error?: string; column?: string; columns?: [string, string] }>,
  ) => {
    for (const c of cells) {
      if (!c.error) continue;
      errors.push({
        metric,
        ...(c.column !== undefined ? { column: c.column } : {}),
        ...(c.columns ? { columns: c.columns } : {}),
        error: c.error,
      });
    }
  };
  collect('ColumnShapes', columnShapes.columns);
  collect('ColumnPairTrends', columnPairTrends.pairs);
  collect('DataValidity', diagnostics.sdmetrics.dataValidity.columns);
  collect('BoundaryAdherence', diagnostics.boundaryAdherence.columns);
  collect('CategoryAdherence', diagnostics.categoryAdherence.columns);
  collect('MissingValueSimilarity', diagnostics.missingValueSimilarity.columns);
  collect('RangeCoverage', diagnostics.rangeCoverage.columns);
  collect('CategoryCoverage', diagnostics.categoryCoverage.columns);
  collect('TailCoverage', diagnostics.tailCoverage.columns);
  collect('IdentifierReuse', diagnostics.identifierReuse.columns);
  collect('Accuracy', accuracy.synthetic.columns);
  collect('Accuracy', accuracy.synthetic.pairs);
  if (detection && isFailure(detection)) errors.push({ metric: 'Detection', error: detection.error });
  if (efficacy && isFailure(efficacy)) errors.push({ metric: 'MLEfficacy', error: efficacy.error });

  timings.total = (performance.now() - started) / 1000;
  progress(1, 'done');
  return {
    synthgateFidelityReport: FIDELITY_REPORT_VERSION,
    inputs: {
      realRows: ctx.real.numRows,
      syntheticRows: ctx.synthetic.numRows,
      holdoutRows: ctx.holdout ? ctx.holdout.numRows : null,
      target: ctx.target,
      seed: input.rng.seed,
      minCellCount: ctx.minCellCount,
      columns: ctx.columns.map((c) => ({
        name: c.name,
        sdtype: c.sdtype,
        scored: c.shape !== null,
        ...(c.excludedReason ? { excludedReason: c.excludedReason } : {}),
      })),
    },
    summary: {
      quality: quality.default.score,
      qualityAllPairs: quality.allPairs.score,
      columnShapes: columnShapes.score,
      columnPairTrends: columnPairTrends.default.score,
      columnPairTrendsAllPairs: columnPairTrends.allPairs.score,
      diagnostic: diagnostics.sdmetrics.score,
      accuracy: accuracy.synthetic.score,
      accuracyCeiling: accuracy.ceiling ? accuracy.ceiling.score : null,
      detection: detection && !isFailure(detection) ? detection.score : null,
      detectionAuc: detection && !isFailure(detection) ? detection.auc : null,
      efficacy: efficacy && !isFailure(efficacy) ? efficacy.score : null,
      errorCells: errors.length,
    },
    quality,
    columnShapes,
    columnPairTrends,
    diagnostics,
    accuracy,
    detection,
    efficacy,
    distributions,
    errors,
    timings,
  };
}
