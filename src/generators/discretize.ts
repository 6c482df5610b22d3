/**
 * Discretization of numeric (numerical, datetime) columns for generators that work on codes
 * (the Bayesian network). Two regimes:
 *
 * - **From the data** (no differential privacy): `quantileBins` cuts the sorted values into at
 *   most `maxBins` bins of about equal mass, never splitting a repeated value (a point mass such as
 *   capital-gain = 0 becomes one bin of its own). Each bin remembers its ECDF interval so a value
 *   can be drawn back *inside* the bin from the column's fitted marginal (marginals.ts).
 * - **Public** (differential privacy): `publicGrid` cuts the schema's [min, max] — public
 *   knowledge, no data read — into fine cells; `groupContiguous` then merges cells into coarse bins
 *   of about equal mass, using a *noisy* histogram of the cells (post-processing, no extra privacy
 *   cost). Values are drawn back by picking a cell by its noisy mass, then uniformly inside it.
 */

export interface QuantileBins {
  /** Largest value of each bin, ascending: a value belongs to the first bin whose `upper` ≥ it (the last bin takes anything above). */
  upper: number[];
  /** ECDF interval of each bin: P(X < lowest value of the bin) … P(X ≤ upper). */
  uLo: number[];
  uHi: number[];
}

/**
 * At most `maxBins` bins, ties never split. A value held by at least n/maxBins rows (a point mass,
 * e.g. capital-gain = 0 for 92 % of Adult) is a bin of its own; the other values are cut into the
 * remaining bins at about equal counts, so the tail beside a point mass keeps its resolution.
 * Needs an ascending, NaN-free sample.
 *
 * @example
 * quantileBins(Float64Array.of(0, 0, 0, 0, 1, 2, 3, 4), 4); // => upper [0, 2, 4]: the zeros are one bin, the rest split in two
 */
export function quantileBins(sorted: Float64Array, maxBins: number): QuantileBins {
  const n = sorted.length;
  const upper: number[] = [];
  const uLo: number[] = [];
  const uHi: number[] = [];
  if (n === 0) return { upper, uLo, uHi };
  // Runs of equal values: [start, end) per distinct value.
  const runs: [number, number][] = [];
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    runs.push([i, j]);
    i = j;
  }
  const heavy = (r: [number, number]) => r[1] - r[0] >= n / maxBins;
  let heavyRows = 0;
  let heavyCount = 0;
  for (const r of runs) {
    if (!heavy(r)) continue;
    heavyRows += r[1] - r[0];
    heavyCount++;
  }
  const target = (n - heavyRows) / Math.max(1, maxBins - heavyCount);
  let binStart = -1;
  let acc = 0;
  const close = (end: number) => {
    upper.push(sorted[end - 1]!);
    uLo.push(binStart / n);
    uHi.push(end / n);
    binStart = -1;
    acc = 0;
  };
  for (const r of runs) {
    if (heavy(r)) {
      if (binStart >= 0) close(r[0]);
      binStart = r[0];
      close(r[1]);
      continue;
    }
    if (binStart < 0) binStart = r[0];
    acc += r[1] - r[0];
    if (acc >= target - 1e-9) close(r[1]);
  }
  if (binStart >= 0) close(n);
  // Runs of light values between point masses can leave more bins than asked: merge the lightest
  // adjacent pair until the count fits.
  while (upper.length > maxBins) {
    let best = 0;
    for (let b = 1; b < upper.length - 1; b++)
      if (uHi[b + 1]! - uLo[b]! < uHi[best + 1]! - uLo[best]!) best = b;
    upper.splice(best, 1);
    uHi.splice(best, 1);
    uLo.splice(best + 1, 1);
  }
  return { upper, uLo, uHi };
}

