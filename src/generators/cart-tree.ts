/**
 * One CART tree (Breiman, Friedman, Olshen & Stone 1984) grown the way R's rpart grows it for
 * synthpop's `syn.cart`: Gini impurity for a class target, squared error for a numeric one; a split
 * is kept only when both children hold ≥ `minLeaf` rows, the node holds ≥ `minSplit`, the depth is
 * below `maxDepth` and the impurity drops by at least `cp` × the root's impurity (rpart's
 * complexity parameter). Leaves keep what synthpop draws from: the class counts, or the real target
 * values of the training rows that fell in them (the "donors").
 *
 * Predictors:
 * - numeric: pre-binned into ≤ 255 quantile bins (bin 0 = missing), a split is "value ≤ t or
 *   missing" with t a bin's largest training value — close to rpart's exact thresholds at a
 *   fraction of the cost;
 * - categorical: categories (missing = one more) ordered by the target mean (numeric or two-class
 *   target: the optimal order, Breiman et al. §9.4), or along the first principal component of
 *   their class-proportion vectors for a many-class target (Coppersmith, Hong & Hosking, "Partitioning
 *   nominal attributes in decision trees", 1999), then split like an ordered predictor; the left
 *   side is stored as a set of category codes.
 *
 * Each node sorts its rows into buckets (bins or category ranks) by counting sort and scans the
 * bucket boundaries once, updating the children's impurity in O(1) per row, so a node costs
 * O(rows + buckets) per predictor.
 */

export type Predictor =
  | {
      kind: 'numeric';
      /** Bin of each training row: 0 = missing, 1..nBins. */
      bins: Uint8Array;
      nBins: number;
      /** Largest training value of bin b at index b − 1. */
      upper: Float64Array;
    }
  | {
      kind: 'categorical';
      /** Category of each training row, 0..cardinality−1 (the last stands for missing). */
      codes: Int32Array;
      cardinality: number;
    };

export type Target =
  | { kind: 'class'; codes: Int32Array; classes: number }
  | { kind: 'value'; values: Float64Array };

export interface TreeOptions {
  minLeaf: number;
  minSplit: number;
  cp: number;
  maxDepth: number;
}

/** A grown tree, JSON-serializable. Node 0 is the root. */
export interface CartTree {
  /** Predictor index of each node's split, −1 for a leaf. */
  feature: number[];
  /** Numeric split: the threshold (left: value ≤ t or missing; −Number.MAX_VALUE: missing only). Categorical: index into `sets`. Leaf: leaf index. */
  value: number[];
  left: number[];
  right: number[];
  /** Category codes going left, per categorical split. */
  sets: number[][];
  /** Per leaf: class counts (class target) or the sorted donor values (numeric target). */
  leaves: number[][];
}

/** Predictor values at sample time: numbers (NaN = missing) or category codes (−1 = missing). */
export type PredictorValues =
  | { kind: 'numeric'; values: Float64Array }
  | { kind: 'categorical'; codes: Int32Array; missing: number };

/** Quantile bins of a numeric predictor (missing → bin 0). At most 255 bins, ties never split. */
export function binPredictor(values: Float64Array, maxBins = 255): Predictor {
  const n = values.length;
  const finite: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) finite.push(values[i]!);
  finite.sort((a, b) => a - b);
  const upper: number[] = [];
  const m = finite.length;
  for (let k = 1; k <= maxBins && m > 0; k++) {
    const v = finite[Math.min(m - 1, Math.ceil((k * m) / maxBins) - 1)]!;
    if (upper.length === 0 || v > upper[upper.length - 1]!) upper.push(v);
  }
  const bins = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) continue;
    let lo = 0;
    let hi = upper.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (upper[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    bins[i] = lo + 1;
  }
  return { kind: 'numeric', bins, nBins: upper.length, upper: Float64Array.from(upper) };
}

interface Split {
  gain: number;
  feature: number;
  /** Buckets 0..cut go left (bucket order: bins, or category ranks). */
  cut: number;
  /** Category rank of each code (categorical splits). */
  rank?: Int32Array;
}

