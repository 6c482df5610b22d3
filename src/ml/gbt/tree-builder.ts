import type { BinMapper } from './bin-mapper.js';
import { buildHistogram, HistogramPool, subtractHistogram } from './histogram.js';
import { findBestSplit, type Split, type SplitRules } from './split-finder.js';
import { type Tree, TreeRecorder } from './tree.js';

/** Gradients of one boosting round: `g[row]`, `h[row]` for every training row. */
export interface Gradients {
  g: Float64Array;
  h: Float64Array;
}

/**
 * Grows depth-limited regression trees on gradient statistics. Rows of a node are a contiguous
 * segment of one index array, partitioned in place at each split (as LightGBM's DataPartition).
 * Only the smaller child's histogram is built from rows; the larger one is the parent's minus it
 * (histogram subtraction), and nodes that cannot split again get no histogram at all.
 */
export class TreeBuilder {
  private readonly pool: HistogramPool;
  private readonly tmp: Uint32Array;
  private readonly order = new Int32Array(256);
  private readonly ratio = new Float64Array(256);
  private readonly missingBin: Int32Array;
  /** Total gain of the splits on each feature, summed over every tree built. */
  readonly gainByFeature: Float64Array;

  constructor(
    private readonly bins: Uint8Array,
    private readonly mapper: BinMapper,
    private readonly rules: SplitRules,
    private readonly maxDepth: number,
    private readonly learningRate: number,
    nRows: number,
  ) {
    this.pool = new HistogramPool(mapper.totalSlots);
    this.tmp = new Uint32Array(nRows);
    this.missingBin = mapper.nBins;
    this.gainByFeature = new Float64Array(mapper.nFeatures);
  }

  /**
   * One tree fitted to `grad` on rows `rows[0..nRows)` (reordered in place), using `features` only.
   * When `out` is given, each leaf's value is added to `out[row * stride + offset]` of its rows:
   * the training predictions, updated without walking the tree.
   */
  build(
    grad: Gradients,
    rows: Uint32Array,
    nRows: number,
    features: Int32Array,
    out?: Float64Array,
    stride = 1,
    offset = 0,
  ): Tree {
    const rec = new TreeRecorder();
    let G = 0;
    let H = 0;
    for (let k = 0; k < nRows; k++) {
      G += grad.g[rows[k]!]!;
      H += grad.h[rows[k]!]!;
    }
    const ctx: GrowContext = { grad, rows, features, rec, out, stride, offset };
    let hist: Float64Array | null = null;
    if (this.canSplit(0, nRows)) {
      hist = this.pool.get();
      this.fill(hist, ctx, 0, nRows);
    }
    this.grow(ctx, 0, nRows, 0, G, H, hist);
    return rec.finish();
  }

  private canSplit(depth: number, count: number): boolean {
    return depth < this.maxDepth && count >= 2 * this.rules.minChildSamples;
  }

  private fill(hist: Float64Array, ctx: GrowContext, start: number, end: number): void {
    const { bins, mapper } = this;
    buildHistogram(
      hist,
      bins,
      mapper.nFeatures,
      mapper.offsets,
      ctx.features,
      ctx.rows,
      start,
      end,
      ctx.grad.g,
      ctx.grad.h,
    );
  }

  /** Grows the subtree of rows [start, end); `hist` (owned, released here) is null when it cannot split. */
  private grow(
    ctx: GrowContext,
    start: number,
    end: number,
    depth: number,
    G: number,
    H: number,
    hist: Float64Array | null,
  ): number {
    const node = ctx.rec.add();
    const C = end - start;
    const split = hist
      ? findBestSplit(hist, this.mapper, ctx.features, G, H, C, this.rules, this.order, this.ratio)
      : null;
    if (!split) {
      if (hist) this.pool.release(hist);
      this.makeLeaf(ctx, node, start, end, G, H);
      return node;
    }
    this.gainByFeature[split.feature] += split.gain;
    ctx.rec.setSplit(node, split.feature, split.threshold, split.missingLeft, split.catBins);
    const mid = this.partition(ctx, start, end, split);
    const nL = mid - start;
    const nR = end - mid;
    const needL = this.canSplit(depth + 1, nL);
    const needR = this.canSplit(depth + 1, nR);
    let histL: Float64Array | null = null;
    let histR: Float64Array | null = null;
    const parentHist = hist!;
    if (needL && needR) {
      const small = this.pool.get();
      if (nL <= nR) {
        this.fill(small, ctx, start, mid);
        subtractHistogram(parentHist, small);
        histL = small;
        histR = parentHist;
      } else {
        this.fill(small, ctx, mid, end);
        subtractHistogram(parentHist, small);
        histL = parentHist;
        histR = small;
      }
    } else if (needL) {
      this.fill(parentHist, ctx, start, mid);
      histL = parentHist;
    } else if (needR) {
      this.fill(parentHist, ctx, mid, end);
      histR = parentHist;
    } else {
      this.pool.release(parentHist);
    }
    const lG = split.leftG;
    const lH = split.leftH;
    const l = this.grow(ctx, start, mid, depth + 1, lG, lH, histL);
    const r = this.grow(ctx, mid, end, depth + 1, G - lG, H - lH, histR);
    ctx.rec.setChildren(node, l, r);
    return node;
  }

  private makeLeaf(ctx: GrowContext, node: number, start: number, end: number, G: number, H: number): void {
    const value = (-G / (H + this.rules.lambda)) * this.learningRate;
    ctx.rec.setLeaf(node, value);
    const { out, rows, stride, offset } = ctx;
    if (out) for (let k = start; k < end; k++) out[rows[k]! * stride + offset] += value;
  }

  /** Stable in-place partition of rows [start, end) by the split; returns the first right-child index. */
  private partition(ctx: GrowContext, start: number, end: number, split: Split): number {
    const { rows } = ctx;
    const { bins, tmp } = this;
    const F = this.mapper.nFeatures;
    const f = split.feature;
    const missing = this.missingBin[f]!;
    // Which bins go left, as a lookup table: one code path for threshold and category-set splits.
    const goesLeft = new Uint8Array(missing + 1);
    if (split.catBins) for (const b of split.catBins) goesLeft[b] = 1;
    else goesLeft.fill(1, 0, split.threshold + 1);
    if (split.missingLeft) goesLeft[missing] = 1;
    let nl = start;
    let nr = 0;
    // Branch-free: write the row to both sides and advance only one cursor (the split is a coin flip
    // to the branch predictor, and mispredictions cost more than the extra store).
    for (let k = start; k < end; k++) {
      const r = rows[k]!;
      const left = goesLeft[bins[r * F + f]!]!;
      rows[nl] = r;
      tmp[nr] = r;
      nl += left;
      nr += 1 - left;
    }
    rows.set(tmp.subarray(0, nr), nl);
    return nl;
  }
}

interface GrowContext {
  grad: Gradients;
  rows: Uint32Array;
  features: Int32Array;
  rec: TreeRecorder;
  out: Float64Array | undefined;
  stride: number;
  offset: number;
}
