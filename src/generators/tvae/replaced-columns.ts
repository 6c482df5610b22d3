import type { Rng } from '../../rng.js';
import type { ColumnSchema, IdColumnSchema, PiiColumnSchema } from '../../schema/types.js';
import { type Column, categoricalFromStrings } from '../../table/column.js';
import { dominantShape, generateIds, generatePii, generateText } from '../identifiers.js';

/**
 * Columns TVAE does not model but regenerates, with the same rules as the copula: `id` columns get
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
export type ReplacedColumnModel =
  | { name: string; kind: 'id' }
  | { name: string; kind: 'pii'; shape: string | null; nullRate: number }
  | { name: string; kind: 'text'; wordQuantiles: number[]; nullRate: number };

export function fitReplacedColumn(cs: ColumnSchema, col: Column, dp: boolean): ReplacedColumnModel {
  if (cs.sdtype === 'id') return { name: cs.name, kind: 'id' };
  const kind = cs.sdtype === 'pii' ? 'pii' : 'text';
  if (dp || col.kind !== 'categorical')
    return kind === 'pii'
      ? { name: cs.name, kind, shape: null, nullRate: 0 }
      : { name: cs.name, kind, wordQuantiles: [5], nullRate: 0 };
  const n = col.valid.size;
  const nullRate = n ? 1 - col.valid.count() / n : 0;
  const counts = new Array<number>(col.dictionary.length).fill(0);
  for (let i = 0; i < n; i++) if (col.valid.get(i)) counts[col.codes[i]!]!++;
  if (kind === 'pii') {
    const p = (cs as PiiColumnSchema).pii;
    const shape =
      p === 'phone' || p === 'ssn' || p === 'credit_card' ? dominantShape(col.dictionary, counts) : null;
    return { name: cs.name, kind, shape, nullRate };
  }
  const wc: number[] = [];
  col.dictionary.forEach((s, i) => {
    const w = s.trim().split(/\s+/).filter(Boolean).length;
    for (let r = 0; r < Math.min(counts[i]!, 50); r++) wc.push(w);
  });
  wc.sort((a, b) => a - b);
  const q = wc.length
    ? Array.from({ length: 11 }, (_, k) => wc[Math.round((k / 10) * (wc.length - 1))]!)
    : [5];
  return { name: cs.name, kind, wordQuantiles: q, nullRate };
}

export function sampleReplacedColumn(m: ReplacedColumnModel, cs: ColumnSchema, n: number, rng: Rng): Column {
  if (m.kind === 'id') return categoricalFromStrings(m.name, generateIds(cs as IdColumnSchema, n, rng));
  const vals: (string | null)[] =
    m.kind === 'pii'
      ? generatePii((cs as PiiColumnSchema).pii, n, rng, m.shape)
      : generateText(n, rng, m.wordQuantiles);
  const nrng = rng.fork('nulls');
  for (let i = 0; i < n; i++) if (nrng.uniform() < m.nullRate) vals[i] = null;
  return categoricalFromStrings(m.name, vals);
}
