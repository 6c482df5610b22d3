import {
  DEFAULT_MIN_CELL_COUNT,
  formatEdge,
  isSmallCell,
  mergeSmallCategories,
  privacySafeHistogram,
  TIME_STEPS_MS,
} from '../report/suppress.js';
import type { FidelityContext } from './context.js';
import { errorMessage } from './types.js';

/**
 * Per-column real-vs-synthetic distributions for the report's charts, made safe to publish: every
 * cell holds zero or at least `minCellCount` real rows (see `report/suppress.ts`) — numeric columns
 * on open-ended bins that never show the real min/max, categories with rare ones merged into
 * "Other". Values are shares of all rows of each table (nulls included), so tables of different
 * sizes compare. Only scored columns get a chart; id/pii/text columns never do.
 */

export const MISSING_LABEL = '(missing)';

export interface DistributionCell {
  label: string;
  /** Share of real rows in the cell. */
  real: number;
  /** Share of synthetic rows in the cell. */
  synthetic: number;
  /** True for a merged "Other" bucket. */
  other?: boolean;
}

export interface ColumnDistribution {
  column: string;
  sdtype: string;
  kind: 'histogram' | 'categories' | 'hidden';
  cells: DistributionCell[];
  /** Source cells folded into others by small-cell suppression. */
  suppressedCells: number;
  /** Why the chart is hidden, or what was left out. */
  note?: string;
}

/** Format epoch milliseconds as a date (or date-time when the edge is not at midnight UTC). */
export function formatDateEdge(ms: number): string {
  if (!Number.isFinite(ms)) return formatEdge(ms);
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}

export function columnDistribution(ctx: FidelityContext, name: string): ColumnDistribution {
  const info = ctx.columns.find((c) => c.name === name)!;
  const min = ctx.minCellCount ?? DEFAULT_MIN_CELL_COUNT;
  const nr = ctx.real.numRows;
  const ns = ctx.synthetic.numRows;
  const share = (count: number, n: number) => (n === 0 ? 0 : count / n);
  try {
    if (info.shape === 'continuous') {
      const h = privacySafeHistogram(ctx.sortedValues('real', name), ctx.sortedValues('synthetic', name), {
        minCount: min,
        targetBins: 20,
        ...(info.sdtype === 'datetime' ? { format: formatDateEdge, steps: TIME_STEPS_MS } : {}),
      });
      if (h.hidden) {
        return {
          column: name,
          sdtype: info.sdtype,
          kind: 'hidden',
          cells: [],
          suppressedCells: h.mergedCells,
          note: `fewer than ${min} real values`,
        };
      }
      const cells: DistributionCell[] = h.cells.map((c) => ({
        label: c.label,
        real: share(c.real, nr),
        synthetic: share(c.synthetic, ns),
      }));
      const realNull = ctx.nullCount('real', name);
      const synthNull = ctx.nullCount('synthetic', name);
      let note: string | undefined;
      if (realNull > 0 || synthNull > 0) {
        if (isSmallCell(realNull, min)) note = `missing values not shown: fewer than ${min} real rows`;
        else cells.push({ label: MISSING_LABEL, real: share(realNull, nr), synthetic: share(synthNull, ns) });
      }
      return {
        column: name,
        sdtype: info.sdtype,
        kind: 'histogram',
        cells,
        suppressedCells: h.mergedCells,
        ...(note ? { note } : {}),
      };
    }
    const a = ctx.aligned(name);
    const rc = ctx.categoryCounts('real', name);
    const sc = ctx.categoryCounts('synthetic', name);
    const raw = a.dictionary
      .map((label, k) => ({ label, real: rc[k]!, synthetic: sc[k]! }))
      .filter((c) => c.real > 0 || c.synthetic > 0);
    const realNull = ctx.nullCount('real', name);
    const synthNull = ctx.nullCount('synthetic', name);
    if (realNull > 0 || synthNull > 0)
      raw.push({ label: MISSING_LABEL, real: realNull, synthetic: synthNull });
    const m = mergeSmallCategories(raw, { minCount: min, maxCategories: 16 });
    if (m.hidden) {
      return {
        column: name,
        sdtype: info.sdtype,
        kind: 'hidden',
        cells: [],
        suppressedCells: m.mergedCells,
        note: `fewer than ${min} real values`,
      };
    }
    return {
      column: name,
      sdtype: info.sdtype,
      kind: 'categories',
      cells: m.cells.map((c) => ({
        label: c.label,
        real: share(c.real, nr),
        synthetic: share(c.synthetic, ns),
        ...(c.other ? { other: true } : {}),
      })),
      suppressedCells: m.mergedCells,
    };
  } catch (e) {
    return {
      column: name,
      sdtype: info.sdtype,
      kind: 'hidden',
      cells: [],
      suppressedCells: 0,
      note: errorMessage(e),
    };
  }
}

/** Distributions of every scored column, in schema order. */
export function columnDistributions(ctx: FidelityContext): ColumnDistribution[] {
  return ctx.scored.map((c) => columnDistribution(ctx, c.name));
}
