import { valueAt } from '../../../src/table/column.js';
import type { Table } from '../../../src/table/table.js';

/** Numeric ranges (max − min over non-null values) of a table's numeric columns. */
export function ranges(t: Table): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of t.columns) {
    if (c.kind !== 'numeric') continue;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < t.numRows; i++) {
      if (!c.valid.get(i)) continue;
      lo = Math.min(lo, c.values[i]!);
      hi = Math.max(hi, c.values[i]!);
    }
    out.set(c.name, hi - lo);
  }
  return out;
}

/**
 * SDMetrics 0.29's DCR distance between row i of `a` and row j of `b`, written straight from its
 * definition (`dcr_utils._process_dcr_chunk`): numeric |x − y| / range capped at 1 (range 0: 0 if
 * equal else 1), categorical 0/1, null/null 0, null/value 1; mean over columns.
 */
export function sdmetricsDistance(
  a: Table,
  i: number,
  b: Table,
  j: number,
  range: Map<string, number>,
): number {
  let s = 0;
  for (const ca of a.columns) {
    const x = valueAt(ca, i);
    const y = valueAt(b.column(ca.name), j);
    if (x === null || y === null) {
      s += x === null && y === null ? 0 : 1;
      continue;
    }
    if (ca.kind === 'numeric') {
      const r = range.get(ca.name)!;
      const d = Math.abs((x as number) - (y as number));
      s += r > 0 && Number.isFinite(r) ? Math.min(1, d / r) : d > 0 ? 1 : 0;
    } else s += x === y ? 0 : 1;
  }
  return s / a.columns.length;
}

/** Sorted distances from row i of `q` to every row of `ref`. */
export function allDistances(q: Table, i: number, ref: Table, range: Map<string, number>): number[] {
  const d: number[] = [];
  for (let j = 0; j < ref.numRows; j++) d.push(sdmetricsDistance(q, i, ref, j, range));
  return d.sort((x, y) => x - y);
}

/** numpy's default (linear) quantile of an ascending array. */
export function npQuantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const i = Math.floor(h);
  return i + 1 < sorted.length ? sorted[i]! + (h - i) * (sorted[i + 1]! - sorted[i]!) : sorted[i]!;
}
