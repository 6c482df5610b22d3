import type { FidelityReport } from './report-types.js';

/**
 * The fidelity report as JSON: numbers rounded to 6 decimals (NaN and ±Infinity become null),
 * keys in the report's fixed construction order, two-space indentation and a final newline, so
 * the same inputs and seed give byte-identical files. Timings are wall-clock and vary run to run;
 * pass `timings: false` to leave them out (e.g. to diff two runs).
 *
 * @example
 * await writeFile('report.json', fidelityReportToJson(report));
 */
export function fidelityReportToJson(report: FidelityReport, opts: { timings?: boolean } = {}): string {
  const { timings, ...rest } = report;
  const value = opts.timings === false ? rest : { ...rest, timings };
  return `${JSON.stringify(roundForJson(value), null, 2)}\n`;
}

/** Round every number in a JSON-like value to `decimals` places (default 6); NaN/Infinity → null. */
export function roundForJson(value: unknown, decimals = 6): unknown {
  const f = 10 ** decimals;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return null;
      if (Number.isInteger(v)) return v;
      const r = Math.round(v * f) / f;
      return Object.is(r, -0) ? 0 : r;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView))
      return Array.from(v as unknown as ArrayLike<number>, walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value);
}
