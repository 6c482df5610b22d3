import type { Table } from '../table/table.js';
import { formatDatetime, parseDatetime } from './datetime.js';
import type { SchemaDocument } from './types.js';

/** Rows of one column below its schema `min` or above its `max`. */
export interface BoundsViolation {
  column: string;
  limit: 'min' | 'max';
  /** The bound as the schema writes it. */
  bound: number | string;
  /** How many rows break it. */
  count: number;
  /** First data row (1-based) that breaks it, and its value as the schema would write it. */
  firstRow: number;
  value: number | string;
}

/**
 * Numerical and datetime values outside the schema's bounds. `materialize` accepts them (the schema
 * may describe another file); callers that need the bounds to hold — a release check, a generator
 * test — use this. Nulls are ignored.
 *
 * @example
 * checkBounds(table, schema); // => [{ column: 'age', limit: 'max', bound: 90, count: 2, firstRow: 17, value: 95 }]
 */
export function checkBounds(table: Table, schema: SchemaDocument): BoundsViolation[] {
  const out: BoundsViolation[] = [];
  for (const cs of schema.columns) {
    if (cs.sdtype !== 'numerical' && cs.sdtype !== 'datetime') continue;
    const col = table.column(cs.name);
    if (col.kind !== 'numeric') continue;
    const asNumber = (b: number | string | undefined) =>
      typeof b === 'string' && cs.sdtype === 'datetime'
        ? (parseDatetime(b, cs.format) ?? undefined)
        : (b as number | undefined);
    const show = (v: number) => (cs.sdtype === 'datetime' ? formatDatetime(v, cs.format) : v);
    for (const [limit, bound] of [
      ['min', cs.min],
      ['max', cs.max],
    ] as const) {
      const b = asNumber(bound);
      if (b === undefined || bound === undefined) continue;
      const below = limit === 'min';
      let count = 0;
      let first = -1;
      for (let i = 0; i < table.numRows; i++) {
        const v = col.values[i]!;
        if ((below ? v < b : v > b) && col.valid.get(i) && count++ === 0) first = i;
      }
      if (count > 0)
        out.push({
          column: cs.name,
          limit,
          bound,
          count,
          firstRow: first + 1,
          value: show(col.values[first]!),
        });
    }
  }
  return out;
}
