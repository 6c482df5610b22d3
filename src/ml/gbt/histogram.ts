/**
 * Gradient histograms: for every (feature, bin) slot, the sums of gradient, hessian and row count of a
 * node's rows, interleaved as `[G, H, count]` triples in one Float64Array (slot s at `3 * s`).
 * A split search then scans ≤ 256 slots per feature instead of the node's rows.
 */

/** A zeroed histogram for `totalSlots` slots. */
export function newHistogram(totalSlots: number): Float64Array {
  return new Float64Array(totalSlots * 3);
}

/**
 * Sums `g`/`h` of rows `rows[start..end)` into `hist` (zeroed first) for the features in `features`.
 * `bins` is row-major (`nFeatures` bytes per row), `offsets[f]` the first slot of feature f.
 * This is the hot loop of training: typed arrays only, one pass over the rows.
 */
export function buildHistogram(
  hist: Float64Array,
  bins: Uint8Array,
  nFeatures: number,
  offsets: Int32Array,
  features: Int32Array,
  rows: Uint32Array,
  start: number,
  end: number,
  g: Float64Array,
  h: Float64Array,
): void {
  hist.fill(0);
  const nSel = features.length;
  if (nSel === nFeatures) {
    for (let k = start; k < end; k++) {
      const r = rows[k]!;
      const gr = g[r]!;
      const hr = h[r]!;
      const base = r * nFeatures;
      for (let f = 0; f < nFeatures; f++) {
        const s = 3 * (offsets[f]! + bins[base + f]!);
        hist[s] += gr;
        hist[s + 1] += hr;
        hist[s + 2]++;
      }
    }
    return;
  }
  for (let k = start; k < end; k++) {
    const r = rows[k]!;
    const gr = g[r]!;
    const hr = h[r]!;
    const base = r * nFeatures;
    for (let j = 0; j < nSel; j++) {
      const f = features[j]!;
      const s = 3 * (offsets[f]! + bins[base + f]!);
      hist[s] += gr;
      hist[s + 1] += hr;
      hist[s + 2]++;
    }
  }
}

/** `parent -= child`, in place: the sibling's histogram without touching its rows (histogram subtraction). */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i]!;
}

/** Reuses histogram buffers across nodes and trees so training allocates a handful, not one per node. */
export class HistogramPool {
  private readonly free: Float64Array[] = [];
  constructor(private readonly totalSlots: number) {}

  get(): Float64Array {
    return this.free.pop() ?? newHistogram(this.totalSlots);
  }

  release(h: Float64Array): void {
    this.free.push(h);
  }
}
