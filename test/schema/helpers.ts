import path from 'node:path';
import { DEFAULT_NA_TOKENS, type RawColumn, type RawTable } from '../../src/table/raw-table.js';

/** A raw column from strings, as ingest would build it: NA tokens and `null` become code -1. */
export function rawColumn(
  name: string,
  values: ReadonlyArray<string | null>,
  naTokens: readonly string[] = DEFAULT_NA_TOKENS,
): RawColumn {
  const na = new Set(naTokens);
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const counts: number[] = [];
  const nullTokens = new Map<string, number>();
  const codes = new Int32Array(values.length);
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null || na.has(v)) {
      codes[i] = -1;
      nullCount++;
      if (v !== null) nullTokens.set(v, (nullTokens.get(v) ?? 0) + 1);
      return;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = dictionary.length;
      dictionary.push(v);
      counts.push(0);
      index.set(v, c);
    }
    counts[c]!++;
    codes[i] = c;
  });
  let nullToken: string | null = null;
  let best = 0;
  for (const [t, n] of nullTokens) if (n > best) [nullToken, best] = [t, n];
  return { name, codes, dictionary, counts, nullCount, nullToken };
}

/** A raw table from columns of strings (all the same length). */
export function rawTable(
  columns: Record<string, ReadonlyArray<string | null>>,
  opts: { naTokens?: readonly string[]; path?: string } = {},
): RawTable {
  const naTokens = opts.naTokens ?? DEFAULT_NA_TOKENS;
  const cols = Object.entries(columns).map(([name, values]) => rawColumn(name, values, naTokens));
  return {
    source: { path: opts.path ?? 'test.csv', format: 'csv', sha256: '', bytes: 0, delimiter: ',', naTokens },
    numRows: cols[0]?.codes.length ?? 0,
    columns: cols,
  };
}

export const ADULT_CSV = path.resolve(import.meta.dirname, '../../../shared/datasets/adult.csv');
