import type { ColumnSchema } from '../../schema/types.js';
import type { Column } from '../../table/column.js';
import { fitReplacedColumn as fitFromData, type ReplacedColumnModel } from '../copula.js';

export { type ReplacedColumnModel, sampleReplacedColumn } from '../copula.js';

/**
 * Columns TVAE does not model but regenerates, with the copula's rules and code (`copula.ts`): `id` columns get
 * fresh unique keys, `pii` columns fakes (keeping at most the dominant *shape* of phones, SSNs and
 * card numbers), `text` columns lorem text with the real word-count distribution (11 quantiles).
 * No real value is stored.
 *
 * Under DP nothing is learned from these columns (default shapes, 5-word texts, no nulls), so they
 * spend no privacy budget.
 *
 * @example
 * const m = fitReplacedColumn(schemaColumn, tableColumn, false);
 * sampleReplacedColumn(m, schemaColumn, 100, rng); // 100 fresh values
 */
export function fitReplacedColumn(cs: ColumnSchema, col: Column, dp: boolean): ReplacedColumnModel {
  if (cs.sdtype === 'id') return { name: cs.name, kind: 'id' };
  if (dp || col.kind !== 'categorical')
    return cs.sdtype === 'pii'
      ? { name: cs.name, kind: 'pii', shape: null, nullRate: 0 }
      : { name: cs.name, kind: 'text', wordQuantiles: [5], nullRate: 0 };
  return fitFromData(cs, col);
}
