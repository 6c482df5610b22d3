/**
 * Size correction of the singling-out control attack, following Anonymeter 1.0
 * (`singling_out_evaluator.py`, `fit_correction_term`): a query singles out a row of a population of
 * size n with probability P(w, n) = n·w·(1 − w)^(n−1) (Cohen & Nissim 2020, arXiv:1904.06009), w being
 * the share of the population it matches. Integrated over weights in [0, w_eff]:
 *
 *   F(n; w_eff) = (1 − (n·w_eff + 1)(1 − w_eff)^n) / (n + 1).
 *
 * The number of queries that single out a control subsample of size n is measured for 10 sizes from
 * min(1000, |control|) to |control| (5 random subsamples each), `norm · F(n; w_eff)` is fitted by least
 * squares, and the control success count is multiplied by F(|train|)/F(|control|), so the control attack
 * is judged as if the control set were as large as the training set.
 *
 * Anonymeter fits with scipy's `curve_fit` from a fixed starting point and sometimes fails to converge;
 * here `norm` is solved in closed form for each w_eff (the model is linear in it) and w_eff is found by
 * a log-spaced grid search refined by golden-section search, which always returns the global
 * least-squares fit over w_eff ∈ [1e-3/n_max, 1].
 */
import type { Rng } from '../rng.js';

/** F(n; w) with care for tiny w (n·w ≪ 1). */
export function singlingOutIntegral(n: number, w: number): number {
  if (w <= 0) return 0;
  if (w >= 1) return 1 / (n + 1);
  const logQ = n * Math.log1p(-w);
  const x = n * w;
  // 1 − (1 + x)·e^L, computed as −expm1(L) − x·e^L.
  return (-Math.expm1(logQ) - x * Math.exp(logQ)) / (n + 1);
}

export interface CorrectionFit {
  wEff: number;
  norm: number;
  /** Multiplier for the control success count. */
  factor: number;
  sizes: number[];
  successes: number[];
}

/** Least-squares fit of `norm · F(n; w)` to (sizes, successes). */
export function fitSinglingOutModel(
  sizes: readonly number[],
  successes: readonly number[],
): { wEff: number; norm: number; sse: number } {
  const nMax = Math.max(...sizes);
  const sse = (w: number): { sse: number; norm: number } => {
    let sy2 = 0;
    let syg = 0;
    let sg2 = 0;
    for (let i = 0; i < sizes.length; i++) {
      const g = singlingOutIntegral(sizes[i]!, w);
      const y = successes[i]!;
      sy2 += y * y;
      syg += y * g;
      sg2 += g * g;
    }
    if (sg2 === 0) return { sse: sy2, norm: 0 };
    const norm = Math.max(0, syg / sg2);
    return { sse: sy2 - 2 * norm * syg + norm * norm * sg2, norm };
  };
  const lo = Math.log(1e-3 / nMax);
  const hi = 0;
  const steps = 400;
  let bestT = lo;
  let bestS = Number.POSITIVE_INFINITY;
  for (let i = 0; i <= steps; i++) {
    const t = lo + ((hi - lo) * i) / steps;
    const s = sse(Math.exp(t)).sse;
    if (s < bestS) {
      bestS = s;
      bestT = t;
    }
  }
  // Golden-section refinement within one grid step either side.
  const h = (hi - lo) / steps;
  let a = Math.max(lo, bestT - h);
  let b = Math.min(hi, bestT + h);
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = sse(Math.exp(c)).sse;
  let fd = sse(Math.exp(d)).sse;
  for (let it = 0; it < 60; it++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = sse(Math.exp(c)).sse;
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = sse(Math.exp(d)).sse;
    }
  }
  const t = fc < fd ? c : d;
  const candidates = [bestT, t];
  let wEff = Math.exp(bestT);
  let best = sse(wEff);
  for (const tt of candidates) {
    const r = sse(Math.exp(tt));
    if (r.sse < best.sse) {
      best = r;
      wEff = Math.exp(tt);
    }
  }
  return { wEff, norm: best.norm, sse: best.sse };
}

/**
 * Measure and fit the correction on the control set.
 *
 * @param matches for each query, the control rows it matches
 * @param controlRows |control|
 * @param trainRows |train| (the population the main attack ran on)
 */
export function fitCorrection(
  matches: readonly Int32Array[],
  controlRows: number,
  trainRows: number,
  rng: Rng,
): CorrectionFit {
  const sizes: number[] = [];
  const successes: number[] = [];
  const minRows = Math.min(1000, controlRows);
  const inSample = new Uint8Array(controlRows);
  for (let m = 0; m < 10; m++) {
    const size = Math.trunc(minRows + ((controlRows - minRows) * m) / 9);
    for (let rep = 0; rep < 5; rep++) {
      inSample.fill(0);
      for (const r of rng.sampleIndices(controlRows, size)) inSample[r] = 1;
      let singled = 0;
      for (const rows of matches) {
        let hits = 0;
        for (let j = 0; j < rows.length && hits < 2; j++) if (inSample[rows[j]!]) hits++;
        if (hits === 1) singled++;
      }
      sizes.push(size);
      successes.push(singled);
    }
  }
  const { wEff, norm } = fitSinglingOutModel(sizes, successes);
  const fControl = singlingOutIntegral(controlRows, wEff);
  const factor = fControl > 0 ? singlingOutIntegral(trainRows, wEff) / fControl : 1;
  return { wEff, norm, factor, sizes, successes };
}
