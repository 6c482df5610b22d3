/**
 * How a DuckDB column becomes text in a RawTable. DuckDB casts each value to VARCHAR (C++ side, fast);
 * a few types then get the canonical spelling the CSV path would see: JavaScript number formatting for
 * floats (`1.0` → `1`, `1e+20` → `100000000000000000000`, nan → `NaN`, inf → `Infinity`), trailing
 * zeros dropped from DECIMALs, ISO 8601 `T` in timestamps (UTC, `Z` for TIMESTAMPTZ), nested values as JSON.
 */

/** DuckDB's names for a timestamp with time zone. */
const TIMESTAMPTZ = /^TIMESTAMP( WITH TIME ZONE|TZ)$/;

/** The SQL expression that turns column `name` of DuckDB type `type` into VARCHAR. */
export function varcharExpression(name: string, type: string): string {
  const col = quoteIdentifier(name);
  if (isNested(type)) return `CAST(to_json(${col}) AS VARCHAR)`;
  if (TIMESTAMPTZ.test(type)) return `strftime(${col} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%fZ')`;
  if (/^TIMESTAMP/.test(type)) return `replace(CAST(${col} AS VARCHAR), ' ', 'T')`;
  return `CAST(${col} AS VARCHAR)`;
}

/** A JS function that rewrites DuckDB's VARCHAR spelling of a `type` value into the canonical one, or null when none is needed. */
export function canonicalizer(type: string): ((s: string) => string) | null {
  if (type === 'DOUBLE' || type === 'FLOAT' || type === 'REAL') return canonicalFloat;
  if (type.startsWith('DECIMAL')) return canonicalDecimal;
  if (TIMESTAMPTZ.test(type)) return trimFractionZeros;
  return null;
}

/**
 * @example
 * canonicalFloat('1.0'); // => '1'
 * canonicalFloat('-inf'); // => '-Infinity'
 */
export function canonicalFloat(s: string): string {
  if (s === 'nan' || s === '-nan') return 'NaN';
  if (s === 'inf') return 'Infinity';
  if (s === '-inf') return '-Infinity';
  return String(Number(s));
}

/**
 * Exact (no float round trip), so DECIMAL(38, x) keeps every digit.
 *
 * @example
 * canonicalDecimal('12.500'); // => '12.5'
 * canonicalDecimal('-3.000'); // => '-3'
 */
export function canonicalDecimal(s: string): string {
  if (!s.includes('.')) return s;
  const t = s.replace(/0+$/, '').replace(/\.$/, '');
  return t === '-0' ? '0' : t;
}

/** `2024-01-05T08:00:00.000000Z` → `2024-01-05T08:00:00Z`; `…00.500000Z` → `…00.5Z`. */
function trimFractionZeros(s: string): string {
  return s.replace(/\.?0+Z$/, 'Z');
}

function isNested(type: string): boolean {
  return /[[\]]$/.test(type) || /^(STRUCT|MAP|UNION)\(/.test(type);
}

/** A DuckDB identifier in double quotes, inner quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal in single quotes, inner quotes doubled. */
export function quoteLiteral(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
