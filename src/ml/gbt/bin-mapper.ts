import type { Rng } from '../../rng.js';
import type { FeatureMatrix } from '../features.js';

/**
 * Discretization of every feature into at most 255 value bins plus one missing bin, fitted once on the
 * training rows, as histogram GBDTs do (LightGBM's `max_bin`, scikit-learn's `_BinMapper`).
 * Value bins of feature f are `0..nBins[f]-1`; bin `nBins[f]` is its missing bin (NaN, unseen or
 * rare-and-unbinned categories), so a row's bins always fit in one byte.
 */
export interface BinMapper {
  readonly nFeatures: number;
  /** Value bins per feature (≥ 1); the missing bin of feature f is `nBins[f]`. */
  readonly nBins: Int32Array;
  /** First histogram slot of feature f; feature f owns slots `offsets[f] .. offsets[f] + nBins[f]` (missing last). */
  readonly offsets: Int32Array;
  /** Total histogram slots over all features. */
  readonly totalSlots: number;
  /** 1 when the feature is categorical. */
  readonly categorical: Uint8Array;
  /** Numeric features: ascending upper bin edges (`nBins[f] - 1` of them); empty for categoricals. */
  readonly edges: Float64Array[];
  /** Categorical features: code → bin (the missing bin for codes absent from the training rows). */
  readonly codeToBin: Int32Array[];
}

/** Rows used to find numeric bin edges; larger training sets are subsampled (as scikit-learn does, 2e5). */
const EDGE_SAMPLE = 200_000;

/**
 * Fits bin edges on the training matrix. Numeric features with at most `maxBins` distinct values get
 * one bin per value (edges at midpoints); others get quantile-like bins built greedily over the sorted
 * distinct values, so a heavy value (e.g. capital-gain = 0) gets a bin of its own instead of swallowing
 * several quantiles. Categorical features get one bin per category seen in training; beyond
 * `maxBins - 1` categories the rarest share one "other" bin.
 *
 * @example
 * const mapper = fitBinMapper(X, 255, rng); // mapper.nBins[f] ≤ 255
 */
export function fitBinMapper(X: FeatureMatrix, maxBins: number, rng: Rng): BinMapper {
  const F = X.nFeatures;
  const nBins = new Int32Array(F);
  const offsets = new Int32Array(F + 1);
  const categorical = new Uint8Array(F);
  const edges: Float64Array[] = [];
  const codeToBin: Int32Array[] = [];
  const sample = X.nRows > EDGE_SAMPLE ? rng.sampleIndices(X.nRows, EDGE_SAMPLE) : null;
  for (let f = 0; f < F; f++) {
    const col = X.columns[f]!;
    if (X.categorical[f]) {
      categorical[f] = 1;
      const map = categoryBins(col, X.cardinality[f]!, maxBins);
      codeToBin.push(map.codeToBin);
      edges.push(new Float64Array(0));
      nBins[f] = map.nBins;
    } else {
      const e = numericEdges(col, maxBins, sample);
      edges.push(e);
      codeToBin.push(new Int32Array(0));
      nBins[f] = e.length + 1;
    }
    offsets[f + 1] = offsets[f]! + nBins[f]! + 1;
  }
  return { nFeatures: F, nBins, offsets, totalSlots: offsets[F]!, categorical, edges, codeToBin };
}

/** Ascending upper edges of the value bins of one numeric column (NaN ignored). */
export function numericEdges(col: Float64Array, maxBins: number, sample: Uint32Array | null): Float64Array {
  const m = sample ? sample.length : col.length;
  const sorted = new Float64Array(m);
  let n = 0;
  for (let i = 0; i < m; i++) {
    const v = sample ? col[sample[i]!]! : col[i]!;
    if (!Number.isNaN(v)) sorted[n++] = v;
  }
  const values = sorted.subarray(0, n).sort();
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && values[i] === values[i - 1]) counts[counts.length - 1]!++;
    else {
      distinct.push(values[i]!);
      counts.push(1);
    }
  }
  const d = distinct.length;
  const out: number[] = [];
  if (d <= maxBins) {
    for (let i = 0; i + 1 < d; i++) out.push(midpoint(distinct[i]!, distinct[i + 1]!));
    return Float64Array.from(out);
  }
  let rest = n;
  let binsLeft = maxBins;
  let cur = 0;
  for (let i = 0; i + 1 < d && binsLeft > 1; i++) {
    cur += counts[i]!;
    const target = rest / binsLeft;
    const fewValuesLeft = d - 1 - i <= binsLeft - 1;
    if (cur >= target || fewValuesLeft || counts[i + 1]! >= target) {
      out.push(midpoint(distinct[i]!, distinct[i + 1]!));
      rest -= cur;
      binsLeft--;
      cur = 0;
    }
  }
  return Float64Array.from(out);
}

/**
 * An edge e with a ≤ e < b: the midpoint, or `a` itself where the midpoint is not strictly inside
 * (adjacent doubles) or not a number (a = −∞).
 */
function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  return m > a && m < b ? m : a;
}

function categoryBins(
  col: Float64Array,
  cardinality: number,
  maxBins: number,
): { codeToBin: Int32Array; nBins: number } {
  let k = cardinality;
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (v >= k && Number.isInteger(v)) k = v + 1;
  }
  const counts = new Float64Array(k);
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (v >= 0 && v < k && Number.isInteger(v)) counts[v]++;
  }
  const present: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c]! > 0) present.push(c);
  const codeToBin = new Int32Array(k);
  if (present.length <= maxBins) {
    const nBins = Math.max(1, present.length);
    codeToBin.fill(nBins);
    present.forEach((c, b) => {
      codeToBin[c] = b;
    });
    return { codeToBin, nBins };
  }
  // Most frequent first; ties by code so the mapping is deterministic.
  const byCount = [...present].sort((a, b) => counts[b]! - counts[a]! || a - b);
  const own = new Set(byCount.slice(0, maxBins - 1));
  codeToBin.fill(maxBins);
  let b = 0;
  for (const c of present) codeToBin[c] = own.has(c) ? b++ : maxBins - 1;
  return { codeToBin, nBins: maxBins };
}

/** Bin of a numeric value: first edge ≥ v (binary search); NaN → the missing bin. */
function numericBin(e: Float64Array, v: number): number {
  if (Number.isNaN(v)) return e.length + 1;
  let lo = 0;
  let hi = e.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (e[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The bins of every row, row-major (`bins[row * nFeatures + f]`): a node's histogram then reads one
 * contiguous run of bytes per row, which beats per-feature columns for the scattered rows of a node.
 */
export function binRows(mapper: BinMapper, X: FeatureMatrix): Uint8Array {
  const F = mapper.nFeatures;
  if (X.nFeatures !== F) throw new Error(`model was fitted on ${F} features, got ${X.nFeatures}`);
  const n = X.nRows;
  const bins = new Uint8Array(n * F);
  for (let f = 0; f < F; f++) {
    const col = X.columns[f]!;
    if (mapper.categorical[f]) {
      const map = mapper.codeToBin[f]!;
      const missing = mapper.nBins[f]!;
      for (let i = 0; i < n; i++) {
        const v = col[i]!;
        bins[i * F + f] = v >= 0 && v < map.length && Number.isInteger(v) ? map[v]! : missing;
      }
    } else {
      const e = mapper.edges[f]!;
      for (let i = 0; i < n; i++) bins[i * F + f] = numericBin(e, col[i]!);
    }
  }
  return bins;
}
