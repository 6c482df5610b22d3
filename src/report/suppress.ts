/**
 * Small-cell suppression for charts and tables that show real data.
 *
 * A report is often shared more widely than the data it describes, so it must not reveal an
 * individual: a histogram bar or category bar backed by 1–9 real rows can single out a person
 * (the one 90-year-old, the one rare job title). Every helper here guarantees that each displayed
 * cell holds either **zero** real rows or **at least `minCount`** real rows; smaller cells are merged
 * into a neighbour (numeric bins) or into an "Other" bucket (categories), and when even the merge
 * cannot reach `minCount` the whole chart is hidden. Numeric bins never use the real minimum or
 * maximum as an edge: the outer bins are open-ended (`< x`, `≥ y`), so outliers stay invisible.
 *
 * This is the usual statistical-disclosure-control rule of thumb (a threshold of 10 is common in
 * official statistics); it is not a formal guarantee like differential privacy.
 */

/** Cells with fewer real rows than this (but more than zero) are never shown. */
export const DEFAULT_MIN_CELL_COUNT = 10;

/** One displayed cell: a label and the real / synthetic counts behind it. */
export interface CountCell {
  label: string;
  real: number;
  synthetic: number;
}

/** A category cell after merging; `members` lists what an "Other" bucket holds (count only is shown). */
export interface MergedCategoryCell extends CountCell {
  /** Number of original categories merged into this cell (1 for a plain category). */
  merged: number;
  /** True for the "Other" bucket. */
  other: boolean;
}

export interface SuppressionResult<C> {
  cells: C[];
  /** True when nothing could be shown without revealing a small cell. */
  hidden: boolean;
  /** How many source cells were folded into others. */
  mergedCells: number;
}

/** True when a cell would reveal fewer than `minCount` (but some) real rows. */
export function isSmallCell(real: number, minCount: number): boolean {
  return real > 0 && real < minCount;
}

/**
 * Merge rare categories (fewer than `minCount` real rows) into one "Other" bucket, keep at most
 * `maxCategories` bars (the largest by real count, then synthetic count, then label), and grow the
 * "Other" bucket with the smallest kept categories until it is itself safe to show. Categories with
 * zero real rows (synthetic-only values) are not sensitive, but count toward `maxCategories`.
 *
 * @example
 * mergeSmallCategories(
 *   [{ label: 'a', real: 50, synthetic: 40 }, { label: 'b', real: 30, synthetic: 30 }, { label: 'c', real: 3, synthetic: 9 }],
 *   { minCount: 10 },
 * );
 * // => cells: 'a' (50), 'Other (2 categories)' (33): 'c' alone (3 rows) would be too small, so 'b' joins it.
 */
export function mergeSmallCategories(
  cells: readonly CountCell[],
  opts: { minCount?: number; maxCategories?: number; otherLabel?: (n: number) => string } = {},
): SuppressionResult<MergedCategoryCell> {
  const minCount = opts.minCount ?? DEFAULT_MIN_CELL_COUNT;
  const maxCategories = Math.max(1, opts.maxCategories ?? 20);
  const otherLabel =
    opts.otherLabel ?? ((n: number) => `Other (${n} ${n === 1 ? 'category' : 'categories'})`);
  const sorted = [...cells].sort(
    (a, b) =>
      b.real - a.real || b.synthetic - a.synthetic || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  );
  const kept: CountCell[] = [];
  const folded: CountCell[] = [];
  for (const c of sorted) {
    if (!isSmallCell(c.real, minCount) && kept.length < maxCategories) kept.push(c);
    else folded.push(c);
  }
  // Keep one slot for "Other" when something is folded.
  if (folded.length > 0 && kept.length >= maxCategories) folded.unshift(kept.pop()!);
  let otherReal = folded.reduce((s, c) => s + c.real, 0);
  // Grow "Other" with the smallest kept cells that have real rows until it is safe.
  while (isSmallCell(otherReal, minCount)) {
    let idx = -1;
    for (let i = kept.length - 1; i >= 0; i--) {
      if (kept[i]!.real > 0) {
        idx = i;
        break;
      }
    }
    if (idx < 0) break;
    const [moved] = kept.splice(idx, 1);
    folded.push(moved!);
    otherReal += moved!.real;
  }
  if (isSmallCell(otherReal, minCount)) {
    return { cells: [], hidden: true, mergedCells: cells.length };
  }
  const out: MergedCategoryCell[] = kept.map((c) => ({ ...c, merged: 1, other: false }));
  if (folded.length > 0) {
    out.push({
      label: otherLabel(folded.length),
      real: otherReal,
      synthetic: folded.reduce((s, c) => s + c.synthetic, 0),
      merged: folded.length,
      other: true,
    });
  }
  return { cells: out, hidden: false, mergedCells: folded.length };
}

