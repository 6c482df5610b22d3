import { InputError } from '../errors.js';
import { BitSet } from '../table/bitset.js';
import { type Column, categoricalColumn } from '../table/column.js';
import type { RawColumn, RawTable } from '../table/raw-table.js';
import { Table } from '../table/table.js';
import { naEntries } from './column-values.js';
import { compileDatetimeFormat, parseDatetime } from './datetime.js';
import { parseNumberText } from './number-text.js';
import type { ColumnSchema, SchemaDocument } from './types.js';
import { checkSchemaAgainstRaw } from './validate.js';

/**
 * Turn a raw table into a typed Table under a schema: columns in schema order; numerical and
 * datetime columns become Float64Array columns (datetimes as epoch ms UTC), everything else stays
 * dictionary-encoded. Each distinct value is parsed once and the row codes are then mapped, so the
 * cost is one pass over the codes per column.
 *
 * Dictionaries: boolean columns get `[falseToken, trueToken]` (code 1 = true); a categorical column
 * with declared `categories` gets exactly that list, in that order; other columns keep the raw
 * dictionary (minus entries that are NA tokens of the schema's `na`).
 *
 * A value that does not fit the schema — not a number, not in the datetime format, neither boolean
 * token, outside the declared categories — is an InputError `E_VALUE_NOT_IN_SCHEMA` naming the
 * column, the first data row holding it (1-based) and the value. Values outside `min`/`max` are
 * accepted (a schema may come from another file); see `checkBounds`.
 *
 * @example
 * const table = materialize(raw, inferSchema(raw));
 * table.column('age'); // => { kind: 'numeric', values: Float64Array [39, 50, …], … }
 */
export function materialize(raw: RawTable, schema: SchemaDocument): Table {
  checkSchemaAgainstRaw(schema, raw);
  const na = new Set(schema.na ?? []);
  const byName = new Map(raw.columns.map((c) => [c.name, c]));
  const columns = schema.columns.map((cs) =>
    materializeColumn(byName.get(cs.name)!, cs, na, raw.source.path),
  );
  return new Table(columns, raw.numRows);
}

/** One column under its schema (see `materialize`). `file` is used in error locations. */
export function materializeColumn(
  raw: RawColumn,
  cs: ColumnSchema,
  na: ReadonlySet<string>,
  file?: string,
): Column {
  const isNa = naEntries(raw, na);
  /** Entries that occur and are not NA tokens: the ones whose text must fit the schema. */
  const used = (k: number) => (raw.counts[k] ?? 0) > 0 && !isNa?.[k];
  const reject = (k: number, reason: string, hint: string): never => {
    const value = raw.dictionary[k]!;
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    throw new InputError('E_VALUE_NOT_IN_SCHEMA', `value "${shown}" in column "${cs.name}" ${reason}`, {
      location: {
        ...(file === undefined ? {} : { file }),
        row: firstRowOf(raw.codes, k) + 1,
        column: cs.name,
      },
      hint,
    });
  };
  switch (cs.sdtype) {
    case 'numerical':
      return mapToNumbers(
        raw,
        cs.name,
        parseEntries(raw, used, parseNumberText, (k) =>
          reject(
            k,
            'is not a number',
            'fix the value in the data, or change the column\'s sdtype in the schema (e.g. to "categorical")',
          ),
        ),
      );
    case 'datetime': {
      const cf = compileDatetimeFormat(cs.format);
      const parse = (s: string) => parseDatetime(s, cf) ?? Number.NaN;
      return mapToNumbers(
        raw,
        cs.name,
        parseEntries(raw, used, parse, (k) =>
          reject(
            k,
            `does not match the datetime format "${cs.format}"`,
            'fix the value in the data, or change the column\'s "format" in the schema',
          ),
        ),
      );
    }
    case 'boolean': {
      const map = new Int32Array(raw.dictionary.length).fill(-1);
      raw.dictionary.forEach((s, k) => {
        if (!used(k)) return;
        if (s === cs.trueToken) map[k] = 1;
        else if (s === cs.falseToken) map[k] = 0;
        else
          reject(
            k,
            `is neither "${cs.trueToken}" nor "${cs.falseToken}"`,
            'fix the value in the data, or make the column categorical in the schema',
          );
      });
      return mapToCodes(raw, cs.name, map, [cs.falseToken, cs.trueToken]);
    }
    case 'categorical':
      if (cs.categories) {
        const index = new Map(cs.categories.map((s, i) => [s, i]));
        const map = new Int32Array(raw.dictionary.length).fill(-1);
        raw.dictionary.forEach((s, k) => {
          if (!used(k)) return;
          map[k] =
            index.get(s) ??
            reject(
              k,
              'is not one of the declared categories',
              `add "${s}" to the column's "categories" in the schema, or fix the data`,
            );
        });
        return mapToCodes(raw, cs.name, map, cs.categories);
      }
      return keepCodes(raw, cs.name, isNa);
    case 'id':
    case 'pii':
    case 'text':
      return keepCodes(raw, cs.name, isNa);
  }
}

/** The number each used dictionary entry denotes (NaN for unused ones); `fail(k)` for an entry that parses to NaN. */
function parseEntries(
  raw: RawColumn,
  used: (k: number) => boolean,
  parse: (s: string) => number,
  fail: (k: number) => never,
): Float64Array {
  const values = new Float64Array(raw.dictionary.length).fill(Number.NaN);
  raw.dictionary.forEach((s, k) => {
    if (!used(k)) return;
    values[k] = parse(s);
    if (Number.isNaN(values[k]!)) fail(k);
  });
  return values;
}

/** Index of the first row holding code `k` (-1 if none). */
function firstRowOf(codes: Int32Array, k: number): number {
  for (let i = 0; i < codes.length; i++) if (codes[i] === k) return i;
  return -1;
}

function mapToNumbers(raw: RawColumn, name: string, byCode: Float64Array): Column {
  const n = raw.codes.length;
  const values = new Float64Array(n);
  const valid = new BitSet(n);
  const codes = raw.codes;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    const v = c < 0 ? Number.NaN : byCode[c]!;
    values[i] = v;
    if (!Number.isNaN(v)) valid.words[i >>> 5]! |= 1 << (i & 31);
  }
  return { kind: 'numeric', name, values, valid };
}

/** Codes through `map` (raw code → new code, -1 = null) onto `dictionary`. */
function mapToCodes(raw: RawColumn, name: string, map: Int32Array, dictionary: readonly string[]): Column {
  const n = raw.codes.length;
  const out = new Int32Array(n);
  const codes = raw.codes;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    out[i] = c < 0 ? -1 : map[c]!;
  }
  return categoricalColumn(name, out, dictionary);
}

/** The raw codes and dictionary as they are, or compacted when some entries are NA tokens. */
function keepCodes(raw: RawColumn, name: string, isNa: Uint8Array | null): Column {
  if (!isNa) return categoricalColumn(name, raw.codes, raw.dictionary);
  const map = new Int32Array(raw.dictionary.length);
  const dictionary: string[] = [];
  raw.dictionary.forEach((s, k) => {
    if (isNa[k]) map[k] = -1;
    else {
      map[k] = dictionary.length;
      dictionary.push(s);
    }
  });
  return mapToCodes(raw, name, map, dictionary);
}
