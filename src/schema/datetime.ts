/**
 * Datetime formats of the schema (`"format": "YYYY-MM-DD"`): parse text to epoch milliseconds (UTC) and
 * write epoch milliseconds back as text, so synthetic dates look exactly like the source's.
 *
 * Tokens (longest match first; any other character is a literal, except ASCII letters, which must
 * be tokens or `T`):
 *
 * | token | meaning | parse | write |
 * |---|---|---|---|
 * | `YYYY` | year 0000–9999 | exactly 4 digits | zero-padded |
 * | `MM` / `M` | month 1–12 | 2 digits / 1–2 digits without a leading zero | padded / not |
 * | `MMM` / `MMMM` | month name, English, title case (`Jun` / `June`) | exact | same |
 * | `DD` / `D` | day of month | 2 digits / 1–2 digits without a leading zero | padded / not |
 * | `HH` `mm` `ss` | hour 00–23, minute, second (no leap second) | 2 digits | padded |
 * | `SSS` | milliseconds | 3 digits | padded |
 * | `Z` | the UTC designator `Z` | literal | `Z` |
 * | `XXX` / `XX` | offset `+02:00` / `+0200` | any offset, converted to UTC | `+00:00` / `+0000` |
 *
 * Times carry no zone unless the format has one; they are read as UTC (no DST, no local time).
 * Round trip: `parseDatetime(formatDatetime(ms, f), f) === ms` for every `ms` the format can express
 * (whole days for a date format, whole seconds for `HH:mm:ss`, …, years 0000–9999), and
 * `formatDatetime(parseDatetime(s, f)!, f) === s` for every text `s` the format accepts, except
 * offsets other than `+00:00`, which are written back in UTC. Writing a finer instant than the
 * format shows truncates it (floor) to the format's resolution.
 *
 * Calendar arithmetic is proleptic Gregorian with day numbers from H. Hinnant's `days_from_civil`
 * algorithm ("chrono-Compatible Low-Level Date Algorithms"), so it avoids `Date`'s two-digit-year quirk.
 *
 * @example
 * parseDatetime('1998-06-12', 'YYYY-MM-DD'); // => 897609600000
 * formatDatetime(897609600000, 'MMM D YYYY'); // => 'Jun 12 1998'
 */

type TokenKind =
  | 'YYYY'
  | 'MMMM'
  | 'MMM'
  | 'MM'
  | 'M'
  | 'DD'
  | 'D'
  | 'HH'
  | 'mm'
  | 'ss'
  | 'SSS'
  | 'XXX'
  | 'XX'
  | 'Z';

/** Tokens in the order the tokenizer tries them (longest first where one is a prefix of another). */
const TOKENS: readonly TokenKind[] = [
  'YYYY',
  'MMMM',
  'MMM',
  'MM',
  'M',
  'DD',
  'D',
  'HH',
  'mm',
  'ss',
  'SSS',
  'XXX',
  'XX',
  'Z',
];

type Part = { kind: TokenKind } | { kind: 'lit'; text: string };

export interface CompiledFormat {
  readonly format: string;
  readonly parts: readonly Part[];
}

export const MONTHS_SHORT = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
export const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const MS_PER_DAY = 86_400_000;
const cache = new Map<string, CompiledFormat>();

/** Thrown (as a plain Error with a readable message) by `compileDatetimeFormat` for an unusable format. */
export class DatetimeFormatError extends Error {}

/**
 * Tokenize and check a format once. Requires a year, a month and a day; minutes need hours, seconds
 * need minutes, `SSS` needs seconds, a zone needs hours; each field at most once; a variable-width
 * token (`M`, `D`) may not be followed directly by a digit token.
 */