/** Grow a tree on `rows` (indices into the predictors and target). */
export function growTree(
  preds: readonly Predictor[],
  target: Target,
  rows: Uint32Array,
  opts: TreeOptions,
): CartTree {
  const tree: CartTree = { feature: [], value: [], left: [], right: [], sets: [], leaves: [] };
  const grower = new Grower(preds, target, opts, rows.length);
  const rootRisk = grower.risk(rows);
  const minGain = Math.max(opts.cp * rootRisk, 1e-12 * Math.max(1, rootRisk));
  const stack: { rows: Uint32Array; depth: number; node: number }[] = [
    { rows, depth: 0, node: newNode(tree) },
  ];
  while (stack.length) {
    const { rows: r, depth, node } = stack.pop()!;
    const split = depth < opts.maxDepth && r.length >= opts.minSplit ? grower.bestSplit(r, minGain) : null;
    if (!split) {
      tree.value[node] = tree.leaves.length;
      tree.leaves.push(grower.leaf(r));
      continue;
    }
    const p = preds[split.feature]!;
    const goesLeft = (i: number) =>
      p.kind === 'numeric' ? p.bins[i]! <= split.cut : split.rank![p.codes[i]!]! <= split.cut;
    let nl = 0;
    for (let k = 0; k < r.length; k++) if (goesLeft(r[k]!)) nl++;
    const lr = new Uint32Array(nl);
    const rr = new Uint32Array(r.length - nl);
    let a = 0;
    let b = 0;
    for (let k = 0; k < r.length; k++) {
      const i = r[k]!;
      if (goesLeft(i)) lr[a++] = i;
      else rr[b++] = i;
    }
    tree.feature[node] = split.feature;
    if (p.kind === 'numeric')
      tree.value[node] = split.cut === 0 ? -Number.MAX_VALUE : p.upper[split.cut - 1]!;
    else {
      const set: number[] = [];
      for (let c = 0; c < p.cardinality; c++) if (split.rank![c]! <= split.cut) set.push(c);
      tree.value[node] = tree.sets.length;
      tree.sets.push(set);
    }
    const ln = newNode(tree);
    const rn = newNode(tree);
    tree.left[node] = ln;
    tree.right[node] = rn;
    stack.push({ rows: rr, depth: depth + 1, node: rn }, { rows: lr, depth: depth + 1, node: ln });
  }
  return tree;
}

function newNode(tree: CartTree): number {
  tree.feature.push(-1);
  tree.value.push(0);
  tree.left.push(0);
  tree.right.push(0);
  return tree.feature.length - 1;
}

/** Leaf index reached by row i of the sample-time predictors. */
export function leafOf(tree: CartTree, preds: readonly PredictorValues[], i: number): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node]!;
    if (f < 0) return tree.value[node]!;
    const p = preds[f]!;
    let left: boolean;
    if (p.kind === 'numeric') {
      const x = p.values[i]!;
      const t = tree.value[node]!;
      left = Number.isNaN(x) ? true : t === -Number.MAX_VALUE ? false : x <= t;
    } else {
      const c = p.codes[i]!;
      left = tree.sets[tree.value[node]!]!.includes(c < 0 ? p.missing : c);
    }
    node = left ? tree.left[node]! : tree.right[node]!;
  }
}

/** Split search with buffers shared across the nodes of one tree. */
class Grower {
  private readonly preds: readonly Predictor[];
  private readonly target: Target;
  private readonly opts: TreeOptions;
  private readonly k: number;
  private readonly cl: Float64Array;
  private readonly cr: Float64Array;
  private readonly ordered: Uint32Array;

  constructor(preds: readonly Predictor[], target: Target, opts: TreeOptions, n: number) {
    this.preds = preds;
    this.target = target;
    this.opts = opts;
    this.k = target.kind === 'class' ? target.classes : 0;
    this.cl = new Float64Array(this.k);
    this.cr = new Float64Array(this.k);
    this.ordered = new Uint32Array(n);
  }

