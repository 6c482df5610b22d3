import { valueAt } from '../../table/column.js';
import type { FidelityContext } from '../context.js';
import { type ColumnMetricResult, type MetricDescriptor, meanOfScores, scoreColumn } from '../types.js';

/**
 * Identifier reuse: for id, pii and text columns (excluded from the shape and pair scores), the
 * share of non-null synthetic values that are exactly a value of the real column. Those columns
 * should be regenerated or faked, so anything above 0 means real identifiers (e-mails, names, keys,
 * free text) were copied into the output. Lower is better.
 */
export function identifierReuseColumn(
  ctx: FidelityContext,
  name: string,
): number | { score: null; note: string } {
  const real = ctx.column('real', name);
  const synth = ctx.column('synthetic', name);
  const values = new Set<string>();
  for (let i = 0; i < ctx.real.numRows; i++) {
    const v = valueAt(real, i);
    if (v !== null) values.add(String(v));
  }
  let n = 0;
  let reused = 0;
  for (let i = 0; i < ctx.synthetic.numRows; i++) {
    const v = valueAt(synth, i);
    if (v === null) continue;
    n++;
    if (values.has(String(v))) reused++;
  }
  if (n === 0) return { score: null, note: 'the synthetic column has no value' };
  return reused / n;
}

export const identifierReuseMetric: MetricDescriptor<ColumnMetricResult> = {
  name: 'IdentifierReuse',
  goal: 'minimize',
  range: [0, 1],
  description:
    'Share of synthetic values of id, pii and text columns that copy a real value (should be 0: those columns are regenerated or faked).',
  compute(ctx) {
    return ctx.memoize('metric:IdentifierReuse', () => {
      const columns = ctx.excluded.map((c) =>
        scoreColumn(c.name, 'IdentifierReuse', () => identifierReuseColumn(ctx, c.name)),
      );
      return { score: meanOfScores(columns.map((c) => c.score)), columns };
    });
  },
};