/** A numeric bin `[lo, hi)`; `lo = -Infinity` / `hi = +Infinity` mark the open-ended outer bins. */
export interface BinCell extends CountCell {
  lo: number;
  hi: number;
}

/**
 * Merge ordered bins until every bin holds zero or at least `minCount` real rows: a small bin is
 * joined with its smaller-count neighbour (ties: the left one). Hidden when the total is small.
 *
 * @example
 * mergeSparseBins([{ lo: -Infinity, hi: 0, real: 2, synthetic: 1, label: '' }, { lo: 0, hi: Infinity, real: 40, synthetic: 41, label: '' }], 10);
 * // => one bin (-∞, ∞) with real 42
 */
export function mergeSparseBins(
  bins: readonly BinCell[],
  minCount = DEFAULT_MIN_CELL_COUNT,
): SuppressionResult<BinCell> {
  const work = bins.map((b) => ({ ...b }));
  let merges = 0;
  for (;;) {
    let small = -1;
    let smallest = Infinity;
    for (let i = 0; i < work.length; i++) {
      if (isSmallCell(work[i]!.real, minCount) && work[i]!.real < smallest) {
        smallest = work[i]!.real;
        small = i;
      }
    }
    if (small < 0) break;
    if (work.length === 1) return { cells: [], hidden: true, mergedCells: bins.length };
    const left = small > 0 ? work[small - 1]! : null;
    const right = small < work.length - 1 ? work[small + 1]! : null;
    const into = !right || (left && left.real <= right.real) ? small - 1 : small + 1;
    const a = work[Math.min(small, into)]!;
    const b = work[Math.max(small, into)]!;
    work.splice(Math.min(small, into), 2, {
      label: '',
      lo: a.lo,
      hi: b.hi,
      real: a.real + b.real,
      synthetic: a.synthetic + b.synthetic,
    });
    merges++;
  }
  return { cells: work, hidden: false, mergedCells: merges };
}

/**
 * Format a bin edge compactly: integers below 10,000 as they are (`1,250`), larger magnitudes with
 * k/M/B suffixes (`150k`, `1.2M`), other numbers with at most 4 significant digits.
 */
export function formatEdge(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const abs = Math.abs(x);
  const sign = x < 0 ? '−' : '';
  for (const [unit, suffix] of [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e4, 'k'],
  ] as const) {
    if (abs >= unit) {
      const scaled = suffix === 'k' ? abs / 1e3 : abs / unit;
      return `${sign}${Number(scaled.toPrecision(4)).toString()}${suffix}`;
    }
  }
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  if (abs < 1e-3) return x.toExponential(2);
  return Number(x.toPrecision(4)).toString();
}

/** The label of a (possibly open-ended) bin, e.g. `< 20`, `20 – 25`, `≥ 90`. */
export function binLabel(lo: number, hi: number, format: (x: number) => string = formatEdge): string {
  if (lo === -Infinity && hi === Infinity) return 'all values';
  if (lo === -Infinity) return `< ${format(hi)}`;
  if (hi === Infinity) return `≥ ${format(lo)}`;
  return `${format(lo)} – ${format(hi)}`;
}

/** Share of real rows left to each open-ended tail bin of {@link privacySafeHistogram} (at least minCount rows). */
export const TAIL_SHARE = 0.005;

/** A "nice" step (1, 2, 2.5 or 5 × 10^k) close to `span / target`; at least 1 for integer data. */
export function niceStep(span: number, target: number, integer: boolean): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  let step = 10 * mag;
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  }
  return integer ? Math.max(1, Math.ceil(step)) : step;
}

/**
 * A privacy-safe histogram of a real and a synthetic numeric sample, on shared bins.
 *
 * The inner range runs from the k-th smallest to the k-th largest real value, k = max(minCount,
 * 0.5 % of the rows) (so at least `minCount` real rows lie beyond each end, and a long tail does not
 * squash the chart), split into about `targetBins` equal,
 * nicely rounded bins; values outside fall into open-ended tail bins; then {@link mergeSparseBins}
 * removes every bin with 1..minCount-1 real rows. Neither the real minimum nor maximum appears.
 *
 * @param real finite real values (any order; nulls already removed)
 * @param synthetic finite synthetic values
 * @example
 * const h = privacySafeHistogram(Float64Array.from([1, 2, 3 … ]), Float64Array.from([…]), { minCount: 10 });
 * h.cells.map((c) => c.label); // => ['< 10', '10 – 15', …, '≥ 80']
 */
