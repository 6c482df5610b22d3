import type { Rng } from '../../rng.js';

/**
 * One-dimensional Gaussian mixtures for TVAE's mode-specific normalization.
 *
 * The original (CTGAN/TVAE, Xu et al. 2019, via RDT's ClusterBasedNormalizer) fits a variational
 * Bayesian GMM with a Dirichlet-process weight prior (at most 10 components) and drops components
 * whose weight is below 0.005. We fit plain maximum-likelihood GMMs by EM for k = 1..maxModes and
 * keep the k with the lowest BIC (Schwarz 1978), then apply the same 0.005 weight pruning. Both
 * pick "as many modes as the data supports, at most 10"; EM+BIC is deterministic for a seed,
 * needs no priors, and is cheap in one dimension.
 *
 * Spikes first (`fitGmm1d`): exact values far more frequent than their neighbours (capital-gain = 0
 * or 15024, 40 hours a week) become point-mass modes of their own, and the EM+BIC mixture is fitted
 * to the remaining values with the remaining modes (see `findSpikes`).
 *
 * Details: values are standardized first; EM runs on distinct values weighted by their counts
 * (integer columns such as ages collapse to a few dozen points); above `maxPoints` rows a seeded
 * subsample is used; variances are floored at `1e-6` of the column variance (scikit-learn's
 * `reg_covar` default on standardized data), so point masses (e.g. capital-gain = 0) become narrow
 * modes instead of singularities; initial means come from weighted k-means++ seeding.
 *
 * @example
 * const m = fitGmm1d(Float64Array.of(0, 0, 0, 1, 1.1, 0.9, 10, 11), new Rng(1));
 * m.means.length; // => number of modes kept (≤ 10)
 */
export interface Gmm1d {
  /** Component means, ascending (raw scale). */
  means: number[];
  /** Component standard deviations (raw scale, > 0). */
  stds: number[];
  /** Mixing weights, summing to 1. */
  weights: number[];
  /**
   * Components whose variance sits at the floor: point masses such as capital-gain = 0 or the
   * integer ages, each holding a single value. Sampling emits their mean exactly.
   */
  points: boolean[];
}

export interface GmmOptions {
  maxModes: number;
  /** Components lighter than this are dropped after fitting (the original's weight threshold). */
  weightThreshold: number;
  /** Rows used for fitting; a seeded subsample above this. */
  maxPoints: number;
  maxIter: number;
  /** Convergence tolerance on the mean log-likelihood per point. */
  tol: number;
  /** Spike detection (`fitGmm1d` only): least share of rows, and ratio to each neighbour; 0 turns it off. */
  spikeMinShare: number;
  spikeRatio: number;
}

export const GMM_DEFAULTS: GmmOptions = {
  maxModes: 10,
  weightThreshold: 0.005,
  maxPoints: 5000,
  maxIter: 200,
  tol: 1e-6,
  spikeMinShare: 0.001,
  spikeRatio: 5,
};

/** Variance floor on the standardized scale (scikit-learn's `reg_covar`). */
const REG_VAR = 1e-6;
const LOG_2PI = Math.log(2 * Math.PI);

interface Weighted {
  x: Float64Array;
  w: Float64Array;
  total: number;
}

interface Fit {
  mu: Float64Array;
  v: Float64Array;
  pi: Float64Array;
  logLik: number;
}

/** Fit a GMM to finite values (nulls removed by the caller), spikes first (see `findSpikes`). */
export function fitGmm1d(values: Float64Array, rng: Rng, options: Partial<GmmOptions> = {}): Gmm1d {
  const o = { ...GMM_DEFAULTS, ...options };
  const n = values.length;
  const { xs, ws } = distinctCounts(values);
  const spikes = o.spikeRatio > 0 && xs.length > 1 ? findSpikes(xs, ws, n, o) : [];
  if (spikes.length === 0) return fitSmooth(values, rng, o);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  const spikeStd = Math.sqrt(REG_VAR * (ss / n)) || 1;
  const isSpike = new Set(spikes.map((j) => xs[j]!));
  const rest = values.filter((v) => !isSpike.has(v));
  const parts: { mean: number; std: number; weight: number; point: boolean }[] = spikes.map((j) => ({
    mean: xs[j]!,
    std: spikeStd,
    weight: ws[j]! / n,
    point: true,
  }));
  if (rest.length > 0) {
    const g = fitSmooth(rest, rng.fork('rest'), { ...o, maxModes: Math.max(1, o.maxModes - spikes.length) });
    g.means.forEach((m, k) => {
      parts.push({
        mean: m,
        std: g.stds[k]!,
        weight: (g.weights[k]! * rest.length) / n,
        point: g.points[k]!,
      });
    });
  }
  parts.sort((a, b) => a.mean - b.mean);
  return {
    means: parts.map((p) => p.mean),
    stds: parts.map((p) => p.std),
    weights: parts.map((p) => p.weight),
    points: parts.map((p) => p.point),
  };
}

