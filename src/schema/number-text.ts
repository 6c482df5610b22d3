/**
 * Numbers as the source writes them. A numeric text is an optional sign, digits with an optional
 * decimal point (`12`, `-3.25`, `.5`, `5.`), and an optional exponent (`1.5e-3`); no thousands
 * separators, no spaces, no `Infinity`/`inf`/`NaN` words, and nothing that overflows to ±Infinity —
 * those are not numbers a synthesizer can model or write back, so a column holding them is not
 * numerical.
 */

const NUMBER_RE = /^[+-]?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

/** Decimal places beyond which `decimals` is capped (keeps `toFixed` exact and output readable). */
export const MAX_DECIMALS = 20;

export interface NumberText {
  value: number;
  /** Decimal places the text shows once the exponent is applied: `3.25` → 2, `1.5e-3` → 4, `1e3` → 0. */
  decimals: number;
  /** The integer part has a leading zero followed by a digit (`007`, `02134`): a code, not a quantity. */
  leadingZero: boolean;
}

/**
 * Scan a numeric text; null when it is not one (see the module doc).
 *
 * @example
 * scanNumber('-3.250'); // => { value: -3.25, decimals: 3, leadingZero: false }
 * scanNumber('1,000'); // => null
 */
export function scanNumber(s: string): NumberText | null {
  const m = NUMBER_RE.exec(s);
  if (!m) return null;
  const value = Number(s);
  if (!Number.isFinite(value)) return null;
  const intDigits = m[1];
  const frac = m[2] ?? m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  const decimals = Math.min(MAX_DECIMALS, Math.max(0, frac.length - exp));
  const leadingZero = intDigits !== undefined && intDigits.length > 1 && intDigits[0] === '0';
  return { value, decimals, leadingZero };
}

/** The number a numeric text denotes, or NaN (same grammar as `scanNumber`). */
export function parseNumberText(s: string): number {
  if (!NUMBER_RE.test(s)) return Number.NaN;
  const v = Number(s);
  return Number.isFinite(v) ? v : Number.NaN;
}

/**
 * Write an integer in plain digits, never `.0`. Non-integers are rounded half away from zero first.
 * From 1e21 on (where JavaScript itself switches), the shortest exponent form that reads back
 * exactly (`1.5e308`, without `+`): a float64 holds 17 significant digits, so hundreds of plain
 * digits would only print the binary rounding of a value the source wrote in a few characters.
 *
 * @example
 * formatInteger(12345678901234567890); // => '12345678901234567000'
 * formatInteger(2.5e21); // => '2.5e21'
 */
export function formatInteger(v: number): string {
  const r = Number.isInteger(v) ? v : Math.sign(v) * Math.round(Math.abs(v));
  if (Math.abs(r) < 1e21) return r === 0 ? '0' : String(r);
  return exponentForm(r);
}

/** `String(v)` of a number ≥ 1e21 in magnitude, without the exponent's `+`. */
function exponentForm(v: number): string {
  return String(v).replace('e+', 'e');
}

/**
 * Write a float with `decimals` places; with `fixed` false, drop trailing zeros (and a bare point).
 * Never writes `-0`.
 *
 * @example
 * formatDecimal(3.5, 2, false); // => '3.5'
 * formatDecimal(3.5, 2, true); // => '3.50'
 */
export function formatDecimal(v: number, decimals: number, fixed: boolean): string {
  if (decimals === 0) return formatInteger(v);
  // A float64 at or beyond 1e21 has no fractional digits left to write.
  if (Math.abs(v) >= 1e21) return exponentForm(v);
  let s = v.toFixed(decimals);
  if (!fixed) {
    let end = s.length;
    while (s.charCodeAt(end - 1) === 48) end--;
    if (s.charCodeAt(end - 1) === 46) end--;
    s = s.slice(0, end);
  }
  if (s.charCodeAt(0) === 45 && /^-0(?:\.0*)?$/.test(s)) s = s.slice(1);
  return s;
}
