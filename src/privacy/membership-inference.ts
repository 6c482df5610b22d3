/**
 * Distance-based membership inference: can an attacker holding the synthetic table tell the people
 * it was trained on from people it never saw? Each training record (a member) and each holdout record
 * (a non-member), at equal sizes m = min(|train|, |holdout|), is scored by minus its distance to the
 * closest synthetic record (the DCR distance, training ranges; exact search); members of a memorizing
 * generator sit closer to synthetic rows.
 *
 * - AUC: probability that a random member scores above a random non-member (ties ½), with DeLong's
 *   variance (DeLong, DeLong & Clarke-Pearson 1988) and a normal 95 % interval clipped to [0, 1].
 *   0.5 = no better than guessing.
 * - TPR at 1 % FPR: the largest set "score > τ" that admits at most ⌊0.01·m⌋ non-members, and the share
 *   of members in it (Carlini et al. 2022's low-FPR view); CI by percentile bootstrap (members and
 *   non-members resampled separately with the seeded Rng), widened to include the point estimate.
 */
import type { Rng } from '../rng.js';
import { alignAuditTables } from './align.js';
import { distanceSpace, encodeRows } from './distance.js';
import { nearestNeighbors } from './nn-search.js';
import { type Estimate, zFor } from './stats.js';
import type { AuditTables, MetricResult } from './types.js';

export interface MembershipInferenceResult extends MetricResult {
  metric: 'membership-inference';
  auc: Estimate;
  tprAtFpr: Estimate & { fpr: number };
  /** Median distance of members and non-members to their closest synthetic record (mean-over-columns units). */
  medianDistance: { members: number; nonMembers: number };
}

export interface MembershipInferenceOptions {
  columns?: readonly string[];
  rng: Rng;
  /** Target false-positive rate. Default 0.01. */
  fpr?: number;
  /** Bootstrap resamples for the TPR interval. Default 200. */
  bootstrap?: number;
  threads?: number;
  confidence?: number;
  onProgress?: (fraction: number) => void;
}

function sortedCopy(a: ArrayLike<number>): Float64Array {
  return Float64Array.from(a).sort();
}

/** Count of values < x and == x in an ascending array. */
function rankIn(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  let eq = lo;
  let h2 = sorted.length;
  while (eq < h2) {
    const mid = (eq + h2) >>> 1;
    if (sorted[mid]! <= x) eq = mid + 1;
    else h2 = mid;
  }
  return lo + (eq - lo) / 2;
}

/**
 * AUC of scores (positives vs negatives) with DeLong's variance.
 *
 * @example
 * aucDeLong(Float64Array.of(3, 4), Float64Array.of(1, 2)).value; // => 1
 */
export function aucDeLong(pos: ArrayLike<number>, neg: ArrayLike<number>, confidence = 0.95): Estimate {
  const m = pos.length;
  const n = neg.length;
  if (m === 0 || n === 0) return { value: 0.5, ci: [0, 1], ciMethod: 'DeLong (empty)' };
  const sp = sortedCopy(pos);
  const sn = sortedCopy(neg);
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let auc = 0;
  for (let i = 0; i < m; i++) {
    v10[i] = rankIn(sn, pos[i]!) / n;
    auc += v10[i]!;
  }
  auc /= m;
  for (let j = 0; j < n; j++) v01[j] = 1 - rankIn(sp, neg[j]!) / m;
  const variance = (a: Float64Array, mean: number) => {
    if (a.length < 2) return 0;
    let s = 0;
    for (const x of a) s += (x - mean) ** 2;
    return s / (a.length - 1);
  };
  const se = Math.sqrt(variance(v10, auc) / m + variance(v01, auc) / n);
  const z = zFor(confidence);
  return {
    value: auc,
    ci: [Math.max(0, auc - z * se), Math.min(1, auc + z * se)],
    ciMethod: 'DeLong variance, normal interval',
  };
}

