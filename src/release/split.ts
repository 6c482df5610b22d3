import type { Rng } from '../rng.js';

/**
 * Deterministic train/holdout split: a seeded permutation, the first round(n·(1−f)) rows train.
 * Returned as sorted index arrays (rows keep their source order inside each part).
 */
export function splitHoldout(
  n: number,
  fraction: number,
  rng: Rng,
): { train: Uint32Array; holdout: Uint32Array } {
  const perm = rng.permutation(n);
  const nHold = Math.max(1, Math.min(n - 1, Math.round(n * fraction)));
  const train = perm.slice(0, n - nHold).sort();
  const holdout = perm.slice(n - nHold).sort();
  return { train, holdout };
}
