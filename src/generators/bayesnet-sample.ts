import type { Rng } from '../rng.js';

/**
 * Ancestral sampling of a Bayesian network: attributes in topological order, each code drawn from
 * the cumulative conditional row of its parents' sampled configuration (inverse-CDF by binary
 * search over the row). One uniform per cell, drawn row by row, so a seed fixes every code.
 */
export function sampleCodes(
  order: readonly number[],
  parents: readonly (readonly number[])[],
  sizes: readonly number[],
  cumulative: readonly Float64Array[],
  n: number,
  rng: Rng,
): Int32Array[] {
  const codes = sizes.map(() => new Int32Array(n));
  for (const a of order) {
    const ps = parents[a]!;
    const k = sizes[a]!;
    const cum = cumulative[a]!;
    const out = codes[a]!;
    const pc = ps.map((p) => codes[p]!);
    const ps2 = ps.map((p) => sizes[p]!);
    for (let i = 0; i < n; i++) {
      let cfg = 0;
      for (let j = 0; j < pc.length; j++) cfg = cfg * ps2[j]! + pc[j]![i]!;
      const base = cfg * k;
      const u = rng.uniform();
      let lo = 0;
      let hi = k - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cum[base + mid]! <= u) lo = mid + 1;
        else hi = mid;
      }
      out[i] = lo;
    }
  }
  return codes;
}