/**
 * True-positive rate of the best threshold rule "score > τ" with false-positive rate ≤ `fpr`.
 *
 * @example
 * tprAtFpr(Float64Array.of(5, 6), Float64Array.of(1, 2, 3), 0.34); // => 1
 */
export function tprAtFpr(pos: ArrayLike<number>, neg: ArrayLike<number>, fpr: number): number {
  if (pos.length === 0) return 0;
  const sn = sortedCopy(neg);
  const allowed = Math.floor(fpr * sn.length + 1e-9);
  if (allowed >= sn.length) return 1;
  const tau = sn[sn.length - 1 - allowed]!;
  let tp = 0;
  for (let i = 0; i < pos.length; i++) if (pos[i]! > tau) tp++;
  return tp / pos.length;
}

function resample(a: Float64Array, rng: Rng): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[rng.int(a.length)]!;
  return out;
}

/**
 * Run the distance-based membership-inference attack.
 *
 * @example
 * const r = await membershipInference({ train, synthetic, holdout }, { rng: new Rng(0) });
 * r.auc.value; // ≈ 0.5 when the generator does not memorize, → 1 for a copy of train
 */
export async function membershipInference(
  tables: AuditTables,
  opts: MembershipInferenceOptions,
): Promise<MembershipInferenceResult> {
  const confidence = opts.confidence ?? 0.95;
  const fpr = opts.fpr ?? 0.01;
  const B = opts.bootstrap ?? 200;
  const columns = opts.columns ?? tables.synthetic.names;
  const { alignment: al, train, synthetic, holdout } = alignAuditTables(tables, columns);
  const space = distanceSpace(al, [0]);
  const m = Math.min(train.numRows, holdout.numRows);
  const memberRows = opts.rng.fork('mia:members').sampleIndices(train.numRows, m);
  const nonMemberRows = opts.rng.fork('mia:non-members').sampleIndices(holdout.numRows, m);
  const synth = encodeRows(space, synthetic);
  const members = encodeRows(space, train, memberRows);
  const nonMembers = encodeRows(space, holdout, nonMemberRows);
  const a = await nearestNeighbors(synth, members, {
    k: 1,
    threads: opts.threads,
    onProgress: (f) => opts.onProgress?.(f / 2),
  });
  const b = await nearestNeighbors(synth, nonMembers, {
    k: 1,
    threads: opts.threads,
    onProgress: (f) => opts.onProgress?.(0.5 + f / 2),
  });
  const c = space.columnCount;
  const pos = Float64Array.from(a.dist, (d) => -d / c);
  const neg = Float64Array.from(b.dist, (d) => -d / c);
  const auc = aucDeLong(pos, neg, confidence);
  const tpr = tprAtFpr(pos, neg, fpr);
  const rng = opts.rng.fork('mia:bootstrap');
  const boot = new Float64Array(B);
  for (let i = 0; i < B; i++) boot[i] = tprAtFpr(resample(pos, rng), resample(neg, rng), fpr);
  boot.sort();
  const alpha = (1 - confidence) / 2;
  const q = (p: number) => boot[Math.min(B - 1, Math.max(0, Math.floor(p * B)))]!;
  const median = (x: Float64Array) => {
    const s = Float64Array.from(x, (v) => -v).sort();
    const h = s.length >> 1;
    return s.length === 0 ? Number.NaN : s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
  };
  return {
    metric: 'membership-inference',
    valueLabel: 'membership-inference AUC (0.5 = guessing)',
    ...auc,
    params: {
      columns: space.columnNames,
      membersAndNonMembers: m,
      syntheticRows: synth.n,
      score: 'minus the distance to the closest synthetic record (DCR distance, training ranges)',
      fpr,
      bootstrap: B,
    },
    auc,
    tprAtFpr: {
      value: tpr,
      ci: [Math.min(tpr, q(alpha)), Math.max(tpr, q(1 - alpha))],
      ciMethod: `percentile bootstrap (${B} resamples), widened to include the point estimate`,
      fpr,
    },
    medianDistance: { members: median(pos), nonMembers: median(neg) },
  };
}
