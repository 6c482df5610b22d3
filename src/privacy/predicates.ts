/**
 * Conjunctive predicates ("age >= 62 & workclass == 'Never-worked'") evaluated on typed arrays, for
 * the singling-out attack. Predicates reference columns by index and values by number or aligned
 * category code, so column names with spaces, quotes, parentheses or units need no escaping (the peers
 * build query strings; we never do).
 *
 * Null semantics: comparisons and (in)equality never match a null; `isnull`/`notnull` test for it.
 */
import type { AlignedColumn, AlignedTable } from './align.js';

export type PredicateOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'isnull' | 'notnull';

export interface Predicate {
  /** Column index in the alignment. */
  col: number;
  op: PredicateOp;
  /** A number (numeric columns) or a category code on the aligned dictionary; unused for (not)null. */
  value: number;
}

/** A conjunction of predicates. */
export type Query = readonly Predicate[];

/** A canonical text for a query (order-independent), used to de-duplicate and to display. */
export function queryKey(q: Query, columns: readonly AlignedColumn[]): string {
  return q
    .map((p) => {
      const col = columns[p.col]!;
      const v =
        p.op === 'isnull' || p.op === 'notnull'
          ? ''
          : col.kind === 'categorical'
            ? JSON.stringify(col.dictionary[p.value])
            : String(p.value);
      return `${JSON.stringify(col.name)} ${p.op} ${v}`.trimEnd();
    })
    .sort()
    .join(' & ');
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface CategoricalIndex {
  kind: 'categorical';
  codes: Int32Array;
  /** Rows grouped by code; group `dict` holds nulls. */
  offsets: Int32Array;
  rows: Int32Array;
}

interface NumericIndex {
  kind: 'numeric';
  values: Float64Array;
  /** Non-null rows sorted by value, and their values. */
  sortedRows: Int32Array;
  sortedValues: Float64Array;
  nullRows: Int32Array;
}

/**
 * Per-column indexes of one table so a predicate yields its candidate rows in O(log n) and a
 * conjunction is verified only on the rows of its most selective predicate.
 *
 * @example
 * const idx = new PredicateIndex(alignment.tables[0], alignment.columns);
 * idx.count([{ col: 0, op: 'ge', value: 90 }], 2); // 0, 1 or 2 (capped)
 */
export class PredicateIndex {
  readonly numRows: number;
  private readonly cols: (CategoricalIndex | NumericIndex)[];

  constructor(t: AlignedTable, columns: readonly AlignedColumn[]) {
    this.numRows = t.numRows;
    this.cols = columns.map((col, c) => {
      const data = t.data[c]!;
      if (data instanceof Float64Array) {
        const valid: number[] = [];
        const nulls: number[] = [];
        for (let r = 0; r < data.length; r++) (!Number.isNaN(data[r]!) ? valid : nulls).push(r);
        const sortedRows = Int32Array.from(valid).sort((a, b) => data[a]! - data[b]! || a - b);
        const sortedValues = Float64Array.from(sortedRows, (r) => data[r]!);
        return {
          kind: 'numeric',
          values: data,
          sortedRows,
          sortedValues,
          nullRows: Int32Array.from(nulls),
        } as NumericIndex;
      }
      const dict = col.dictionary.length;
      const offsets = new Int32Array(dict + 2);
      for (let r = 0; r < data.length; r++) offsets[(data[r]! < 0 ? dict : data[r]!) + 1]!++;
      for (let g = 1; g < offsets.length; g++) offsets[g]! += offsets[g - 1]!;
      const fill = offsets.slice(0, dict + 1);
      const rows = new Int32Array(data.length);
      for (let r = 0; r < data.length; r++) rows[fill[data[r]! < 0 ? dict : data[r]!]!++] = r;
      return { kind: 'categorical', codes: data as Int32Array, offsets, rows } as CategoricalIndex;
    });
  }

  /** Rows that may satisfy `p` (exactly those that do, except for ne/notnull which return null = all rows). */
  candidates(p: Predicate): Int32Array | null {
    const ix = this.cols[p.col]!;
    if (ix.kind === 'categorical') {
      const nullGroup = ix.offsets.length - 2;
      if (p.op === 'eq') {
        if (p.value < 0 || p.value >= nullGroup) return ix.rows.subarray(0, 0);
        return ix.rows.subarray(ix.offsets[p.value]!, ix.offsets[p.value + 1]!);
      }
      if (p.op === 'isnull') return ix.rows.subarray(ix.offsets[nullGroup]!, ix.offsets[nullGroup + 1]!);
      return null;
    }
    const v = ix.sortedValues;
    switch (p.op) {
      case 'eq':
        return ix.sortedRows.subarray(lowerBound(v, p.value), upperBound(v, p.value));
      case 'le':
        return ix.sortedRows.subarray(0, upperBound(v, p.value));
      case 'lt':
        return ix.sortedRows.subarray(0, lowerBound(v, p.value));
      case 'ge':
        return ix.sortedRows.subarray(lowerBound(v, p.value));
      case 'gt':
        return ix.sortedRows.subarray(upperBound(v, p.value));
      case 'isnull':
        return ix.nullRows;
      case 'notnull':
        return ix.sortedRows;
      default:
        return null;
    }
  }

  /** Whether row r satisfies predicate p. */
  test(p: Predicate, r: number): boolean {
    const ix = this.cols[p.col]!;
    if (ix.kind === 'categorical') {
      const c = ix.codes[r]!;
      switch (p.op) {
        case 'isnull':
          return c < 0;
        case 'notnull':
          return c >= 0;
        case 'eq':
          return c >= 0 && c === p.value;
        case 'ne':
          return c >= 0 && c !== p.value;
        default:
          return false;
      }
    }
    const x = ix.values[r]!;
    if (Number.isNaN(x)) return p.op === 'isnull';
    switch (p.op) {
      case 'eq':
        return x === p.value;
      case 'ne':
        return x !== p.value;
      case 'lt':
        return x < p.value;
      case 'le':
        return x <= p.value;
      case 'gt':
        return x > p.value;
      case 'ge':
        return x >= p.value;
      case 'notnull':
        return true;
      default:
        return false;
    }
  }

  /** Visit the rows matching every predicate of `q`, stopping when `visit` returns false. */
  private scan(q: Query, visit: (r: number) => boolean): void {
    let best: Int32Array | null = null;
    let bestAt = -1;
    for (let i = 0; i < q.length; i++) {
      const c = this.candidates(q[i]!);
      if (c && (best === null || c.length < best.length)) {
        best = c;
        bestAt = i;
      }
    }
    const n = best ? best.length : this.numRows;
    for (let j = 0; j < n; j++) {
      const r = best ? best[j]! : j;
      let ok = true;
      for (let i = 0; i < q.length && ok; i++) if (i !== bestAt && !this.test(q[i]!, r)) ok = false;
      if (ok && !visit(r)) return;
    }
  }

  /** Number of rows matching `q`, counting no further than `cap`. */
  count(q: Query, cap = Number.POSITIVE_INFINITY): number {
    let k = 0;
    this.scan(q, () => ++k < cap);
    return k;
  }

  /** Every row matching `q`, ascending within the most selective predicate's order. */
  matches(q: Query): Int32Array {
    const out: number[] = [];
    this.scan(q, (r) => {
      out.push(r);
      return true;
    });
    return Int32Array.from(out);
  }
}
