import type { Rng } from '../rng.js';
import { configCount, configIndex, familyCounts } from './bayesnet-tables.js';
import type { PrivacyAccountant } from './dp/ledger.js';

/**
 * Greedy structure learning of a Bayesian network of bounded in-degree, as PrivBayes does it
 * (Zhang, Cormode, Procopiuc, Srivastava & Xiao, "PrivBayes: Private Data Release via Bayesian
 * Networks", ACM TODS 2017, Algorithm 4 with θ-useful parent sets):
 *
 * 1. the first attribute is drawn uniformly at random under DP (no data read);
 * 2. at each step every (X, Π) with X not yet placed and Π a *maximal* parent set among the placed
 *    attributes — |Π| ≤ maxParents and |dom X|·|dom Π| ≤ maxCells, no placed attribute addable —
 *    is a candidate; one is selected and X is placed with parents Π.
 *
 * Selection: without DP, the candidate with the largest bias-corrected mutual information I(X; Π)
 * (`correctedMutualInformation`, ties → first), and the first attribute is the one with the largest
 * total mutual information with the others (the most central; a random first node wastes
 * parent slots on weak links);
 * with DP, the exponential mechanism on PrivBayes' R score in count units,
 * R(X, Π) = ½ Σ_{x,π} |c(x,π) − c(x)·c(π)/n|. Adding or removing one row moves it by less than 2
 * (the joint cell moves by 1 and the product term's cells by a total below 3, see
 * `R_SCORE_SENSITIVITY`), whatever n — so the row count itself is not needed. PrivBayes reports R
 * beats mutual information under DP (whose sensitivity grows like log(n)/n) for non-binary domains.
 *
 * When a step has more than `maxCandidates` candidates, a seeded uniform subsample is scored (the
 * candidate list depends only on public domain sizes, so the subsample reads no data); on wide
 * tables, where even listing every parent set of size `maxParents` would take too long, the degree
 * of that step is lowered until at most 100,000 sets are listed.
 */
export interface Structure {
  /** Attributes in sampling (topological) order. */
  order: number[];
  /** Parents of each attribute (by attribute index). */
  parents: number[][];
}

export interface StructureData {
  codes: readonly Int32Array[];
  sizes: readonly number[];
  n: number;
}

export interface StructureOptions {
  maxParents: number;
  maxCells: number;
  maxCandidates: number;
  rng: Rng;
  /** Absent: mutual information, argmax. Present: R score, exponential mechanism, ε per step. */
  dp?: { accountant: PrivacyAccountant; epsilonPerStep: readonly number[] };
}

/** Sensitivity of the count-unit R score to adding or removing one row (a bound; the supremum is < 2). */
export const R_SCORE_SENSITIVITY = 2;

/** Child marginal `a` (k values), parent-configuration marginal `b`, and total `n` of a family table. */
function familyMargins(counts: Float64Array, k: number): { a: Float64Array; b: Float64Array; n: number } {
  const m = counts.length / k;
  const a = new Float64Array(k);
  const b = new Float64Array(m);
  let n = 0;
  for (let c = 0; c < m; c++) {
    for (let x = 0; x < k; x++) {
      const v = counts[c * k + x]!;
      a[x]! += v;
      b[c]! += v;
      n += v;
    }
  }
  return { a, b, n };
}

/**
 * Mutual information (nats) of a family table (configs × childSize counts).
 *
 * @example
 * mutualInformation(Float64Array.of(5, 0, 0, 5), 2); // => ln 2 ≈ 0.693
 */
export function mutualInformation(counts: Float64Array, childSize: number): number {
  const k = childSize;
  const m = counts.length / k;
  const { a, b, n } = familyMargins(counts, k);
  if (n <= 0) return 0;
  let mi = 0;
  for (let c = 0; c < m; c++) {
    if (b[c] === 0) continue;
    for (let x = 0; x < k; x++) {
      const v = counts[c * k + x]!;
      if (v > 0) mi += v * Math.log((v * n) / (a[x]! * b[c]!));
    }
  }
  return mi / n;
}

/**
 * Mutual information less its Miller–Madow bias under independence, (|X| − 1)(|Π| − 1)/(2n): the
 * plug-in estimate grows with the table's size even between independent columns, which would make
 * the greedy search prefer many-valued parents (e.g. a 10-bin noise column) over informative ones.
 * (G. Miller, "Note on the bias of information estimates", 1955; the G-test's degrees of freedom.)
 */
export function correctedMutualInformation(counts: Float64Array, childSize: number, n: number): number {
  const configs = counts.length / childSize;
  return mutualInformation(counts, childSize) - ((childSize - 1) * (configs - 1)) / (2 * Math.max(1, n));
}

/**
 * PrivBayes' R score in count units: ½ Σ |c(x,π) − c(x)c(π)/n| (n · the L1 distance between the
 * joint and the product of marginals, halved).
 *
 * @example
 * rScore(Float64Array.of(5, 0, 0, 5), 2); // => 5
 */
