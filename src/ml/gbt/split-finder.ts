import type { BinMapper } from './bin-mapper.js';

/** Regularization and size limits that decide whether a split is allowed and how good it is. */
export interface SplitRules {
  /** L2 penalty on leaf values (XGBoost's `lambda`). */
  lambda: number;
  /** Fewest rows in each child (LightGBM's `min_child_samples`). */
  minChildSamples: number;
  /** Smallest hessian sum in each child (LightGBM's `min_sum_hessian_in_leaf`). */
  minChildWeight: number;
  /** Added to a category's hessian sum when categories are ordered (LightGBM's `cat_smooth`). */
  catSmooth: number;
}

/** The best split of a node, with the left child's sums (the right child's are parent − left). */
export interface Split {
  gain: number;
  feature: number;
  /** Numeric splits: value bins ≤ threshold go left. */
  threshold: number;
  missingLeft: boolean;
  /** Category-set splits: the value bins that go left; null for numeric splits. */
  catBins: number[] | null;
  leftG: number;
  leftH: number;
  leftC: number;
}

/**
 * Finds the split of largest gain, the second-order gain of XGBoost (Chen & Guestrin 2016, eq. 7):
 * `GL²/(HL+λ) + GR²/(HR+λ) − G²/(H+λ)`. For numeric features every threshold is tried with the
 * missing bin sent left and right (learned default direction). For categorical features the
 * categories present are sorted by `G/(H + catSmooth)` and every prefix of that order is tried as the
 * left set — the many-vs-many rule of LightGBM (after Fisher 1958), optimal for this gain up to the
 * smoothing. Returns null when no split with positive gain respects the size limits.
 */
export function findBestSplit(
  hist: Float64Array,
  mapper: BinMapper,
  features: Int32Array,
  G: number,
  H: number,
  C: number,
  rules: SplitRules,
  order: Int32Array,
  ratio: Float64Array,
): Split | null {
  const best: Split = {
    gain: 1e-12,
    feature: -1,
    threshold: 0,
    missingLeft: false,
    catBins: null,
    leftG: 0,
    leftH: 0,
    leftC: 0,
  };
  const parent = (G * G) / (H + rules.lambda);
  for (let j = 0; j < features.length; j++) {
    const f = features[j]!;
    const off = mapper.offsets[f]!;
    const nb = mapper.nBins[f]!;
    let m = 0;
    if (mapper.categorical[f]) {
      for (let b = 0; b < nb; b++) {
        const s = 3 * (off + b);
        if (hist[s + 2]! > 0) {
          order[m++] = b;
          ratio[b] = hist[s]! / (hist[s + 1]! + rules.catSmooth);
        }
      }
      if (m > 1) order.subarray(0, m).sort((a, b) => ratio[a]! - ratio[b]! || a - b);
    } else {
      for (let b = 0; b < nb; b++) order[b] = b;
      m = nb;
    }
    const i = scanPrefixes(hist, off, nb, order, m, G, H, C, parent, rules, best);
    if (i >= 0) {
      best.feature = f;
      if (mapper.categorical[f]) {
        best.catBins = Array.from(order.subarray(0, i + 1)).sort((a, b) => a - b);
        best.threshold = 0;
      } else {
        best.catBins = null;
        best.threshold = i;
      }
    }
  }
  return best.feature >= 0 ? best : null;
}

/**
 * Tries "bins order[0..i] left, the rest right" for every i, with the missing bin (slot `off + nb`) on
 * either side. Updates `best` in place and returns the winning i, or -1 when nothing beat `best`.
 */
function scanPrefixes(
  hist: Float64Array,
  off: number,
  nb: number,
  order: Int32Array,
  m: number,
  G: number,
  H: number,
  C: number,
  parent: number,
  rules: SplitRules,
  best: Split,
): number {
  const { lambda, minChildSamples: minC, minChildWeight: minH } = rules;
  const ms = 3 * (off + nb);
  const mG = hist[ms]!;
  const mH = hist[ms + 1]!;
  const mC = hist[ms + 2]!;
  let lg = 0;
  let lh = 0;
  let lc = 0;
  let won = -1;
  for (let i = 0; i < m; i++) {
    const s = 3 * (off + order[i]!);
    lg += hist[s]!;
    lh += hist[s + 1]!;
    lc += hist[s + 2]!;
    // Missing rows go right.
    if (lc >= minC && lh >= minH && C - lc >= minC && H - lh >= minH) {
      const rg = G - lg;
      const gain = (lg * lg) / (lh + lambda) + (rg * rg) / (H - lh + lambda) - parent;
      if (gain > best.gain) {
        best.gain = gain;
        best.missingLeft = false;
        best.leftG = lg;
        best.leftH = lh;
        best.leftC = lc;
        won = i;
      }
    }
    if (mC > 0) {
      // Missing rows go left.
      const g2 = lg + mG;
      const h2 = lh + mH;
      const c2 = lc + mC;
      if (c2 >= minC && h2 >= minH && C - c2 >= minC && H - h2 >= minH) {
        const rg = G - g2;
        const gain = (g2 * g2) / (h2 + lambda) + (rg * rg) / (H - h2 + lambda) - parent;
        if (gain > best.gain) {
          best.gain = gain;
          best.missingLeft = true;
          best.leftG = g2;
          best.leftH = h2;
          best.leftC = c2;
          won = i;
        }
      }
    }
  }
  return won;
}
