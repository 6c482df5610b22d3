import type { ColumnValues } from './column-values.js';

/**
 * Free text: mostly distinct values (distinct values ≥ half the non-null rows) that are long (mean
 * length above 30 characters) or wordy (mean of 5 or more words), means weighted by row counts.
 * Anything else that is not numerical, datetime, boolean, id or pii stays categorical, including
 * high-cardinality codes.
 */
export const TEXT_MIN_DISTINCT_SHARE = 0.5;
export const TEXT_MIN_MEAN_LENGTH = 30;
export const TEXT_MIN_MEAN_WORDS = 5;

function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/**
 * @example
 * isFreeText(values(['The parcel arrived late and damaged', 'Friendly staff, quick refund'])); // => true
 */
export function isFreeText(cv: ColumnValues): boolean {
  if (cv.nonNull === 0 || cv.values.length < TEXT_MIN_DISTINCT_SHARE * cv.nonNull) return false;
  let length = 0;
  let words = 0;
  for (let k = 0; k < cv.values.length; k++) {
    const s = cv.values[k]!;
    const c = cv.counts[k]!;
    length += s.length * c;
    words += wordCount(s) * c;
  }
  return length / cv.nonNull > TEXT_MIN_MEAN_LENGTH || words / cv.nonNull >= TEXT_MIN_MEAN_WORDS;
}
