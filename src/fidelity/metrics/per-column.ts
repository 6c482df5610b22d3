import type { FidelityContext } from '../context.js';
import { type ColumnMetricResult, type ColumnScore, meanOfScores, scoreColumn } from '../types.js';

/**
 * The shape of most single-column metrics: score every scored column of one shape (`continuous`:
 * numerical and datetime; `discrete`: categorical and boolean) with `fn`, record a failing column as an
 * error cell, and average the scores. Memoized per metric, so reports reuse one computation.
 */
export function columnsOfShape<C extends ColumnScore>(
  ctx: FidelityContext,
  metric: string,
  shape: 'continuous' | 'discrete',
  fn: (column: string) => number | ({ score: number | null; note?: string } & Omit<C, keyof ColumnScore>),
): ColumnMetricResult<C> {
  return ctx.memoize(`metric:${metric}`, () => {
    const columns = ctx.scored
      .filter((c) => c.shape === shape)
      .map((c) => scoreColumn(c.name, metric, () => fn(c.name)) as C);
    return { score: meanOfScores(columns.map((c) => c.score)), columns };
  });
}
