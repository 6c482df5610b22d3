import type { RawColumn, RawTable } from '../table/raw-table.js';
import { detectBoolean } from './boolean-detect.js';
import { columnValues } from './column-values.js';
import { compileDatetimeFormat, formatDatetime, parseDatetime } from './datetime.js';
import { detectDatetimeFormat } from './datetime-detect.js';
import { headerWords } from './header-words.js';
import { detectId, isKeyHeader } from './id-detect.js';
import { detectNumeric } from './numeric-detect.js';
import { detectPii } from './pii-detect.js';
import { inferRole } from './roles.js';
import { isFreeText } from './text-detect.js';
import { type ColumnSchema, SCHEMA_VERSION, type SchemaDocument } from './types.js';

/**
 * Schema inference: one pass over each column's dictionary (each distinct value once, weighted by
 * its count), never over cells, so a 1M-row table costs its distinct values and a 100k-category
 * column costs 100k string checks.
 *
 * Each column gets the first sdtype that fits, in this order:
 *
 * 1. All null → `categorical` with no values (the generators then emit only nulls).
 * 2. `boolean`: exactly two distinct values forming a known pair (`boolean-detect.ts`; not `0/1`).
 * 3. `pii`: ≥ 90% of rows match an identifier pattern — email, URL, IPv4/IPv6, IBAN, payment card
 *    (Luhn), SSN `###-##-####`, phone (E.164 or grouped national forms) — or a name/address header
 *    with name-/address-like values (`pii-detect.ts`). Role `direct-identifier`.
 * 4. `id`: all values distinct and non-null (≥ 2 rows) with a key-like header, or an integer run /
 *    UUIDs (`id-detect.ts`). Role `key`.
 * 5. `datetime`: every value parses under one candidate format (`datetime-detect.ts`); `min`/`max`
 *    are written in that format.
 * 6. `numerical`: every value is a finite number in plain or exponent notation (`numeric-detect.ts`).
 *    `Infinity`, `inf` and values overflowing a double are not numbers, nor are codes with leading
 *    zeros or integers beyond ±2^53. A key-like header (`store_id`) with repeated values is
 *    categorical instead: averaging identifiers means nothing. A constant column is numerical
 *    with `min === max`.
 * 7. `text`: mostly distinct, long or wordy values (`text-detect.ts`).
 * 8. `categorical` otherwise, high-cardinality strings included.
 *
 * Roles come from header words (`roles.ts`): quasi-identifiers (age, sex, race, zip, country,
 * education, occupation, …), sensitive attributes (income, diagnosis, religion, …), else `none`.
 * A column with nulls records its commonest NA token as `nullToken` (omitted when it is `""`).
 *
 * @example
 * const schema = inferSchema(raw, { naTokens: ['?', ...DEFAULT_NA_TOKENS] });
 * schema.columns[0]; // => { name: 'age', sdtype: 'numerical', representation: 'integer', min: 17, max: 90, decimals: 0, role: 'quasi-identifier' }
 */
export function inferSchema(raw: RawTable, opts: { naTokens?: readonly string[] } = {}): SchemaDocument {
  const na = [...(opts.naTokens ?? raw.source.naTokens)];
  const naSet = new Set(na);
  return {
    synthgateSchema: SCHEMA_VERSION,
    na,
    columns: raw.columns.map((c) => inferColumn(c, naSet, raw.numRows)),
  };
}

/** One column's schema (see `inferSchema`). */
export function inferColumn(raw: RawColumn, na: ReadonlySet<string>, numRows: number): ColumnSchema {
  const cv = columnValues(raw, na);
  const h = headerWords(raw.name);
  const col = classify();
  col.role = inferRole(h, col.sdtype);
  if (cv.nulls > 0 && cv.nullToken !== null && cv.nullToken !== '') col.nullToken = cv.nullToken;
  return col;

  function classify(): ColumnSchema {
    const name = raw.name;
    if (cv.nonNull === 0) return { name, sdtype: 'categorical' };
    const bool = detectBoolean(cv);
    if (bool) return { name, sdtype: 'boolean', ...bool };
    const pii = detectPii(h, cv);
    if (pii) return { name, sdtype: 'pii', pii };
    const pattern = detectId(h, cv, numRows);
    if (pattern !== null) return { name, sdtype: 'id', pattern };
    const format = detectDatetimeFormat(cv, h);
    if (format !== null) return { name, sdtype: 'datetime', format, ...datetimeBounds(cv.values, format) };
    const num = detectNumeric(cv);
    if (num && !isKeyHeader(h)) return { name, sdtype: 'numerical', ...num };
    if (isFreeText(cv)) return { name, sdtype: 'text' };
    return { name, sdtype: 'categorical' };
  }
}

function datetimeBounds(values: readonly string[], format: string): { min: string; max: string } {
  const cf = compileDatetimeFormat(format);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of values) {
    const t = parseDatetime(s, cf)!;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return { min: formatDatetime(lo, cf), max: formatDatetime(hi, cf) };
}
