/**
 * Privacy audits: the public surface of `src/privacy/`. `audit` runs everything; each metric is also
 * usable on its own; `auditReportToJson` / `renderAuditHtml` write the reports.
 */
export {
  AUDIT_REPORT_VERSION,
  type AuditAttackCounts,
  type AuditInput,
  type AuditReport,
  audit,
  type CriterionSummary,
  DEFAULT_ATTACKS,
  isMetricError,
  type MetricError,
  type Outcome,
} from './audit.js';
export { type DcrOptions, type DcrResult, type DcrSummary, dcr } from './dcr.js';
export { type DistanceSpace, distanceSpace, type EncodedRows, encodeRows } from './distance.js';
export { type InferenceOptions, type InferenceResult, inference } from './inference.js';
export { type KAnonymityOptions, type KAnonymityResult, kAnonymity } from './k-anonymity.js';
export { type LinkabilityOptions, type LinkabilityResult, linkability } from './linkability.js';
export {
  aucDeLong,
  type MembershipInferenceOptions,
  type MembershipInferenceResult,
  membershipInference,
  tprAtFpr,
} from './membership-inference.js';
export { type MemorizationOptions, type MemorizationResult, memorization } from './memorization.js';
export { type NeighborOptions, type NeighborResult, nearestNeighbors } from './nn-search.js';
export { auditSections, renderAuditHtml } from './report-html.js';
export { type AuditJsonOptions, auditReportToJson } from './report-json.js';
export { type AuditColumns, type RoleOverrides, resolveAuditColumns } from './roles.js';
export { type SinglingOutOptions, type SinglingOutResult, singlingOut } from './singling-out.js';
export type { Estimate, MetricResult } from './types.js';
