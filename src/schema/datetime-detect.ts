import { allMatch, type ColumnValues } from './column-values.js';
import { type CompiledFormat, compileDatetimeFormat, parseDatetime } from './datetime.js';
import type { HeaderWords } from './header-words.js';

/**
 * Which datetime format, if any, every value of a column parses under. Candidates are tried in
 * order and the first that parses every distinct value wins, so the order settles ambiguity:
 *
 * - ISO dates and timestamps (`T` or space, minutes/seconds/milliseconds, `Z` or an offset).
 * - Month names: `Jun 12 1998`, `Jun 12, 1998`, `June 12, 1998`, `12 Jun 1998`, `12-Jun-1998`.
 * - Slashed and dashed day/month orders: month-first (`MM/DD/YYYY`, the US order that spreadsheets
 *   in the en-US locale and most public US datasets write) is tried before day-first, so a column
 *   where no value has a field above 12 is read month-first; one value like `13/01/2020` makes it
 *   day-first. Padded (`MM/DD`) and unpadded (`M/D`) forms are separate candidates (a column must be
 *   consistent, so the text round-trips exactly).
 * - `YYYY/MM/DD`, `DD.MM.YYYY` (always day-first).
 * - `YYYYMMDD` only when the header suggests a date (`date`, `dob`, `birth`, `day`, `dt`, `time`,
 *   `created`, …), since eight-digit numbers are usually not dates.
 */
function isoCandidates(): string[] {
  const out = ['YYYY-MM-DD'];
  for (const sep of ['T', ' '])
    for (const time of ['HH:mm:ss', 'HH:mm:ss.SSS', 'HH:mm'])
      for (const zone of ['', 'Z', 'XXX', 'XX']) out.push(`YYYY-MM-DD${sep}${time}${zone}`);
  return out;
}

function dayMonthCandidates(sep: string, monthFirst: boolean): string[] {
  const out: string[] = [];
  for (const [m, d] of [
    ['MM', 'DD'],
    ['M', 'D'],
  ])
    for (const time of ['', ' HH:mm:ss', ' HH:mm'])
      out.push(`${monthFirst ? `${m}${sep}${d}` : `${d}${sep}${m}`}${sep}YYYY${time}`);
  return out;
}

export const DATETIME_CANDIDATES: readonly string[] = [
  ...isoCandidates(),
  'MMM D YYYY',
  'MMM DD YYYY',
  'MMM D, YYYY',
  'MMM DD, YYYY',
  'MMMM D, YYYY',
  'MMMM D YYYY',
  'D MMM YYYY',
  'DD MMM YYYY',
  'D MMMM YYYY',
  'DD MMMM YYYY',
  'DD-MMM-YYYY',
  ...dayMonthCandidates('/', true),
  ...dayMonthCandidates('/', false),
  ...dayMonthCandidates('-', true),
  ...dayMonthCandidates('-', false),
  'YYYY/MM/DD',
  'YYYY/MM/DD HH:mm:ss',
  'DD.MM.YYYY',
  'D.M.YYYY',
  'DD.MM.YYYY HH:mm:ss',
  'DD.MM.YYYY HH:mm',
];

const DATE_WORDS = [
  'date',
  'dt',
  'dob',
  'birth',
  'birthday',
  'birthdate',
  'day',
  'time',
  'timestamp',
  'ts',
  'created',
  'updated',
  'modified',
];

/** The header names a date (`YYYYMMDD` is only considered then). */
export function isDateHeader(h: HeaderWords): boolean {
  return h.hasAny(DATE_WORDS) || h.joined.includes('date') || h.joined.includes('birth');
}

const compiled: readonly CompiledFormat[] = DATETIME_CANDIDATES.map((f) => compileDatetimeFormat(f));
const compactDate = compileDatetimeFormat('YYYYMMDD');

/**
 * The first candidate format every value parses under, or null.
 *
 * @example
 * detectDatetimeFormat(values(['03/04/2020', '13/04/2020']), headerWords('visit')); // => 'DD/MM/YYYY'
 */
export function detectDatetimeFormat(cv: ColumnValues, h: HeaderWords): string | null {
  if (cv.values.length === 0) return null;
  const first = cv.values[0]!;
  if (first.length < 6 || first.length > 40 || !/\d/.test(first)) return null;
  const formats = isDateHeader(h) ? [compactDate, ...compiled] : compiled;
  for (const f of formats) {
    if (parseDatetime(first, f) === null) continue;
    if (allMatch(cv, (s) => parseDatetime(s, f) !== null)) return f.format;
  }
  return null;
}
