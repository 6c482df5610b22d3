import type { FidelityContext } from '../context.js';
import type { ColumnMetricResult, ColumnScore, MetricDescriptor } from '../types.js';
import { columnsOfShape } from './per-column.js';

/**
 * Category adherence, as SDMetrics 0.29 computes it (`single_column/statistical/category_adherence.py`):
 * the share of synthetic rows whose value is a category of the real column, a null counting as
 * valid only when the real column has nulls. Synthetic values never seen in the real table (aligned
 * by string) count against it; the breakdown gives how many such values appear and a few examples
 * (synthetic values, so they reveal nothing about real rows).
 */

export interface CategoryAdherenceCell extends ColumnScore {
  unseenCategories?: number;
  unseenExamples?: string[];
}

export function categoryAdherenceColumn(
  ctx: FidelityContext,
  name: string,
): { score: number | null; note?: string; unseenCategories: number; unseenExamples: string[] } {
  const a = ctx.aligned(name);
  const synth = a.synthetic;
  if (synth.length === 0)
    return { score: null, note: 'the synthetic table has no rows', unseenCategories: 0, unseenExamples: [] };
  const realHasNull = ctx.nullCount('real', name) > 0;
  const synthCounts = ctx.categoryCounts('synthetic', name);
  let valid = 0;
  for (let i = 0; i < synth.length; i++) {
    const c = synth[i]!;
    if (c < 0 ? realHasNull : c < a.realCategories) valid++;
  }
  const unseen: string[] = [];
  let unseenCategories = 0;
  for (let k = a.realCategories; k < a.dictionary.length; k++) {
    if (synthCounts[k]! > 0) {
      unseenCategories++;
      if (unseen.length < 5) unseen.push(a.dictionary[k]!);
    }
  }
  return { score: valid / synth.length, unseenCategories, unseenExamples: unseen };
}

export const categoryAdherenceMetric: MetricDescriptor<ColumnMetricResult<CategoryAdherenceCell>> = {
  name: 'CategoryAdherence',
  goal: 'maximize',
  range: [0, 1],
  description:
    'Share of synthetic values of each categorical/boolean column that are categories of the real column (SDMetrics 0.29 CategoryAdherence); unseen categories count against it.',
  compute(ctx) {
    return columnsOfShape(ctx, 'CategoryAdherence', 'discrete', (name) => categoryAdherenceColumn(ctx, name));
  },
};
