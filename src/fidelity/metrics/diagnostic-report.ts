import { valueAt } from '../../table/column.js';
import type { FidelityContext } from '../context.js';
import { type ColumnScore, type MetricDescriptor, meanOfScores, scoreColumn } from '../types.js';
import { boundaryAdherenceColumn } from './boundary-adherence.js';
import { categoryAdherenceColumn } from './category-adherence.js';

/**
 * The two properties of SDMetrics 0.29's DiagnosticReport, so `overall`, `data_validity` and
 * `data_structure` can be compared with SDMetrics' own figures:
 *  - Data Validity (`reports/single_table/_properties/data_validity.py`): per column,
 *    BoundaryAdherence (numerical, datetime), CategoryAdherence (categorical, boolean) or
 *    KeyUniqueness (id columns: share of synthetic rows whose key is neither null nor a repeat);
 *    pii and text columns are skipped, as SDMetrics skips them; score = mean over columns;
 *  - Data Structure (`single_table/table_structure.py`): |A ∩ B| / |A ∪ B| over the (column name,
 *    column kind) pairs of the real and synthetic tables — 1 when both have the same columns;
 *  - overall = mean of the two.
 */

export interface DiagnosticReportResult {
  score: number | null;
  dataValidity: { score: number | null; columns: ColumnScore[] };
  dataStructure: {
    score: number;
    missingColumns: string[];
    extraColumns: string[];
    kindMismatches: string[];
  };
}

/** KeyUniqueness: share of synthetic rows whose value is not null and not a repeat of an earlier row. */
export function keyUniquenessColumn(
  ctx: FidelityContext,
  name: string,
): number | { score: null; note: string } {
  const c = ctx.column('synthetic', name);
  const n = ctx.synthetic.numRows;
  if (n === 0) return { score: null, note: 'the synthetic table has no rows' };
  const seen = new Set<string | number>();
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const v = valueAt(c, i);
    if (v === null || (typeof v === 'number' && Number.isNaN(v)) || seen.has(v)) bad++;
    else seen.add(v);
  }
  return 1 - bad / n;
}

export function tableStructure(ctx: FidelityContext): DiagnosticReportResult['dataStructure'] {
  const real = new Map(ctx.real.columns.map((c) => [c.name, c.kind] as const));
  const synth = new Map(ctx.synthetic.columns.map((c) => [c.name, c.kind] as const));
  const missingColumns = [...real.keys()].filter((n) => !synth.has(n));
  const extraColumns = [...synth.keys()].filter((n) => !real.has(n));
  const kindMismatches = [...real.keys()].filter((n) => synth.has(n) && synth.get(n) !== real.get(n));
  const intersection = real.size - missingColumns.length - kindMismatches.length;
  const union = real.size + synth.size - intersection;
  return { score: union === 0 ? 1 : intersection / union, missingColumns, extraColumns, kindMismatches };
}

export const diagnosticReportMetric: MetricDescriptor<DiagnosticReportResult> = {
  name: 'DiagnosticReport',
  goal: 'maximize',
  range: [0, 1],
  description:
    'SDMetrics 0.29 DiagnosticReport: mean of Data Validity (boundary/category adherence, key uniqueness) and Data Structure (same columns and kinds).',
  compute(ctx) {
    return ctx.memoize('metric:DiagnosticReport', () => {
      const columns: ColumnScore[] = [];
      for (const c of ctx.columns) {
        if (c.sdtype === 'numerical' || c.sdtype === 'datetime') {
          columns.push(scoreColumn(c.name, 'BoundaryAdherence', () => boundaryAdherenceColumn(ctx, c.name)));
        } else if (c.sdtype === 'categorical' || c.sdtype === 'boolean') {
          columns.push(
            scoreColumn(c.name, 'CategoryAdherence', (): { score: number | null; note?: string } => {
              const r = categoryAdherenceColumn(ctx, c.name);
              return r.note ? { score: r.score, note: r.note } : { score: r.score };
            }),
          );
        } else if (c.sdtype === 'id') {
          columns.push(scoreColumn(c.name, 'KeyUniqueness', () => keyUniquenessColumn(ctx, c.name)));
        }
      }
      const dataValidity = { score: meanOfScores(columns.map((c) => c.score)), columns };
      const dataStructure = tableStructure(ctx);
      return { score: meanOfScores([dataValidity.score, dataStructure.score]), dataValidity, dataStructure };
    });
  },
};
