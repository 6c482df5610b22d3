/**
 * Fidelity evaluation: the public entry points used by `synthgate evaluate` and by library callers.
 *
 * @example
 * import { evaluate, fidelityReportToJson, renderFidelityHtml } from './fidelity/index.js';
 * const report = await evaluate({ real, synthetic, holdout, schema, target: 'income', rng: new Rng(0) });
 * await writeFile('report.json', fidelityReportToJson(report));
 * await writeFile('report.html', await renderFidelityHtml(report));
 */
export { FidelityContext, type FidelityContextInput } from './context.js';
export { type ColumnDistribution, columnDistributions } from './distributions.js';
export { type EvaluateInput, evaluate } from './evaluate.js';
export type { DetectionOptions } from './metrics/detection.js';
export type { EfficacyOptions } from './metrics/ml-efficacy.js';
export { FIDELITY_METRICS } from './metrics/registry.js';
export { renderFidelityHtml } from './report-html.js';
export { fidelityReportToJson, roundForJson } from './report-json.js';
export {
  FIDELITY_REPORT_VERSION,
  type FidelityReport,
  type FidelitySummary,
  isFailure,
} from './report-types.js';
export type { ColumnScore, MetricDescriptor, PairScore } from './types.js';
