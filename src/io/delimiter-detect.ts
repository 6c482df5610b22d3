/** Delimiters tried, in order of preference when several fit equally well. */
export const DELIMITER_CANDIDATES: readonly string[] = [',', ';', '\t', '|'];

/**
 * Guesses a CSV delimiter from the first part of a file: counts each candidate outside double quotes in
 * every record (a quoted newline does not end a record), then prefers a candidate that occurs the same
 * non-zero number of times in every record (the most occurrences wins among those); failing that, the one
 * whose header count is matched by the most records; failing that, a comma (a single-column file).
 * When `complete` is false the last, possibly cut, record of `sample` is ignored.
 *
 * @example
 * detectDelimiter('a;b;c\n1;2,5;3\n', true); // => ';'
 * detectDelimiter('name\nAda\n', true); // => ','
 */
export function detectDelimiter(sample: string, complete: boolean): string {
  const k = DELIMITER_CANDIDATES.length;
  const codes = DELIMITER_CANDIDATES.map((d) => d.charCodeAt(0));
  const records: number[][] = [];
  let current = new Array<number>(k).fill(0);
  let inQuotes = false;
  let hasContent = false;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample.charCodeAt(i);
    if (ch === 34) {
      inQuotes = !inQuotes;
      hasContent = true;
    } else if (inQuotes) {
      // inside a quoted field nothing counts
    } else if (ch === 10 || ch === 13) {
      if (hasContent) records.push(current);
      current = new Array<number>(k).fill(0);
      hasContent = false;
    } else {
      const c = codes.indexOf(ch);
      if (c >= 0) current[c]!++;
      hasContent = true;
    }
  }
  if (hasContent && (complete || records.length === 0)) records.push(current);
  if (records.length === 0) return DELIMITER_CANDIDATES[0]!;

  let best = -1;
  let bestCount = 0;
  for (let c = 0; c < k; c++) {
    const n = records[0]![c]!;
    if (n > bestCount && records.every((r) => r[c] === n)) {
      best = c;
      bestCount = n;
    }
  }
  if (best >= 0) return DELIMITER_CANDIDATES[best]!;

  let bestShare = 0;
  for (let c = 0; c < k; c++) {
    const n = records[0]![c]!;
    if (n === 0) continue;
    const share = records.filter((r) => r[c] === n).length / records.length;
    if (share > bestShare) {
      best = c;
      bestShare = share;
    }
  }
  return DELIMITER_CANDIDATES[Math.max(best, 0)]!;
}