export function compileDatetimeFormat(format: string): CompiledFormat {
  const hit = cache.get(format);
  if (hit) return hit;
  const parts: Part[] = [];
  let i = 0;
  while (i < format.length) {
    const tok = TOKENS.find((t) => format.startsWith(t, i));
    if (tok) {
      parts.push({ kind: tok });
      i += tok.length;
      continue;
    }
    const ch = format[i]!;
    if (/[A-Za-z]/.test(ch) && ch !== 'T') {
      let j = i;
      while (j < format.length && format[j] === ch) j++;
      throw new DatetimeFormatError(
        `unknown token "${format.slice(i, j)}" at position ${i}; supported tokens are ${TOKENS.join(' ')} (and the literal T)`,
      );
    }
    const last = parts[parts.length - 1];
    if (last && last.kind === 'lit') last.text += ch;
    else parts.push({ kind: 'lit', text: ch });
    i++;
  }
  checkParts(parts);
  const compiled = { format, parts };
  cache.set(format, compiled);
  return compiled;
}

const FIELD: Record<TokenKind, string> = {
  YYYY: 'year',
  MMMM: 'month',
  MMM: 'month',
  MM: 'month',
  M: 'month',
  DD: 'day',
  D: 'day',
  HH: 'hour',
  mm: 'minute',
  ss: 'second',
  SSS: 'millisecond',
  XXX: 'zone',
  XX: 'zone',
  Z: 'zone',
};

const DIGIT_TOKENS = new Set<string>(['YYYY', 'MM', 'M', 'DD', 'D', 'HH', 'mm', 'ss', 'SSS']);

function checkParts(parts: readonly Part[]): void {
  const seen = new Set<string>();
  parts.forEach((p, k) => {
    if (p.kind === 'lit') return;
    const field = FIELD[p.kind];
    if (seen.has(field)) throw new DatetimeFormatError(`the ${field} appears twice`);
    seen.add(field);
    const next = parts[k + 1];
    if ((p.kind === 'M' || p.kind === 'D') && next && DIGIT_TOKENS.has(next.kind))
      throw new DatetimeFormatError(
        `variable-width token ${p.kind} is directly followed by ${next.kind}; put a separator between them`,
      );
  });
  for (const f of ['year', 'month', 'day'])
    if (!seen.has(f))
      throw new DatetimeFormatError(
        `a format needs a year (YYYY), a month (MM, M, MMM or MMMM) and a day (DD or D); the ${f} is missing`,
      );
  const needs: Array<[string, string]> = [
    ['minute', 'hour'],
    ['second', 'minute'],
    ['millisecond', 'second'],
    ['zone', 'hour'],
  ];
  for (const [f, g] of needs)
    if (seen.has(f) && !seen.has(g))
      throw new DatetimeFormatError(`the ${f} needs the ${g} in the format too`);
}

/** `null` when `format` is usable, else why not (for schema validation). */
export function datetimeFormatProblem(format: string): string | null {
  try {
    compileDatetimeFormat(format);
    return null;
  } catch (e) {
    if (e instanceof DatetimeFormatError) return e.message;
    throw e;
  }
}

