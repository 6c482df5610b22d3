/**
 * Contingency tables of the Bayesian network: counts of a child attribute jointly with its parents
 * ("family"), and the conditional distributions P(child | parents) sampled from.
 *
 * Layout: the parent configuration index is mixed-radix over the parents' codes (the first parent
 * varies slowest); a family table is `configs × childSize`, row-major by configuration.
 */

/** Number of parent configurations: the product of the parents' domain sizes. */
export function configCount(parents: readonly number[], sizes: readonly number[]): number {
  let m = 1;
  for (const p of parents) m *= sizes[p]!;
  return m;
}

/** Configuration index of every row for a parent set (all zeros for no parents). */
export function configIndex(
  parents: readonly number[],
  codes: readonly Int32Array[],
  sizes: readonly number[],
  n: number,
): Int32Array {
  const out = new Int32Array(n);
  for (const p of parents) {
    const s = sizes[p]!;
    const c = codes[p]!;
    for (let i = 0; i < n; i++) out[i] = out[i]! * s + c[i]!;
  }
  return out;
}

/** Joint counts of (parents configuration, child): Float64Array of configs × childSize. */
export function familyCounts(
  child: number,
  parents: readonly number[],
  codes: readonly Int32Array[],
  sizes: readonly number[],
  n: number,
  configs?: Int32Array,
): Float64Array {
  const k = sizes[child]!;
  const cfg = configs ?? configIndex(parents, codes, sizes, n);
  const out = new Float64Array(configCount(parents, sizes) * k);
  const x = codes[child]!;
  for (let i = 0; i < n; i++) out[cfg[i]! * k + x[i]!]!++;
  return out;
}

/**
 * Cumulative conditional distributions from (possibly noisy) family counts: negative counts
 * clipped to 0, each configuration's row normalized; a row without mass falls back to the child's
 * marginal over the whole table (and to uniform when the table has no mass at all). The last
 * cumulative value of each row is exactly 1.
 *
 * @example
 * conditionalFromCounts(Float64Array.of(3, 1, 0, 0), 2); // => [0.75, 1, 0.75, 1]: config 1 has no rows, uses the marginal
 */
export function conditionalFromCounts(counts: Float64Array, childSize: number): Float64Array {
  const k = childSize;
  const m = counts.length / k;
  const marginal = new Float64Array(k);
  for (let c = 0; c < m; c++) for (let x = 0; x < k; x++) marginal[x]! += Math.max(0, counts[c * k + x]!);
  let mt = 0;
  for (let x = 0; x < k; x++) mt += marginal[x]!;
  const out = new Float64Array(counts.length);
  for (let c = 0; c < m; c++) {
    let t = 0;
    for (let x = 0; x < k; x++) t += Math.max(0, counts[c * k + x]!);
    let acc = 0;
    for (let x = 0; x < k; x++) {
      const v = Math.max(0, counts[c * k + x]!);
      acc += t > 0 ? v / t : mt > 0 ? marginal[x]! / mt : 1 / k;
      out[c * k + x] = x === k - 1 ? 1 : acc;
    }
  }
  return out;
}

/**
 * Counts of a sub-family from a family table that contains it: sums out the attributes of `from`
 * that `to` lacks. `from` and `to` list attributes as [child, ...parents] in table layout order
 * (parents first in the index, child last).
 */
export function marginalizeFamily(
  counts: Float64Array,
  from: { child: number; parents: readonly number[] },
  to: { child: number; parents: readonly number[] },
  sizes: readonly number[],
): Float64Array {
  const fromAttrs = [...from.parents, from.child];
  const toAttrs = [...to.parents, to.child];
  const pos = toAttrs.map((a) => fromAttrs.indexOf(a));
  if (pos.some((p) => p < 0)) throw new Error('sub-family is not contained in the family');
  const fromSizes = fromAttrs.map((a) => sizes[a]!);
  const toSizes = toAttrs.map((a) => sizes[a]!);
  const out = new Float64Array(toSizes.reduce((s, v) => s * v, 1));
  const digits = new Array<number>(fromAttrs.length).fill(0);
  for (let idx = 0; idx < counts.length; idx++) {
    let r = idx;
    for (let j = fromAttrs.length - 1; j >= 0; j--) {
      digits[j] = r % fromSizes[j]!;
      r = Math.floor(r / fromSizes[j]!);
    }
    let t = 0;
    for (let j = 0; j < toAttrs.length; j++) t = t * toSizes[j]! + digits[pos[j]!]!;
    out[t]! += counts[idx]!;
  }
  return out;
}
