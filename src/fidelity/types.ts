import type { FidelityContext } from './context.js';

/**
 * What every fidelity metric exports: a descriptor that names it, says which way is better and what
 * range its score lives in, and computes it (with a per-column or per-pair breakdown) from a
 * {@link FidelityContext}.
 *
 * @example
 * const r = await ksComplementMetric.compute(ctx); // r.score, r.columns[i].score
 */
export interface MetricDescriptor<R> {
  name: string;
  goal: 'maximize' | 'minimize';
  range: [number, number];
  description: string;
  compute(ctx: FidelityContext): R | Promise<R>;
}

/**
 * One column's score. A metric that fails on a column records `score: null` and `error` (a one-line
 * message) instead of aborting the whole report — as SDMetrics' ColumnShapes does.
 */
export interface ColumnScore {
  column: string;
  metric: string;
  score: number | null;
  error?: string;
  /** Why the score is null without an error (e.g. "constant real column"). */
  note?: string;
}

/** A per-column metric's result: the mean over columns with a score, and the breakdown. */
export interface ColumnMetricResult<C extends ColumnScore = ColumnScore> {
  /** Mean of the non-null column scores; null when no column could be scored. */
  score: number | null;
  columns: C[];
}

/** One column pair's score. */
export interface PairScore {
  columns: [string, string];
  metric: string;
  score: number | null;
  error?: string;
  note?: string;
}

/** Mean of the finite scores, or null when there is none. */
export function meanOfScores(values: ReadonlyArray<number | null | undefined>): number | null {
  let s = 0;
  let n = 0;
  for (const v of values) {
    if (v !== null && v !== undefined && Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? null : s / n;
}

/** A one-line message for an error cell (typed errors keep their code). */
export function errorMessage(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    return `${String((e as { code: unknown }).code)}: ${String((e as { message: unknown }).message)}`;
  }
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/**
 * Run `fn` for one column and turn a thrown error into an error cell, so one bad column never
 * stops the report. `fn` returns the score, or `{ score, note, …extra }`.
 */
export function scoreColumn<X extends object = object>(
  column: string,
  metric: string,
  fn: () => number | ({ score: number | null; note?: string } & X),
): ColumnScore & Partial<X> {
  try {
    const r = fn();
    if (typeof r === 'number') return cell(column, metric, r) as ColumnScore & Partial<X>;
    const { score, note, ...extra } = r;
    const out = cell(column, metric, score, note) as ColumnScore & Partial<X>;
    Object.assign(out, extra);
    return out;
  } catch (e) {
    return { column, metric, score: null, error: errorMessage(e) } as ColumnScore & Partial<X>;
  }
}

function cell(column: string, metric: string, score: number | null, note?: string): ColumnScore {
  if (score === null || !Number.isFinite(score)) {
    return {
      column,
      metric,
      score: null,
      ...(note ? { note } : { note: 'score undefined for this column' }),
    };
  }
  return note ? { column, metric, score, note } : { column, metric, score };
}
