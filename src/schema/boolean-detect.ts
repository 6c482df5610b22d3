import type { ColumnValues } from './column-values.js';

/**
 * Boolean columns: exactly two distinct values that form a known pair, compared case-insensitively
 * (`true/false`, `yes/no`, `y/n`, `t/f`, so also `TRUE/FALSE`, `Yes/No`). The schema keeps the
 * source's own spelling as `trueToken`/`falseToken`. `0/1` is deliberately not a pair: it stays a
 * numerical integer column, which models it just as well and writes it back unchanged.
 */
export const BOOLEAN_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['true', 'false'],
  ['yes', 'no'],
  ['y', 'n'],
  ['t', 'f'],
];

/**
 * The column's true and false tokens, or null when it is not boolean.
 *
 * @example
 * detectBoolean(values(['No', 'Yes', 'Yes'])); // => { trueToken: 'Yes', falseToken: 'No' }
 */
export function detectBoolean(cv: ColumnValues): { trueToken: string; falseToken: string } | null {
  if (cv.values.length !== 2) return null;
  const [a, b] = cv.values as [string, string];
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  for (const [t, f] of BOOLEAN_PAIRS) {
    if (la === t && lb === f) return { trueToken: a, falseToken: b };
    if (la === f && lb === t) return { trueToken: b, falseToken: a };
  }
  return null;
}
