/**
 * Exact row identity across aligned tables: each row gets a 53-bit hash built from per-column value
 * hashes (two independent 32-bit murmur-style mixes), rows are bucketed by hash, and every hash hit is
 * verified value by value. Exact, O(rows × columns).
 */
import type { AlignedTable } from './align.js';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function mix(h: number, v: number): number {
  let k = Math.imul(v, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 53-bit hash of every row (a JS number, safe as a Map key). */
export function rowHashes(t: AlignedTable): Float64Array {
  const n = t.numRows;
  const h1 = new Int32Array(n).fill(0x2545f491);
  const h2 = new Int32Array(n).fill(0x9e3779b9 | 0);
  for (const col of t.data) {
    if (col instanceof Float64Array) {
      for (let r = 0; r < n; r++) {
        const v = col[r]!;
        let a: number;
        let b: number;
        if (Number.isNaN(v)) {
          a = 0x7ff80000;
          b = 1;
        } else {
          f64[0] = v === 0 ? 0 : v; // -0 and 0 are the same value
          a = u32[0]!;
          b = u32[1]!;
        }
        h1[r] = mix(mix(h1[r]!, a), b);
        h2[r] = mix(mix(h2[r]!, b ^ 0x5bd1e995), a);
      }
    } else {
      for (let r = 0; r < n; r++) {
        const c = col[r]!;
        h1[r] = mix(h1[r]!, c);
        h2[r] = mix(h2[r]!, c ^ 0x27d4eb2f);
      }
    }
  }
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) out[r] = finish(h1[r]!) * 2097152 + (finish(h2[r]!) >>> 11);
  return out;
}

/** True when row `i` of `a` equals row `j` of `b` on every aligned column (null equals null). */
export function rowsEqual(a: AlignedTable, i: number, b: AlignedTable, j: number): boolean {
  for (let c = 0; c < a.data.length; c++) {
    const x = a.data[c]![i]!;
    const y = b.data[c]![j]!;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

/**
 * Index of the distinct rows of a table: `groupOf[r]` is the id of row r's distinct value,
 * `first[g]` a representative row and `count[g]` its multiplicity.
 */
export interface DistinctRows {
  readonly table: AlignedTable;
  readonly groupOf: Int32Array;
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly byHash: Map<number, number[]>;
  readonly hashes: Float64Array;
}

/** Group identical rows (exact, hash + verification). */
export function distinctRows(t: AlignedTable): DistinctRows {
  const hashes = rowHashes(t);
  const byHash = new Map<number, number[]>();
  const groupOf = new Int32Array(t.numRows);
  const first: number[] = [];
  const count: number[] = [];
  for (let r = 0; r < t.numRows; r++) {
    const h = hashes[r]!;
    let bucket = byHash.get(h);
    if (!bucket) {
      bucket = [];
      byHash.set(h, bucket);
    }
    let g = -1;
    for (const cand of bucket) {
      if (rowsEqual(t, first[cand]!, t, r)) {
        g = cand;
        break;
      }
    }
    if (g < 0) {
      g = first.length;
      first.push(r);
      count.push(0);
      bucket.push(g);
    }
    groupOf[r] = g;
    count[g]!++;
  }
  return { table: t, groupOf, first: Int32Array.from(first), count: Int32Array.from(count), byHash, hashes };
}

/**
 * For every row of `query`, the distinct-row id in `index` it equals, or -1.
 *
 * @example
 * const idx = distinctRows(train);
 * matchRows(idx, synthetic); // Int32Array: -1 where the synthetic row is new
 */
export function matchRows(index: DistinctRows, query: AlignedTable): Int32Array {
  const hashes = rowHashes(query);
  const out = new Int32Array(query.numRows).fill(-1);
  for (let r = 0; r < query.numRows; r++) {
    const bucket = index.byHash.get(hashes[r]!);
    if (!bucket) continue;
    for (const g of bucket) {
      if (rowsEqual(index.table, index.first[g]!, query, r)) {
        out[r] = g;
        break;
      }
    }
  }
  return out;
}

/** Row indices of the first occurrence of each distinct row, ascending (pandas' `drop_duplicates`). */
export function firstOccurrences(d: DistinctRows): Int32Array {
  return Int32Array.from(d.first).sort();
}
