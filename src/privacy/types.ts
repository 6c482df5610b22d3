/**
 * Shapes shared by the privacy metrics. Every metric result carries a headline `value` with its 95 %
 * confidence interval and the method that produced it, plus the parameters it ran with, so a JSON
 * report is self-describing and reproducible.
 */
import type { Table } from '../table/table.js';
import type { Estimate } from './stats.js';

export type { Estimate } from './stats.js';

/** Common head of every metric result. */
export interface MetricResult extends Estimate {
  /** Stable metric id, e.g. `memorization`, `dcr`, `singling-out-univariate`. */
  metric: string;
  /** What `value` is, in a few words (e.g. "share of synthetic rows identical to a training row"). */
  valueLabel: string;
  /** The inputs (row counts, columns) and parameters the metric used. */
  params: Record<string, unknown>;
}

/** The three tables every audit metric compares. */
export interface AuditTables {
  /** Real rows the generator was fitted on. */
  train: Table;
  /** The generator's output. */
  synthetic: Table;
  /** Real rows the generator never saw (the control). */
  holdout: Table;
}