/** Day number (days since 1970-01-01) of a proleptic Gregorian date; Hinnant's days_from_civil. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month 1–12, day] of a day number; Hinnant's civil_from_days. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Value of `n` fixed digits at `p`, or -1. */
function fixedDigits(s: string, p: number, n: number): number {
  if (p + n > s.length) return -1;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(p + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function isDigitAt(s: string, p: number): boolean {
  const c = s.charCodeAt(p);
  return c >= 48 && c <= 57;
}

/**
 * Parse `s` strictly under `format` (see the module doc for tokens). Returns epoch ms UTC, or null
 * when `s` does not match or names an impossible date (Feb 30, hour 24, …).
 *
 * @example
 * parseDatetime('12/06/1998', 'DD/MM/YYYY'); // => 897609600000
 * parseDatetime('1998-02-30', 'YYYY-MM-DD'); // => null
 */
export function parseDatetime(s: string, format: string | CompiledFormat): number | null {
  const cf = typeof format === 'string' ? compileDatetimeFormat(format) : format;
  let p = 0;
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  let offset = 0;
  for (const part of cf.parts) {
    switch (part.kind) {
      case 'lit':
        if (!s.startsWith(part.text, p)) return null;
        p += part.text.length;
        break;
      case 'YYYY':
        y = fixedDigits(s, p, 4);
        if (y < 0) return null;
        p += 4;
        break;
      case 'MM':
      case 'DD':
      case 'HH':
      case 'mm':
      case 'ss': {
        const v = fixedDigits(s, p, 2);
        if (v < 0) return null;
        p += 2;
        if (part.kind === 'MM') mo = v;
        else if (part.kind === 'DD') d = v;
        else if (part.kind === 'HH') h = v;
        else if (part.kind === 'mm') mi = v;
        else sec = v;
        break;
      }
      case 'M':
      case 'D': {
        if (!isDigitAt(s, p) || s[p] === '0') return null;
        let v = s.charCodeAt(p) - 48;
        p++;
        if (isDigitAt(s, p)) {
          v = v * 10 + s.charCodeAt(p) - 48;
          p++;
        }
        if (part.kind === 'M') mo = v;
        else d = v;
        break;
      }
      case 'SSS':
        ms = fixedDigits(s, p, 3);
        if (ms < 0) return null;
        p += 3;
        break;
      case 'MMM': {
        const k = MONTHS_SHORT.indexOf(s.slice(p, p + 3));
        if (k < 0) return null;
        mo = k + 1;
        p += 3;
        break;
      }
      case 'MMMM': {
        const k = MONTHS_LONG.findIndex((name) => s.startsWith(name, p));
        if (k < 0) return null;
        mo = k + 1;
        p += MONTHS_LONG[k]!.length;
        break;
      }
      case 'Z':
        if (s[p] !== 'Z') return null;
        p++;
        break;
      case 'XXX':
      case 'XX': {
        const sign = s[p] === '+' ? 1 : s[p] === '-' ? -1 : 0;
        if (sign === 0) return null;
        const oh = fixedDigits(s, p + 1, 2);
        const colon = part.kind === 'XXX' ? 1 : 0;
        if (oh < 0 || (colon && s[p + 3] !== ':')) return null;
        const om = fixedDigits(s, p + 3 + colon, 2);
        if (om < 0 || oh > 23 || om > 59) return null;
        offset = sign * (oh * 60 + om);
        p += 5 + colon;
        break;
      }
    }
  }
  if (p !== s.length) return null;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return null;
  return daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi - offset) * 60 + sec) * 1000 + ms;
}

function pad(v: number, n: number): string {
  return String(v).padStart(n, '0');
}

/**
 * Write epoch ms UTC in `format`. Finer parts than the format shows are truncated; years outside
 * 0000–9999 are written unpadded with their sign and do not parse back.
 *
 * @example
 * formatDatetime(Date.UTC(1998, 5, 12, 8, 5), 'YYYY-MM-DDTHH:mm:ssZ'); // => '1998-06-12T08:05:00Z'
 */
export function formatDatetime(ms: number, format: string | CompiledFormat): string {
  if (!Number.isFinite(ms)) throw new RangeError(`cannot format ${ms} as a datetime`);
  const cf = typeof format === 'string' ? compileDatetimeFormat(format) : format;
  const t = Math.floor(ms);
  const days = Math.floor(t / MS_PER_DAY);
  let rest = t - days * MS_PER_DAY;
  const [y, mo, d] = civilFromDays(days);
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const mi = rest % 60;
  const h = (rest - mi) / 60;
  let out = '';
  for (const part of cf.parts) {
    switch (part.kind) {
      case 'lit':
        out += part.text;
        break;
      case 'YYYY':
        out += y >= 0 && y <= 9999 ? pad(y, 4) : String(y);
        break;
      case 'MMMM':
        out += MONTHS_LONG[mo - 1];
        break;
      case 'MMM':
        out += MONTHS_SHORT[mo - 1];
        break;
      case 'MM':
        out += pad(mo, 2);
        break;
      case 'M':
        out += String(mo);
        break;
      case 'DD':
        out += pad(d, 2);
        break;
      case 'D':
        out += String(d);
        break;
      case 'HH':
        out += pad(h, 2);
        break;
      case 'mm':
        out += pad(mi, 2);
        break;
      case 'ss':
        out += pad(sec, 2);
        break;
      case 'SSS':
        out += pad(milli, 3);
        break;
      case 'Z':
        out += 'Z';
        break;
      case 'XXX':
        out += '+00:00';
        break;
      case 'XX':
        out += '+0000';
        break;
    }
  }
  return out;
}
