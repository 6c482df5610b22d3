/**
 * Masked examples for the console: enough shape to recognise a column (`j***@e***.com`), not
 * enough to print an identifier.
 *
 * Emails keep the first character of the local part and of the domain, and the top-level domain.
 * Anything else keeps the first character of each run of letters or digits and replaces the rest
 * of the run with `***` (one-character runs become `*`); punctuation and spaces stay, so the shape
 * shows. The result is cut to 40 characters.
 *
 * @example
 * maskValue('jane.doe@example.com'); // => 'j***@e***.com'
 * maskValue('+1 (415) 555-2671'); // => '+* (4***) 5***-2***'
 */
export function maskValue(s: string): string {
  const email = /^([^@\s]+)@([^@\s.]+)(?:\.[^@\s]+)*\.([A-Za-z]{2,})$/.exec(s);
  const masked = email
    ? `${firstChar(email[1]!)}***@${firstChar(email[2]!)}***.${email[3]}`
    : s.replace(/[\p{L}\p{N}]+/gu, (run) => {
        const first = firstChar(run);
        return first.length === run.length ? '*' : `${first}***`;
      });
  return masked.length > 40 ? `${masked.slice(0, 39)}…` : masked;
}

function firstChar(s: string): string {
  return String.fromCodePoint(s.codePointAt(0)!);
}