  /** Node impurity × rows: Gini (m − Σc²/m) or the sum of squared errors. */
  risk(rows: Uint32Array): number {
    const m = rows.length;
    if (m === 0) return 0;
    if (this.target.kind === 'class') {
      const c = new Float64Array(this.k);
      for (let i = 0; i < m; i++) c[this.target.codes[rows[i]!]!]!++;
      let s = 0;
      for (let k = 0; k < this.k; k++) s += c[k]! * c[k]!;
      return m - s / m;
    }
    let s = 0;
    let ss = 0;
    for (let i = 0; i < m; i++) {
      const y = this.target.values[rows[i]!]!;
      s += y;
      ss += y * y;
    }
    return Math.max(0, ss - (s * s) / m);
  }

  leaf(rows: Uint32Array): number[] {
    if (this.target.kind === 'class') {
      const c = new Array<number>(this.k).fill(0);
      for (let i = 0; i < rows.length; i++) c[this.target.codes[rows[i]!]!]!++;
      return c;
    }
    const v = Array.from(rows, (i) => (this.target as { values: Float64Array }).values[i]!);
    return v.sort((a, b) => a - b);
  }

  bestSplit(rows: Uint32Array, minGain: number): Split | null {
    if (this.risk(rows) <= minGain) return null;
    let best: Split | null = null;
    for (let f = 0; f < this.preds.length; f++) {
      const p = this.preds[f]!;
      let s: Split | null;
      if (p.kind === 'numeric') s = this.scan(rows, p.bins, p.nBins + 1, f);
      else {
        const rank = this.rankCategories(rows, p.codes, p.cardinality);
        const codes = p.codes;
        s = this.scan(rows, { at: (i: number) => rank[codes[i]!]! }, p.cardinality, f);
        if (s) s.rank = rank;
      }
      if (s && s.gain > minGain && (!best || s.gain > best.gain)) best = s;
    }
    return best;
  }

  /**
   * Best boundary between consecutive non-empty buckets. `bucketOf` is a byte array of bins, or an
   * accessor mapping a row to its category rank.
   */
  private scan(
    rows: Uint32Array,
    bucketOf: Uint8Array | { at: (i: number) => number },
    buckets: number,
    f: number,
  ): Split | null {
    const m = rows.length;
    const at = bucketOf instanceof Uint8Array ? (i: number) => bucketOf[i]! : bucketOf.at;
    // Counting sort of the node's rows by bucket.
    const count = new Int32Array(buckets + 1);
    for (let k = 0; k < m; k++) count[at(rows[k]!) + 1]!++;
    let nonEmpty = 0;
    for (let b = 1; b <= buckets; b++) if (count[b]! > 0) nonEmpty++;
    if (nonEmpty < 2) return null;
    for (let b = 1; b <= buckets; b++) count[b]! += count[b - 1]!;
    const ord = this.ordered;
    const pos = count.slice(0, buckets);
    for (let k = 0; k < m; k++) {
      const i = rows[k]!;
      ord[pos[at(i)]!++] = i;
    }
    const minLeaf = this.opts.minLeaf;
    let best: Split | null = null;
    if (this.target.kind === 'class') {
      const y = this.target.codes;
      const cl = this.cl;
      const cr = this.cr;
      cl.fill(0);
      cr.fill(0);
      for (let k = 0; k < m; k++) cr[y[ord[k]!]!]!++;
      let sr = 0;
      for (let c = 0; c < this.k; c++) sr += cr[c]! * cr[c]!;
      const parent = sr / m;
      let sl = 0;
      let k = 0;
      for (let b = 0; b < buckets - 1; b++) {
        const end = count[b + 1]!;
        if (end === k) continue;
        for (; k < end; k++) {
          const c = y[ord[k]!]!;
          sl += 2 * cl[c]! + 1;
          cl[c]!++;
          sr -= 2 * cr[c]! - 1;
          cr[c]!--;
        }
        const ml = k;
        const mr = m - k;
        if (ml < minLeaf) continue;
        if (mr < minLeaf) break;
        const gain = sl / ml + sr / mr - parent;
        if (!best || gain > best.gain) best = { gain, feature: f, cut: b };
      }
    } else {
      const y = this.target.values;
      let total = 0;
      for (let k = 0; k < m; k++) total += y[ord[k]!]!;
      const parent = (total * total) / m;
      let sl = 0;
      let k = 0;
      for (let b = 0; b < buckets - 1; b++) {
        const end = count[b + 1]!;
        if (end === k) continue;
        for (; k < end; k++) sl += y[ord[k]!]!;
        const ml = k;
        const mr = m - k;
        if (ml < minLeaf) continue;
        if (mr < minLeaf) break;
        const sr = total - sl;
        const gain = (sl * sl) / ml + (sr * sr) / mr - parent;
        if (!best || gain > best.gain) best = { gain, feature: f, cut: b };
      }
    }
    return best;
  }

