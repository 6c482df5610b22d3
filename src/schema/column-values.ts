import type { RawColumn } from '../table/raw-table.js';

/**
 * A raw column's distinct non-null values with their counts — what inference and summaries look at
 * instead of cells. NA tokens given to the schema (`na`) that ingest did not already null out are
 * treated as nulls here, so `inferSchema(raw, { naTokens })` and `materialize` agree.
 */
export interface ColumnValues {
  readonly name: string;
  /** Distinct non-null values (dictionary entries with a count, minus NA tokens). */
  readonly values: readonly string[];
  /** Occurrences of each value. */
  readonly counts: readonly number[];
  readonly nonNull: number;
  readonly nulls: number;
  /** The NA token seen most often for this column (ingest's or a schema one), or null when none. */
  readonly nullToken: string | null;
}

/**
 * Per dictionary entry, whether it is an NA token of `na` (then it reads as null).
 * Returns null when no entry is, so callers can skip remapping.
 */
export function naEntries(raw: RawColumn, na: ReadonlySet<string>): Uint8Array | null {
  let flags: Uint8Array | null = null;
  raw.dictionary.forEach((s, k) => {
    if (!na.has(s)) return;
    flags ??= new Uint8Array(raw.dictionary.length);
    flags[k] = 1;
  });
  return flags;
}

/**
 * Distinct non-null values of a raw column with counts.
 *
 * @example
 * // raw: a column holding 'a', 'b', 'a', '?'
 * columnValues(raw, new Set(['?'])).values; // => ['a', 'b']
 */
export function columnValues(raw: RawColumn, na: ReadonlySet<string>): ColumnValues {
  const values: string[] = [];
  const counts: number[] = [];
  let nonNull = 0;
  let nulls = raw.nullCount;
  let nullToken = raw.nullToken;
  let nullTokenCount = raw.nullCount;
  raw.dictionary.forEach((s, k) => {
    const c = raw.counts[k] ?? 0;
    if (c <= 0) return;
    if (na.has(s)) {
      nulls += c;
      if (c > nullTokenCount || nullToken === null) {
        nullToken = s;
        nullTokenCount = c;
      }
      return;
    }
    values.push(s);
    counts.push(c);
    nonNull += c;
  });
  return { name: raw.name, values, counts, nonNull, nulls, nullToken };
}

/**
 * At least `share` of the non-null rows (by count) hold a value passing `test`. Stops as soon as the
 * misses rule it out, so a column of non-matching values costs a fraction of its dictionary.
 */
export function mostlyMatch(cv: ColumnValues, test: (s: string) => boolean, share: number): boolean {
  if (cv.nonNull === 0) return false;
  const budget = (1 - share) * cv.nonNull;
  let missed = 0;
  for (let k = 0; k < cv.values.length; k++) {
    if (test(cv.values[k]!)) continue;
    missed += cv.counts[k]!;
    if (missed > budget) return false;
  }
  return true;
}

/** Every value passes `test` (stops at the first that does not). */
export function allMatch(cv: ColumnValues, test: (s: string) => boolean): boolean {
  for (const s of cv.values) if (!test(s)) return false;
  return true;
}
