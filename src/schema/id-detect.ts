import type { ColumnValues } from './column-values.js';
import type { HeaderWords } from './header-words.js';
import { scanNumber } from './number-text.js';

/**
 * Key columns. A column is an `id` when every row holds a distinct non-null value (at least 2 rows)
 * and either its header says key (`id`, `*_id`, `customerID`, `key`, `uuid`, `guid`, `pk`,
 * `identifier`) or its values are a row number (a permutation of 0…n−1 or 1…n: a run starting elsewhere, such as
 * years 2001–2020, is data) or all UUIDs.
 * The schema keeps only a `pattern` to regenerate keys from: `integer`, `uuid`, or the commonest
 * shape of the values (`AA-0000`: A = letter, 0 = digit, other characters literal).
 */
export const KEY_WORDS = ['id', 'key', 'uuid', 'guid', 'pk', 'identifier'];

/** A key-like header: last word is one of KEY_WORDS, or the whole header is `rowid`/`index`. */
export function isKeyHeader(h: HeaderWords): boolean {
  return KEY_WORDS.includes(h.last) || h.joined === 'rowid' || h.joined === 'index';
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}

/**
 * Shape of a value: letters → `A`, digits → `0`, anything else kept.
 *
 * @example
 * shapeOf('ORD-0042'); // => 'AAA-0000'
 */
export function shapeOf(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') out += '0';
    else if (/\p{L}/u.test(ch)) out += 'A';
    else out += ch;
  }
  return out;
}

/** Canonical integer text (no leading zeros, no decimals, within ±2^53), as its value; else null. */
function canonicalInteger(s: string): number | null {
  const n = scanNumber(s);
  if (!n || n.decimals > 0 || n.leadingZero || !Number.isSafeInteger(n.value) || /[.eE+]/.test(s))
    return null;
  return n.value;
}

/** The commonest shape; ties go to the longer (roomier) shape, then the alphabetically first. */
function dominantShape(values: readonly string[]): string {
  const tally = new Map<string, number>();
  for (const v of values) {
    const s = shapeOf(v);
    tally.set(s, (tally.get(s) ?? 0) + 1);
  }
  let best = '';
  let bestN = 0;
  for (const [s, n] of tally) {
    const better =
      n > bestN || (n === bestN && (s.length > best.length || (s.length === best.length && s < best)));
    if (better) [best, bestN] = [s, n];
  }
  return best;
}

/** Every row distinct and non-null, with at least two rows. */
export function isUniqueColumn(cv: ColumnValues, numRows: number): boolean {
  return numRows >= 2 && cv.nulls === 0 && cv.values.length === numRows;
}

/**
 * The id pattern of a column, or null when it is not a key column (see the module doc).
 *
 * @example
 * detectId(headerWords('order_id'), values(['ORD-001', 'ORD-002']), 2); // => 'AAA-000'
 */
export function detectId(h: HeaderWords, cv: ColumnValues, numRows: number): string | null {
  if (!isUniqueColumn(cv, numRows)) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integers = true;
  for (const s of cv.values) {
    const v = canonicalInteger(s);
    if (v === null) {
      integers = false;
      break;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const keyHeader = isKeyHeader(h);
  if (integers && (keyHeader || ((min === 0 || min === 1) && max - min + 1 === numRows))) return 'integer';
  if (cv.values.every(isUuid)) return 'uuid';
  return keyHeader ? dominantShape(cv.values) : null;
}
