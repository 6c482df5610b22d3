/**
 * The mixed-type record distance used by every distance-based privacy metric (DCR, NNDR, membership
 * inference) and, with Anonymeter's ranges, by the linkability and inference attacks.
 *
 * Per column:
 * - numeric: |a − b| / range, capped at 1, where `range` = max − min of the range tables (the training
 *   table for DCR, as SDMetrics 0.29's `calculate_dcr` does with its reference table; synthetic ∪ targets
 *   for the Anonymeter attacks, as its `mixed_types_transform` does). A column with zero range counts 0
 *   for equal values and 1 otherwise (SDMetrics' rule).
 * - categorical: 0 when equal, 1 otherwise (values matched by string across tables).
 * - nulls: null vs null = 0, null vs a value = 1.
 *
 * The row distance is the mean over columns (SDMetrics' DCR). Searches work on the unnormalised sum
 * ("column units"); divide by `columnCount` for the mean.
 *
 * Encoded rows are row-major typed arrays on SharedArrayBuffers so worker threads read them in place.
 */
import type { AlignedTable, Alignment } from './align.js';

export interface DistanceSpace {
  readonly columnNames: readonly string[];
  /** Alignment column index of each numeric distance column (range > 0). */
  readonly numeric: readonly number[];
  /** Range per numeric distance column. */
  readonly ranges: Float64Array;
  /** Alignment column index of each categorical distance column (zero-range numerics included). */
  readonly categorical: readonly number[];
  /** For zero-range numeric columns treated as categorical: value → code maps (shared across tables). */
  readonly valueCodes: ReadonlyMap<number, Map<number, number>>;
  readonly columnCount: number;
}

export interface EncodedRows {
  readonly n: number;
  readonly nNum: number;
  readonly nCat: number;
  /** n × nNum, value / range; NaN = null. */
  readonly num: Float64Array;
  /** n × nCat codes; -1 = null. */
  readonly cat: Int32Array;
}

export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, n) * 8), 0, n);
}

export function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n);
}

/**
 * A distance space over `columns` (alignment indices; default all) with numeric ranges taken over the
 * tables `rangeFrom` (indices into `alignment.tables`).
 *
 * @example
 * const space = distanceSpace(alignment, [0]); // ranges from table 0 (train)
 * const train = encodeRows(space, alignment.tables[0]);
 */
export function distanceSpace(
  alignment: Alignment,
  rangeFrom: readonly number[],
  columns?: readonly number[],
): DistanceSpace {
  const cols = columns ?? alignment.columns.map((_, i) => i);
  const numeric: number[] = [];
  const ranges: number[] = [];
  const categorical: number[] = [];
  const valueCodes = new Map<number, Map<number, number>>();
  for (const c of cols) {
    const col = alignment.columns[c]!;
    if (col.kind === 'categorical') {
      categorical.push(c);
      continue;
    }
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const t of rangeFrom) {
      const v = alignment.tables[t]!.data[c] as Float64Array;
      for (let r = 0; r < v.length; r++) {
        const x = v[r]!;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
    const range = hi - lo;
    if (range > 0 && Number.isFinite(range)) {
      numeric.push(c);
      ranges.push(range);
    } else {
      categorical.push(c);
      valueCodes.set(c, new Map());
    }
  }
  return {
    columnNames: cols.map((c) => alignment.columns[c]!.name),
    numeric,
    ranges: Float64Array.from(ranges),
    categorical,
    valueCodes,
    columnCount: cols.length,
  };
}

/** Encode an aligned table (or the rows `rows` of it) into the space's row-major layout. */
export function encodeRows(space: DistanceSpace, t: AlignedTable, rows?: ArrayLike<number>): EncodedRows {
  const n = rows ? rows.length : t.numRows;
  const nNum = space.numeric.length;
  const nCat = space.categorical.length;
  const num = sharedFloat64(n * nNum);
  const cat = sharedInt32(n * nCat);
  space.numeric.forEach((c, j) => {
    const v = t.data[c] as Float64Array;
    const range = space.ranges[j]!;
    for (let i = 0; i < n; i++) num[i * nNum + j] = v[rows ? rows[i]! : i]! / range;
  });
  space.categorical.forEach((c, j) => {
    const col = t.data[c]!;
    const codes = space.valueCodes.get(c);
    for (let i = 0; i < n; i++) {
      const x = col[rows ? rows[i]! : i]!;
      if (!codes) {
        cat[i * nCat + j] = x;
        continue;
      }
      if (Number.isNaN(x)) {
        cat[i * nCat + j] = -1;
        continue;
      }
      let k = codes.get(x);
      if (k === undefined) {
        k = codes.size;
        codes.set(x, k);
      }
      cat[i * nCat + j] = k;
    }
  });
  return { n, nNum, nCat, num, cat };
}

/**
 * Distance between row i of `a` and row j of `b` in column units (sum over columns), straight from
 * the definition. Used for verification and tiny inputs.
 */
export function rowDistance(a: EncodedRows, i: number, b: EncodedRows, j: number): number {
  let s = 0;
  for (let c = 0; c < a.nCat; c++) if (a.cat[i * a.nCat + c] !== b.cat[j * b.nCat + c]) s += 1;
  for (let c = 0; c < a.nNum; c++) {
    const x = a.num[i * a.nNum + c]!;
    const y = b.num[j * b.nNum + c]!;
    const xn = Number.isNaN(x);
    const yn = Number.isNaN(y);
    if (xn || yn) s += xn && yn ? 0 : 1;
    else s += Math.min(1, Math.abs(x - y));
  }
  return s;
}