export function rScore(counts: Float64Array, childSize: number): number {
  const k = childSize;
  const m = counts.length / k;
  const { a, b, n } = familyMargins(counts, k);
  if (n <= 0) return 0;
  let s = 0;
  for (let c = 0; c < m; c++)
    for (let x = 0; x < k; x++) s += Math.abs(counts[c * k + x]! - (a[x]! * b[c]!) / n);
  return s / 2;
}

/** Maximal parent sets of `child` among `placed` (ascending attribute indices within each set). */
export function maximalParentSets(
  placed: readonly number[],
  child: number,
  sizes: readonly number[],
  maxParents: number,
  maxCells: number,
): number[][] {
  const out: number[][] = [];
  const sorted = [...placed].sort((x, y) => x - y);
  const fits = (cells: number, a: number) => cells * sizes[a]! <= maxCells;
  const walk = (start: number, set: number[], cells: number) => {
    let addable = false;
    if (set.length < maxParents) {
      for (const a of sorted) {
        if (!set.includes(a) && fits(cells, a)) {
          addable = true;
          break;
        }
      }
    }
    if (!addable) out.push([...set]);
    if (set.length >= maxParents) return;
    for (let j = start; j < sorted.length; j++) {
      const a = sorted[j]!;
      if (!fits(cells, a)) continue;
      set.push(a);
      walk(j + 1, set, cells * sizes[a]!);
      set.pop();
    }
  };
  walk(0, [], sizes[child]!);
  return out;
}

export function learnStructure(data: StructureData, opts: StructureOptions): Structure {
  const d = data.sizes.length;
  const parents: number[][] = Array.from({ length: d }, () => []);
  if (d === 0) return { order: [], parents };
  const first = opts.dp ? opts.rng.int(d) : mostCentral(data);
  const order = [first];
  const placed = new Set([first]);
  const pick = opts.rng.fork('candidates');
  for (let step = 1; step < d; step++) {
    let cands: { child: number; parents: number[] }[] = [];
    const k = enumerableDegree(order.length, d - order.length, opts.maxParents);
    for (let x = 0; x < d; x++) {
      if (placed.has(x)) continue;
      for (const p of maximalParentSets(order, x, data.sizes, k, opts.maxCells))
        cands.push({ child: x, parents: p });
    }
    if (cands.length > opts.maxCandidates) {
      const keep = pick.sampleIndices(cands.length, opts.maxCandidates);
      cands = Array.from(keep, (i) => cands[i]!);
    }
    const scores = scoreCandidates(
      cands,
      data,
      opts.dp ? rScore : (c, k) => correctedMutualInformation(c, k, data.n),
    );
    let chosen: number;
    if (opts.dp) {
      const eps = opts.dp.epsilonPerStep[step - 1]!;
      chosen = opts.dp.accountant.exponential(
        `structure step ${step} of ${d - 1} (${cands.length} candidates)`,
        scores,
        R_SCORE_SENSITIVITY,
        eps,
      );
    } else {
      chosen = 0;
      for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[chosen]!) chosen = i;
    }
    const c = cands[chosen]!;
    parents[c.child] = c.parents;
    order.push(c.child);
    placed.add(c.child);
  }
  return { order, parents };
}

/** Most parent sets enumerated per step before subsampling (wide tables lower the degree instead). */
const ENUMERATION_LIMIT = 100_000;

/** The largest in-degree ≤ maxParents whose parent sets (all subsets up to that size) stay enumerable. */
function enumerableDegree(placed: number, remaining: number, maxParents: number): number {
  let sets = 1;
  let binom = 1;
  for (let k = 1; k <= maxParents; k++) {
    binom = (binom * (placed - k + 1)) / k;
    sets += Math.max(0, binom);
    if (sets * remaining > ENUMERATION_LIMIT) return k - 1;
  }
  return maxParents;
}

/** The attribute with the largest total mutual information with all others. */
function mostCentral(data: StructureData): number {
  const d = data.sizes.length;
  const total = new Float64Array(d);
  for (let a = 0; a < d; a++)
    for (let b = a + 1; b < d; b++) {
      const mi = correctedMutualInformation(
        familyCounts(a, [b], data.codes, data.sizes, data.n),
        data.sizes[a]!,
        data.n,
      );
      total[a]! += mi;
      total[b]! += mi;
    }
  let best = 0;
  for (let a = 1; a < d; a++) if (total[a]! > total[best]!) best = a;
  return best;
}

function scoreCandidates(
  cands: readonly { child: number; parents: number[] }[],
  data: StructureData,
  score: (counts: Float64Array, childSize: number) => number,
): Float64Array {
  const cache = new Map<string, Int32Array>();
  const out = new Float64Array(cands.length);
  cands.forEach((c, i) => {
    const key = c.parents.join(',');
    let cfg = cache.get(key);
    if (!cfg) {
      cfg = configIndex(c.parents, data.codes, data.sizes, data.n);
      cache.set(key, cfg);
    }
    if (configCount(c.parents, data.sizes) === 0) return;
    out[i] = score(
      familyCounts(c.child, c.parents, data.codes, data.sizes, data.n, cfg),
      data.sizes[c.child]!,
    );
  });
  return out;
}