/** Index of the first entry of an ascending array that is ≥ v (the last index when none is). */
export function binOf(upper: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = upper.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (upper[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Fine cells over public bounds. Integers: one cell per integer when the range holds at most
 * `cells` integers, else the bounds as point cells {min} and {max} and the integers between
 * them in `cells − 2` runs of equal length. Floats and datetimes: {min}, `cells − 2` equal-width
 * cells over the open interval, {max}. Point cells at the bounds keep masses that real data often
 * puts there (zero-inflated amounts, values clipped or top-coded at a bound).
 */
export interface PublicGrid {
  integer: boolean;
  /** Cell c covers [lo[c], hi[c]] (integers: every integer in it; floats: lo ≤ x < hi, or the point lo when lo = hi). */
  lo: number[];
  hi: number[];
}

/**
 * @example
 * publicGrid(0, 3, true, 10); // => cells {0} {1} {2} {3}
 * publicGrid(0, 10, false, 4); // => cells {0} [0, 5) [5, 10) {10}
 */
export function publicGrid(min: number, max: number, integer: boolean, cells: number): PublicGrid {
  const lo: number[] = [];
  const hi: number[] = [];
  const cell = (a: number, b: number) => {
    lo.push(a);
    hi.push(b);
  };
  if (!(max > min)) return { integer, lo: [min], hi: [min] };
  if (integer) {
    const a = Math.ceil(min);
    const b = Math.floor(max);
    const count = b - a + 1;
    if (count <= 1)
      return {
        integer,
        lo: [Math.max(a, Math.min(b, Math.round(min)))],
        hi: [Math.max(a, Math.min(b, Math.round(min)))],
      };
    if (count <= cells) {
      for (let v = a; v <= b; v++) cell(v, v);
      return { integer, lo, hi };
    }
    cell(a, a);
    const inner = b - a - 1;
    const runs = Math.max(1, cells - 2);
    for (let r = 0; r < runs; r++) {
      const s = a + 1 + Math.floor((r * inner) / runs);
      const e = a + Math.floor(((r + 1) * inner) / runs);
      if (e >= s) cell(s, e);
    }
    cell(b, b);
    return { integer, lo, hi };
  }
  const runs = Math.max(1, cells - 2);
  const w = (max - min) / runs;
  cell(min, min);
  for (let r = 0; r < runs; r++) cell(min + r * w, r === runs - 1 ? max : min + (r + 1) * w);
  cell(max, max);
  return { integer, lo, hi };
}

/** The cell of a value, clamped to the grid (values outside the bounds go to the end cells). */
export function cellOf(grid: PublicGrid, v: number): number {
  const { lo, hi } = grid;
  const last = lo.length - 1;
  if (v <= lo[0]!) return 0;
  if (v >= hi[last]!) return last;
  if (grid.integer) {
    const x = Math.round(v);
    let a = 0;
    let b = last;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (hi[mid]! < x) a = mid + 1;
      else b = mid;
    }
    return a;
  }
  // Floats: the last cell whose lo ≤ v among the interval cells (the first cell is the point {min}).
  let a = 1;
  let b = last - 1;
  while (a < b) {
    const mid = (a + b + 1) >>> 1;
    if (lo[mid]! <= v) a = mid;
    else b = mid - 1;
  }
  return a;
}

/**
 * Contiguous groups of cells of about equal mass: at most `groups` groups, cut after the cell where
 * the running mass crosses the next k/groups; a cell heavier than 1/groups gets a group of its own.
 * Returns the group of each cell.
 *
 * @example
 * groupContiguous([0.9, 0.02, 0.03, 0.05], 4); // => [0, 1, 1, 1]
 */
export function groupContiguous(mass: ArrayLike<number>, groups: number): number[] {
  const m = mass.length;
  let total = 0;
  for (let c = 0; c < m; c++) total += mass[c]!;
  const out = new Array<number>(m).fill(0);
  if (total <= 0 || groups <= 1) return out;
  let g = 0;
  let cum = 0;
  let k = 1;
  for (let c = 0; c < m; c++) {
    out[c] = g;
    cum += mass[c]!;
    if (k < groups && cum >= (k * total) / groups - 1e-12 * total) {
      while (k < groups && (k * total) / groups <= cum + 1e-12 * total) k++;
      if (c < m - 1) g++;
    }
  }
  // A trailing group that got only massless cells is merged into the one before it.
  const last = out[m - 1]!;
  if (last > 0) {
    let mass0 = 0;
    for (let c = 0; c < m; c++) if (out[c] === last) mass0 += mass[c]!;
    if (mass0 <= 0) for (let c = 0; c < m; c++) if (out[c] === last) out[c] = last - 1;
  }
  return out;
}

/**
 * Groups for an unordered domain: each value with share ≥ `minShare` is a group of its own, the
 * rest share one group (or keep their own when only one is rare). Group ids follow first appearance.
 *
 * @example
 * groupRare([0.6, 0.3, 0.05, 0.05], 0.1); // => [0, 1, 2, 2]
 */
export function groupRare(mass: ArrayLike<number>, minShare: number): number[] {
  const m = mass.length;
  let total = 0;
  for (let c = 0; c < m; c++) total += mass[c]!;
  const rare = new Array<boolean>(m).fill(false);
  let rareCount = 0;
  for (let c = 0; c < m; c++) {
    if (total > 0 && mass[c]! >= minShare * total) continue;
    rare[c] = true;
    rareCount++;
  }
  const out = new Array<number>(m).fill(-1);
  let g = 0;
  let rareGroup = -1;
  for (let c = 0; c < m; c++) {
    if (rareCount > 1 && rare[c]) {
      if (rareGroup < 0) rareGroup = g++;
      out[c] = rareGroup;
    } else out[c] = g++;
  }
  return out;
}
