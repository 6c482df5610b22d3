/**
 * Nearest synthetic records of attack targets, as Anonymeter 1.0's `MixedTypeKNeighbors` finds them
 * (`neighbors/mixed_types_kneighbors.py` + `preprocessing/transformations.py`): numeric columns scaled
 * by their range over synthetic ∪ targets, categorical mismatch 0/1, distance = sum over columns
 * (the ranking equals our mean distance's). Nulls follow our documented rule (null/null 0,
 * null/value 1) where Anonymeter's numba kernel counts null/null as 1 and lets null/value become NaN.
 * Ties are broken uniformly at random (Anonymeter's quicksort `argsort` breaks them arbitrarily).
 */
import type { Rng } from '../rng.js';
import type { AlignedColumn, AlignedTable } from './align.js';
import { distanceSpace, encodeRows } from './distance.js';
import { type NeighborResult, nearestNeighbors } from './nn-search.js';

/**
 * The `k` nearest rows of `synthetic` for every row of `targets`, on the columns `columns`
 * (indices into `alignedColumns`).
 *
 * @example
 * const nn = await anonymeterNeighbors(al.columns, syn, targets, [0, 3], 10, rng.fork('link:0'));
 * nn.idx[i * nn.k]; // index of target i's nearest synthetic row
 */
export async function anonymeterNeighbors(
  alignedColumns: readonly AlignedColumn[],
  synthetic: AlignedTable,
  targets: AlignedTable,
  columns: readonly number[],
  k: number,
  tieBreak: Rng,
  threads?: number,
): Promise<NeighborResult> {
  const alignment = { columns: alignedColumns, tables: [synthetic, targets] };
  const space = distanceSpace(alignment, [0, 1], columns);
  return nearestNeighbors(encodeRows(space, synthetic), encodeRows(space, targets), { k, tieBreak, threads });
}
