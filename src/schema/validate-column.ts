import { compileDatetimeFormat, datetimeFormatProblem, parseDatetime } from './datetime.js';
import { MAX_DECIMALS } from './number-text.js';
import { Fields } from './schema-fields.js';
import { type IssueList, isObject, jsonType } from './schema-issues.js';
import { type ColumnSchema, PII_KINDS, ROLES, SDTYPES, type Sdtype } from './types.js';

/** Keys every column may have, then the keys each sdtype adds. */
const BASE_KEYS = ['name', 'sdtype', 'role', 'nullToken'];
export const SDTYPE_KEYS: Record<Sdtype, readonly string[]> = {
  numerical: ['representation', 'min', 'max', 'decimals', 'fixedDecimals'],
  categorical: ['categories'],
  boolean: ['trueToken', 'falseToken'],
  datetime: ['format', 'min', 'max'],
  id: ['pattern'],
  pii: ['pii'],
  text: [],
};

/** Which sdtypes own `key`, as words for a hint ("numerical or datetime columns"), or null. */
function ownersOf(key: string): string | null {
  const owners = SDTYPES.filter((t) => SDTYPE_KEYS[t].includes(key));
  return owners.length ? `${owners.join(' or ')} columns` : null;
}

/**
 * Check one column object at `path` (e.g. `columns[3]`), recording every problem; returns the typed
 * column (with only known keys) when it has none.
 */
export function checkColumn(v: unknown, path: string, issues: IssueList): ColumnSchema | undefined {
  if (!isObject(v)) {
    issues.add(
      'E_SCHEMA_TYPE',
      path,
      `a column must be an object, got ${jsonType(v)}`,
      'write { "name": "…", "sdtype": "…" }',
    );
    return undefined;
  }
  const before = issues.items.length;
  const f = new Fields(v, path, issues);
  const name = f.nonEmptyString('name', true);
  const sdtype = f.oneOf('sdtype', SDTYPES, true, 'sdtype');
  const role = f.oneOf('role', ROLES, false, 'role');
  const nullToken = f.string('nullToken', false);
  if (sdtype === undefined) {
    f.unknownKeys([...BASE_KEYS, ...new Set(Object.values(SDTYPE_KEYS).flat())]);
    return undefined;
  }
  f.unknownKeys([...BASE_KEYS, ...SDTYPE_KEYS[sdtype]], ownersOf);
  const specific = checkSpecific(sdtype, f);
  if (issues.items.length > before || name === undefined || specific === undefined) return undefined;
  const col = { name, sdtype, ...specific } as ColumnSchema;
  if (role !== undefined) col.role = role;
  if (nullToken !== undefined) col.nullToken = nullToken;
  return col;
}

function checkSpecific(sdtype: Sdtype, f: Fields): Record<string, unknown> | undefined {
  switch (sdtype) {
    case 'numerical':
      return checkNumerical(f);
    case 'categorical': {
      const categories = f.stringArray('categories', false, { unique: true, minLength: 1 });
      return categories === undefined ? {} : { categories };
    }
    case 'boolean': {
      const trueToken = f.string('trueToken', true);
      const falseToken = f.string('falseToken', true);
      if (trueToken === undefined || falseToken === undefined) return undefined;
      if (trueToken === falseToken) {
        f.issues.add(
          'E_SCHEMA_CONTRADICTION',
          f.at('falseToken'),
          `trueToken and falseToken are both "${trueToken}"`,
          'give the false value its own token (e.g. "no" for "yes")',
        );
        return undefined;
      }
      return { trueToken, falseToken };
    }
    case 'datetime':
      return checkDatetime(f);
    case 'id': {
      const pattern = f.nonEmptyString('pattern', true);
      return pattern === undefined ? undefined : { pattern };
    }
    case 'pii': {
      const pii = f.oneOf('pii', PII_KINDS, true, 'pii kind');
      return pii === undefined ? undefined : { pii };
    }
    case 'text':
      return {};
  }
}

function checkNumerical(f: Fields): Record<string, unknown> | undefined {
  const representation = f.oneOf('representation', ['integer', 'float'] as const, true, 'representation');
  const min = f.number('min', true);
  const max = f.number('max', true);
  const decimals = f.integerIn('decimals', true, 0, MAX_DECIMALS);
  const fixedDecimals = f.boolean('fixedDecimals');
  if (min !== undefined && max !== undefined && min > max)
    f.issues.add(
      'E_SCHEMA_CONTRADICTION',
      f.at('min'),
      `min ${min} is greater than max ${max}`,
      'swap them or correct one',
    );
  if (representation === 'integer') {
    if (decimals !== undefined && decimals > 0)
      f.issues.add(
        'E_SCHEMA_CONTRADICTION',
        f.at('decimals'),
        `an integer column cannot have ${decimals} decimals`,
        'set "decimals": 0, or "representation": "float"',
      );
    for (const [key, v] of [
      ['min', min],
      ['max', max],
    ] as const)
      if (v !== undefined && !Number.isInteger(v))
        f.issues.add(
          'E_SCHEMA_CONTRADICTION',
          f.at(key),
          `an integer column cannot have ${key} ${v}`,
          `make ${key} a whole number, or set "representation": "float"`,
        );
  }
  if (representation === undefined || min === undefined || max === undefined || decimals === undefined)
    return undefined;
  return { representation, min, max, decimals, ...(fixedDecimals === undefined ? {} : { fixedDecimals }) };
}

function checkDatetime(f: Fields): Record<string, unknown> | undefined {
  const format = f.nonEmptyString('format', true);
  const min = f.string('min', false);
  const max = f.string('max', false);
  if (format === undefined) return undefined;
  const problem = datetimeFormatProblem(format);
  if (problem !== null) {
    f.issues.add(
      'E_SCHEMA_DATETIME_FORMAT',
      f.at('format'),
      `datetime format "${format}" cannot be used: ${problem}`,
      'use tokens like YYYY-MM-DD, YYYY-MM-DDTHH:mm:ss, MMM D YYYY, DD/MM/YYYY',
    );
    return undefined;
  }
  const cf = compileDatetimeFormat(format);
  const bound = (key: 'min' | 'max', s: string | undefined): number | undefined => {
    if (s === undefined) return undefined;
    const t = parseDatetime(s, cf);
    if (t === null)
      f.issues.add(
        'E_SCHEMA_DATETIME_FORMAT',
        f.at(key),
        `${key} "${s}" does not match the column's format "${format}"`,
        `write ${key} in the format ${format}`,
      );
    return t ?? undefined;
  };
  const lo = bound('min', min);
  const hi = bound('max', max);
  if (lo !== undefined && hi !== undefined && lo > hi)
    f.issues.add(
      'E_SCHEMA_CONTRADICTION',
      f.at('min'),
      `min "${min}" is after max "${max}"`,
      'swap them or correct one',
    );
  return { format, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}