export function privacySafeHistogram(
  real: Float64Array,
  synthetic: Float64Array,
  opts: {
    minCount?: number;
    targetBins?: number;
    format?: (x: number) => string;
    /** Allowed bin widths, ascending (e.g. {@link TIME_STEPS_MS} for datetimes); default: nice 1/2/2.5/5 × 10^k. */
    steps?: readonly number[];
  } = {},
): SuppressionResult<BinCell> {
  const minCount = opts.minCount ?? DEFAULT_MIN_CELL_COUNT;
  const targetBins = opts.targetBins ?? 20;
  const n = real.length;
  if (n === 0) return { cells: [], hidden: true, mergedCells: 0 };
  if (n < minCount) return { cells: [], hidden: true, mergedCells: 0 };
  const sorted = Float64Array.from(real).sort();
  // At least minCount real rows (and 0.5 % of them) lie beyond each end of the inner range.
  const k = Math.max(1, minCount, Math.ceil(n * TAIL_SHARE));
  const lo = sorted[Math.min(n - 1, k - 1)]!;
  const hi = sorted[Math.max(0, n - k)]!;
  let integer = true;
  for (let i = 0; i < n && integer; i++) if (!Number.isInteger(sorted[i]!)) integer = false;
  const edges: number[] = [];
  if (hi > lo) {
    const step = opts.steps
      ? pickStep(hi - lo, targetBins, opts.steps)
      : niceStep(hi - lo, targetBins, integer);
    const start = Math.floor(lo / step) * step;
    for (let e = start, i = 0; i <= targetBins * 3 + 2; i++) {
      e = start + i * step;
      edges.push(clean(e, step));
      if (e >= hi) break;
    }
  } else {
    edges.push(lo);
  }
  // Bins: (-∞, e0), [e0, e1), …, [e_last, ∞).
  const bins: BinCell[] = [];
  const bounds = [-Infinity, ...edges, Infinity];
  for (let i = 0; i + 1 < bounds.length; i++)
    bins.push({ label: '', lo: bounds[i]!, hi: bounds[i + 1]!, real: 0, synthetic: 0 });
  const place = (x: number): number => {
    // Number of edges ≤ x = index of the bin holding x.
    let a = 0;
    let b = edges.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (edges[m]! <= x) a = m + 1;
      else b = m;
    }
    return a;
  };
  for (let i = 0; i < n; i++) bins[place(sorted[i]!)]!.real++;
  for (let i = 0; i < synthetic.length; i++) {
    const x = synthetic[i]!;
    if (!Number.isNaN(x)) bins[place(x)]!.synthetic++;
  }
  // Drop empty outer bins (no real and no synthetic rows) so the chart starts where data starts.
  while (bins.length > 1 && bins[0]!.real === 0 && bins[0]!.synthetic === 0) {
    bins.shift();
    bins[0]!.lo = -Infinity;
  }
  while (bins.length > 1 && bins[bins.length - 1]!.real === 0 && bins[bins.length - 1]!.synthetic === 0) {
    bins.pop();
    bins[bins.length - 1]!.hi = Infinity;
  }
  const merged = mergeSparseBins(bins, minCount);
  const format = opts.format ?? formatEdge;
  for (const c of merged.cells) c.label = binLabel(c.lo, c.hi, format);
  return merged;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Bin widths for epoch-millisecond datetimes: seconds to decades, all whole days from a day up, so
 * edges fall on midnight UTC (the epoch starts at midnight) and label as plain dates.
 */
export const TIME_STEPS_MS: readonly number[] = [
  SECOND,
  5 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  61 * DAY,
  91 * DAY,
  182 * DAY,
  365 * DAY,
  730 * DAY,
  1826 * DAY,
  3652 * DAY,
];

/** The smallest allowed step giving at most about `target` bins over `span` (multiples of the largest beyond). */
export function pickStep(span: number, target: number, steps: readonly number[]): number {
  const raw = span / Math.max(1, target);
  for (const s of steps) if (s >= raw) return s;
  const last = steps[steps.length - 1]!;
  return Math.ceil(raw / last) * last;
}

/** Round away floating noise from `start + i·step` (e.g. 0.30000000000000004 → 0.3). */
function clean(x: number, step: number): number {
  const decimals = Math.max(0, Math.min(12, -Math.floor(Math.log10(step)) + 2));
  return Number(x.toFixed(decimals));
}
