/**
 * Random rows "within real bounds", the baseline of DCR: each column drawn independently, uniformly —
 * integers in [min, max] for integer-valued numeric columns, reals in [min, max) otherwise, one of the
 * distinct observed categories for categorical columns — with nulls at the column's real null rate.
 * This is SDMetrics 0.29's `DCRBaselineProtection._generate_random_data`, on our seeded Rng.
 */
import type { Rng } from '../rng.js';
import type { AlignedColumn, AlignedTable } from './align.js';

/**
 * `n` random rows shaped like `real` (same aligned columns and codes).
 *
 * @example
 * const random = randomBaselineRows(alignment.columns, alignment.tables[0], 1000, new Rng(0));
 */
export function randomBaselineRows(
  columns: readonly AlignedColumn[],
  real: AlignedTable,
  n: number,
  rng: Rng,
): AlignedTable {
  const data = columns.map((col, c) => {
    const src = real.data[c]!;
    const r = rng.fork(`random-baseline:${col.name}`);
    let nulls = 0;
    if (src instanceof Float64Array) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      let integer = true;
      for (let i = 0; i < src.length; i++) {
        const x = src[i]!;
        if (Number.isNaN(x)) {
          nulls++;
          continue;
        }
        if (x < lo) lo = x;
        if (x > hi) hi = x;
        if (integer && !Number.isInteger(x)) integer = false;
      }
      const nullRate = src.length ? nulls / src.length : 0;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        if (!(lo <= hi) || r.uniform() < nullRate) out[i] = Number.NaN;
        else if (integer) out[i] = lo + r.int(hi - lo + 1);
        else out[i] = lo + r.uniform() * (hi - lo);
      }
      return out;
    }
    const seen = new Set<number>();
    for (let i = 0; i < src.length; i++) {
      if (src[i]! < 0) nulls++;
      else seen.add(src[i]!);
    }
    const values = [...seen].sort((a, b) => a - b);
    const nullRate = src.length ? nulls / src.length : 0;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++)
      out[i] = values.length === 0 || r.uniform() < nullRate ? -1 : values[r.int(values.length)]!;
    return out;
  });
  return { numRows: n, data };
}
