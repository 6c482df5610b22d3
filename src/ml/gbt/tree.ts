/**
 * A fitted regression tree over binned features, stored as flat typed arrays (one slot per node) so
 * prediction walks arrays instead of objects. Node 0 is the root.
 */
export interface Tree {
  /** Split feature, or -1 for a leaf. */
  readonly feature: Int32Array;
  /** Numeric split: a row goes left when its bin ≤ threshold. */
  readonly threshold: Int32Array;
  /** 1 when rows in the feature's missing bin go left. */
  readonly missingLeft: Uint8Array;
  /** 1 when the split is a category-set split (see `catWords`). */
  readonly isCategorical: Uint8Array;
  /** Category-set splits: 8 words (256 bits) per node; bit b set = bin b goes left. */
  readonly catWords: Uint32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Leaf output (learning rate already applied); 0 for inner nodes. */
  readonly value: Float64Array;
}

/** Words of a node's category bitset. */
export const CAT_WORDS = 8;

/** Accumulates nodes while a tree grows, then freezes them into a `Tree`. */
export class TreeRecorder {
  private feature: number[] = [];
  private threshold: number[] = [];
  private missingLeft: number[] = [];
  private isCategorical: number[] = [];
  private catBins: (readonly number[] | null)[] = [];
  private left: number[] = [];
  private right: number[] = [];
  private value: number[] = [];

  /** A new node, a leaf until `setSplit` is called. */
  add(): number {
    this.feature.push(-1);
    this.threshold.push(0);
    this.missingLeft.push(0);
    this.isCategorical.push(0);
    this.catBins.push(null);
    this.left.push(-1);
    this.right.push(-1);
    this.value.push(0);
    return this.feature.length - 1;
  }

  setLeaf(node: number, value: number): void {
    this.value[node] = value;
  }

  setSplit(
    node: number,
    feature: number,
    threshold: number,
    missingLeft: boolean,
    catBins: readonly number[] | null,
  ): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.missingLeft[node] = missingLeft ? 1 : 0;
    this.isCategorical[node] = catBins ? 1 : 0;
    this.catBins[node] = catBins;
  }

  setChildren(node: number, left: number, right: number): void {
    this.left[node] = left;
    this.right[node] = right;
  }

  finish(): Tree {
    const n = this.feature.length;
    const catWords = new Uint32Array(n * CAT_WORDS);
    this.catBins.forEach((bins, node) => {
      if (bins) for (const b of bins) catWords[node * CAT_WORDS + (b >>> 5)]! |= 1 << (b & 31);
    });
    return {
      feature: Int32Array.from(this.feature),
      threshold: Int32Array.from(this.threshold),
      missingLeft: Uint8Array.from(this.missingLeft),
      isCategorical: Uint8Array.from(this.isCategorical),
      catWords,
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
    };
  }
}

/**
 * Adds the tree's output for every row to `out` (stride lets one array hold several classes).
 * `bins` is row-major with `nFeatures` bytes per row; `missingBin[f]` is feature f's missing bin.
 */
export function addTreePredictions(
  tree: Tree,
  bins: Uint8Array,
  nFeatures: number,
  missingBin: Int32Array,
  out: Float64Array,
  stride = 1,
  offset = 0,
  rows?: Uint32Array,
): void {
  const { feature, threshold, missingLeft, isCategorical, catWords, left, right, value } = tree;
  const n = rows ? rows.length : out.length / stride;
  for (let k = 0; k < n; k++) {
    const r = rows ? rows[k]! : k;
    const base = r * nFeatures;
    let node = 0;
    let f = feature[0]!;
    while (f >= 0) {
      const b = bins[base + f]!;
      let goLeft: boolean;
      if (b === missingBin[f]) goLeft = missingLeft[node] === 1;
      else if (isCategorical[node] === 1)
        goLeft = ((catWords[node * CAT_WORDS + (b >>> 5)]! >>> (b & 31)) & 1) === 1;
      else goLeft = b <= threshold[node]!;
      node = goLeft ? left[node]! : right[node]!;
      f = feature[node]!;
    }
    out[r * stride + offset] += value[node]!;
  }
}