  /** Rank of each category for the ordered scan (see the file comment). Empty categories rank last. */
  private rankCategories(rows: Uint32Array, codes: Int32Array, card: number): Int32Array {
    const m = rows.length;
    const n = new Float64Array(card);
    const key = new Float64Array(card);
    if (this.target.kind === 'value') {
      const y = this.target.values;
      for (let k = 0; k < m; k++) {
        const c = codes[rows[k]!]!;
        n[c]!++;
        key[c]! += y[rows[k]!]!;
      }
      for (let c = 0; c < card; c++) if (n[c]! > 0) key[c]! /= n[c]!;
    } else if (this.k <= 2 || card * this.k > 50_000) {
      // Two classes: share of class 1 (optimal). Very wide tables: share of the node's majority class.
      const y = this.target.codes;
      let cls = 1;
      if (this.k > 2) {
        const tot = new Float64Array(this.k);
        for (let k = 0; k < m; k++) tot[y[rows[k]!]!]!++;
        cls = 0;
        for (let c = 1; c < this.k; c++) if (tot[c]! > tot[cls]!) cls = c;
      }
      for (let k = 0; k < m; k++) {
        const c = codes[rows[k]!]!;
        n[c]!++;
        if (y[rows[k]!] === cls) key[c]!++;
      }
      for (let c = 0; c < card; c++) if (n[c]! > 0) key[c]! /= n[c]!;
    } else this.principalOrder(rows, codes, card, n, key);
    const idx = Array.from({ length: card }, (_, c) => c);
    idx.sort((a, b) => (n[a]! > 0 ? 0 : 1) - (n[b]! > 0 ? 0 : 1) || key[a]! - key[b]! || a - b);
    const rank = new Int32Array(card);
    idx.forEach((c, r) => {
      rank[c] = r;
    });
    return rank;
  }

  /** Projection of each category's class-proportion vector on their first principal component. */
  private principalOrder(
    rows: Uint32Array,
    codes: Int32Array,
    card: number,
    n: Float64Array,
    key: Float64Array,
  ): void {
    const K = this.k;
    const y = (this.target as { codes: Int32Array }).codes;
    const p = new Float64Array(card * K);
    const mean = new Float64Array(K);
    const m = rows.length;
    for (let k = 0; k < m; k++) {
      const c = codes[rows[k]!]!;
      n[c]!++;
      p[c * K + y[rows[k]!]!]!++;
      mean[y[rows[k]!]!]! += 1 / m;
    }
    for (let c = 0; c < card; c++)
      if (n[c]! > 0) for (let j = 0; j < K; j++) p[c * K + j] = p[c * K + j]! / n[c]! - mean[j]!;
    let v = new Float64Array(K);
    for (let j = 0; j < K; j++) v[j] = (1 / Math.sqrt(K)) * (j % 2 === 0 ? 1 : -1) * (1 + j / K);
    for (let it = 0; it < 12; it++) {
      const w = new Float64Array(K);
      for (let c = 0; c < card; c++) {
        if (n[c] === 0) continue;
        let dot = 0;
        for (let j = 0; j < K; j++) dot += p[c * K + j]! * v[j]!;
        const s = n[c]! * dot;
        for (let j = 0; j < K; j++) w[j]! += s * p[c * K + j]!;
      }
      let norm = 0;
      for (let j = 0; j < K; j++) norm += w[j]! * w[j]!;
      if (norm === 0) break;
      norm = Math.sqrt(norm);
      for (let j = 0; j < K; j++) w[j]! /= norm;
      v = w;
    }
    for (let c = 0; c < card; c++) {
      let dot = 0;
      for (let j = 0; j < K; j++) dot += p[c * K + j]! * v[j]!;
      key[c] = dot;
    }
  }
}