/** Sorted distinct values and their counts. */
function distinctCounts(values: Float64Array): { xs: number[]; ws: number[] } {
  const sorted = Float64Array.from(values).sort();
  const xs: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) ws[ws.length - 1]!++;
    else {
      xs.push(sorted[i]!);
      ws.push(1);
    }
  }
  return { xs, ws };
}

/**
 * Spikes: distinct values holding at least `spikeMinShare` of the rows and `spikeRatio` times as
 * many rows as each neighbouring distinct value (capital-gain = 0, 15024 or 7688; 40 hours a week),
 * at most maxModes − 1 of them (the largest) so the rest keeps a mode. A plain GMM merges the
 * rarer spikes of a column such as capital-gain into wide modes whose values then spread across
 * the gaps between them; as point-mass modes they are kept exactly, like the categories of a
 * mixed-type column (CTAB-GAN, Zhao et al. 2021). Smooth integer columns such as age have no
 * spikes: neighbouring values are about as frequent.
 */
function findSpikes(xs: number[], ws: number[], n: number, o: GmmOptions): number[] {
  const minCount = Math.max(2, o.spikeMinShare * n);
  const found: number[] = [];
  for (let j = 0; j < xs.length; j++) {
    const c = ws[j]!;
    const neighbour = Math.max(j > 0 ? ws[j - 1]! : 0, j < xs.length - 1 ? ws[j + 1]! : 0);
    if (c >= minCount && c >= o.spikeRatio * neighbour) found.push(j);
  }
  const cap = found.length === xs.length ? o.maxModes : o.maxModes - 1;
  return found
    .sort((a, b) => ws[b]! - ws[a]! || a - b)
    .slice(0, Math.max(0, cap))
    .sort((a, b) => a - b);
}

/** EM + BIC on the values (a seeded subsample above `maxPoints`). */
function fitSmooth(values: Float64Array, rng: Rng, o: GmmOptions): Gmm1d {
  let src = values;
  if (values.length > o.maxPoints) {
    const idx = rng.fork('subsample').sampleIndices(values.length, o.maxPoints);
    src = new Float64Array(idx.length);
    for (let i = 0; i < idx.length; i++) src[i] = values[idx[i]!]!;
  }
  const { xs, ws } = distinctCounts(src);
  return fitGmm1dWeighted(Float64Array.from(xs), Float64Array.from(ws), rng, o);
}

/**
 * Fit a GMM to points with non-negative weights (counts, or noisy histogram counts under DP).
 * BIC uses the total weight as the sample size.
 */
export function fitGmm1dWeighted(
  points: Float64Array,
  weights: Float64Array,
  rng: Rng,
  options: Partial<GmmOptions> = {},
): Gmm1d {
  const o = { ...GMM_DEFAULTS, ...options };
  const xs: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < points.length; i++)
    if (weights[i]! > 0 && Number.isFinite(points[i]!)) {
      xs.push(points[i]!);
      ws.push(weights[i]!);
    }
  if (xs.length === 0) return { means: [0], stds: [1], weights: [1], points: [false] };
  let total = 0;
  let mean = 0;
  for (let i = 0; i < xs.length; i++) {
    total += ws[i]!;
    mean += ws[i]! * xs[i]!;
  }
  mean /= total;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) ss += ws[i]! * (xs[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / total);
  if (!(sd > 0) || !Number.isFinite(sd)) return { means: [xs[0]!], stds: [1], weights: [1], points: [true] };
  const pts: Weighted = { x: Float64Array.from(xs, (x) => (x - mean) / sd), w: Float64Array.from(ws), total };
  const kMax = Math.max(1, Math.min(o.maxModes, xs.length));
  let best: Fit | null = null;
  let bestBic = Number.POSITIVE_INFINITY;
  let worse = 0;
  for (let k = 1; k <= kMax; k++) {
    const fit = emFit(pts, k, o, rng.fork(`k${k}`));
    const bic = -2 * fit.logLik + (3 * k - 1) * Math.log(Math.max(total, 2));
    if (bic < bestBic) {
      bestBic = bic;
      best = fit;
      worse = 0;
    } else if (++worse >= 2) break;
  }
  return finish(best!, mean, sd, o.weightThreshold);
}

