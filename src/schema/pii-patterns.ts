/**
 * Value patterns of direct identifiers. Each predicate is strict enough that a column of ordinary
 * numbers, codes or dates does not pass: phones need a `+`, parentheses or grouped digits (bare
 * digit runs count only under a phone-like header), cards need a valid Luhn checksum, IBANs a valid
 * ISO 13616 mod-97 checksum.
 */

const EMAIL_RE = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

/** `jane.doe@example.com`. */
export function isEmail(s: string): boolean {
  return s.length <= 254 && EMAIL_RE.test(s);
}

const PHONE_RES = [
  // E.164: +14155552671
  /^\+[1-9]\d{6,14}$/,
  // International, grouped: +44 20 7946 0958, +1-415-555-2671, +33 (0)1 23 45 67 89
  /^\+\d{1,3}(?:[ .-]?\(\d{1,4}\)\d{0,5})?(?:[ .-]\d{1,5}){1,5}$/,
  // North American: (415) 555-2671, 1 (415) 555-2671, 415-555-2671, 415.555.2671
  /^(?:1[ .-]?)?\(\d{3}\) ?\d{3}[ .-]\d{4}$/,
  /^(?:1[ .-])?\d{3}([.-])\d{3}\1\d{4}$/,
  // National trunk-prefixed, grouped by spaces: 020 7946 0958, 01632 960001, 01 23 45 67 89
  /^0\d{1,4}(?: \d{2,6}){1,4}$/,
];

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** A phone number in E.164 or a common grouped national form; 7–15 digits. */
export function isPhone(s: string): boolean {
  const d = digitCount(s);
  return d >= 7 && d <= 15 && PHONE_RES.some((re) => re.test(s));
}

/** Under a phone-like header: any 7–15 digits with phone punctuation only (`4155552671`). */
export function isLoosePhone(s: string): boolean {
  const d = digitCount(s);
  return d >= 7 && d <= 15 && /^\+?[\d ().-]+$/.test(s);
}

/** `123-45-6789` (US Social Security number shape). */
export function isSsn(s: string): boolean {
  return /^\d{3}-\d{2}-\d{4}$/.test(s);
}

/** Under an SSN-like header: nine digits, with or without the dashes. */
export function isLooseSsn(s: string): boolean {
  return /^(?:\d{3}-\d{2}-\d{4}|\d{9})$/.test(s);
}

/** Luhn (mod 10) checksum over a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let v = digits.charCodeAt(i) - 48;
    if (double) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    double = !double;
  }
  return sum % 10 === 0;
}

/** A payment card number: 13–19 digits (optionally grouped by single spaces or dashes), issuer digit 2–6, Luhn-valid. */
export function isCreditCard(s: string): boolean {
  if (!/^\d(?:[ -]?\d){12,18}$/.test(s)) return false;
  const digits = s.replace(/[ -]/g, '');
  const first = digits.charCodeAt(0) - 48;
  return first >= 2 && first <= 6 && luhnValid(digits);
}

/** Dotted-quad IPv4 (`192.168.0.1`). */
export function isIpv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** IPv6 in full, `::`-compressed or IPv4-suffixed form (RFC 4291 §2.2); no zone index. */
export function isIpv6(s: string): boolean {
  if (!s.includes(':')) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const all = halves.flatMap(groups);
  let slots = all.length;
  const last = all[all.length - 1];
  if (last?.includes('.')) {
    if (!isIpv4(last)) return false;
    all.pop();
    slots += 1; // an IPv4 tail fills two 16-bit groups
  }
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? slots <= 7 : slots === 8;
}

export function isIpAddress(s: string): boolean {
  return isIpv4(s) || isIpv6(s);
}

/** An IBAN (ISO 13616), compact or in groups of four, with a valid mod-97 check. */
export function isIban(s: string): boolean {
  if (!/^[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}$/.test(s)) return false;
  const compact = s.replace(/ /g, '');
  const moved = compact.slice(4) + compact.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i);
    const v = c >= 65 ? c - 55 : c - 48;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1;
}

/** An absolute http(s)/ftp URL, or a `www.` host with a path. */
export function isUrl(s: string): boolean {
  return /^(?:(?:https?|ftp):\/\/|www\.)[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/i.test(s);
}

/** A person's name: 1–5 words of letters (with `'`, `-`, `.` inside), no digits. */
export function isPersonName(s: string): boolean {
  return s.length <= 80 && /^\p{L}[\p{L}'.-]*(?: \p{L}[\p{L}'.-]*){0,4}$/u.test(s);
}

/** Looks like a street address: has a letter and at least two words. */
export function isStreetAddress(s: string): boolean {
  return /\p{L}/u.test(s) && /\S\s+\S/.test(s);
}
