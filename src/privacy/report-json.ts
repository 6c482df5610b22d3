/**
 * The audit report as JSON: everything `audit` computed, numbers as computed (non-finite numbers
 * become `null`, since JSON has no NaN/Infinity). With `timings: false` the output depends only on the
 * inputs and the seed, so two runs can be diffed byte for byte.
 */
import type { AuditReport } from './audit.js';

export interface AuditJsonOptions {
  /** Keep `timingsMs` (default true). */
  timings?: boolean;
  /** Indentation (default 2). */
  indent?: number;
}

/**
 * Serialize an audit report.
 *
 * @example
 * writeFileSync('audit.json', auditReportToJson(report));
 */
export function auditReportToJson(report: AuditReport, opts: AuditJsonOptions = {}): string {
  const { timingsMs, ...rest } = report;
  const body = opts.timings === false ? rest : { ...rest, timingsMs };
  return `${JSON.stringify(
    body,
    (_key, value: unknown) => {
      if (typeof value === 'number' && !Number.isFinite(value)) return null;
      if (ArrayBuffer.isView(value) && !(value instanceof DataView))
        return Array.from(value as unknown as ArrayLike<number>);
      return value;
    },
    opts.indent ?? 2,
  )}\n`;
}