/** Weighted k-means++ seeding followed by EM. */
function emFit(p: Weighted, k: number, o: GmmOptions, rng: Rng): Fit {
  const m = p.x.length;
  const mu = kmeansPlusPlus(p, k, rng);
  const v = new Float64Array(k);
  const pi = new Float64Array(k).fill(1 / k);
  // Initial variances: the weighted spread of the points nearest to each centre.
  const sw = new Float64Array(k);
  const sv = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    let c = 0;
    for (let j = 1; j < k; j++) if (Math.abs(p.x[i]! - mu[j]!) < Math.abs(p.x[i]! - mu[c]!)) c = j;
    sw[c] += p.w[i]!;
    sv[c] += p.w[i]! * (p.x[i]! - mu[c]!) ** 2;
  }
  for (let j = 0; j < k; j++) {
    v[j] = (sw[j]! > 0 ? sv[j]! / sw[j]! : 1) + REG_VAR;
    pi[j] = Math.max(sw[j]! / p.total, 1e-3);
  }
  normalize(pi);

  const resp = new Float64Array(m * k);
  const logp = new Float64Array(k);
  let prev = Number.NEGATIVE_INFINITY;
  let logLik = 0;
  for (let iter = 0; iter < o.maxIter; iter++) {
    // E step: responsibilities and log-likelihood.
    logLik = 0;
    for (let i = 0; i < m; i++) {
      const x = p.x[i]!;
      let mx = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < k; j++) {
        const d = x - mu[j]!;
        logp[j] = Math.log(pi[j]!) - 0.5 * (LOG_2PI + Math.log(v[j]!) + (d * d) / v[j]!);
        if (logp[j]! > mx) mx = logp[j]!;
      }
      let s = 0;
      for (let j = 0; j < k; j++) s += Math.exp(logp[j]! - mx);
      const lse = mx + Math.log(s);
      logLik += p.w[i]! * lse;
      for (let j = 0; j < k; j++) resp[i * k + j] = Math.exp(logp[j]! - lse);
    }
    // M step.
    for (let j = 0; j < k; j++) {
      let nk = 0;
      let sx = 0;
      for (let i = 0; i < m; i++) {
        const r = resp[i * k + j]! * p.w[i]!;
        nk += r;
        sx += r * p.x[i]!;
      }
      if (nk < 1e-10) {
        // An empty component keeps its mean and variance with ~0 weight (pruned at the end).
        pi[j] = 1e-10;
        continue;
      }
      const mj = sx / nk;
      let sv2 = 0;
      for (let i = 0; i < m; i++) sv2 += resp[i * k + j]! * p.w[i]! * (p.x[i]! - mj) ** 2;
      mu[j] = mj;
      v[j] = sv2 / nk + REG_VAR;
      pi[j] = nk / p.total;
    }
    normalize(pi);
    if (Math.abs(logLik - prev) / p.total < o.tol) break;
    prev = logLik;
  }
  return { mu, v, pi, logLik };
}

function kmeansPlusPlus(p: Weighted, k: number, rng: Rng): Float64Array {
  const m = p.x.length;
  const centres = new Float64Array(k);
  const d2 = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  centres[0] = p.x[pickWeighted(p.w, rng)]!;
  for (let c = 1; c < k; c++) {
    const score = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const d = (p.x[i]! - centres[c - 1]!) ** 2;
      if (d < d2[i]!) d2[i] = d;
      score[i] = p.w[i]! * d2[i]!;
    }
    centres[c] = p.x[pickWeighted(score, rng)]!;
  }
  return centres;
}

/** Index drawn with probability proportional to `w` (the last positive index if all mass is ~0). */
function pickWeighted(w: Float64Array, rng: Rng): number {
  let total = 0;
  for (let i = 0; i < w.length; i++) total += w[i]!;
  if (!(total > 0)) return rng.int(w.length);
  let u = rng.uniform() * total;
  for (let i = 0; i < w.length; i++) {
    u -= w[i]!;
    if (u < 0) return i;
  }
  return w.length - 1;
}

function normalize(a: Float64Array): void {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  for (let i = 0; i < a.length; i++) a[i] = a[i]! / s;
}

/** Prune light components, sort by mean, return to the raw scale. */
function finish(f: Fit, mean: number, sd: number, threshold: number): Gmm1d {
  const keep: number[] = [];
  for (let j = 0; j < f.pi.length; j++) if (f.pi[j]! >= threshold) keep.push(j);
  if (keep.length === 0) keep.push(f.pi.indexOf(Math.max(...f.pi)));
  keep.sort((a, b) => f.mu[a]! - f.mu[b]! || a - b);
  const tw = keep.reduce((s, j) => s + f.pi[j]!, 0);
  return {
    means: keep.map((j) => mean + sd * f.mu[j]!),
    stds: keep.map((j) => sd * Math.sqrt(f.v[j]!)),
    weights: keep.map((j) => f.pi[j]! / tw),
    points: keep.map((j) => f.v[j]! <= 2 * REG_VAR),
  };
}

/**
 * Log of the weighted component densities log(w_k N(x; μ_k, σ_k)) for one value, into `out`.
 * Used to pick a value's mode (posterior ∝ exp of these).
 */
export function componentLogDensities(m: Gmm1d, x: number, out: Float64Array): void {
  for (let j = 0; j < m.means.length; j++) {
    const z = (x - m.means[j]!) / m.stds[j]!;
    out[j] = Math.log(m.weights[j]!) - Math.log(m.stds[j]!) - 0.5 * (LOG_2PI + z * z);
  }
}
