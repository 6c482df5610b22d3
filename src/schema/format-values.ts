import type { CategoricalColumn, Column, NumericColumn } from '../table/column.js';
import type { Table } from '../table/table.js';
import { compileDatetimeFormat, formatDatetime } from './datetime.js';
import { formatDecimal, formatInteger } from './number-text.js';
import type { ColumnSchema, SchemaDocument } from './types.js';

/**
 * Values back to text for CSV output, written like the source:
 *
 * - numerical `integer`: plain digits, never `.0`, never exponent notation (`formatInteger`);
 * - numerical `float`: rounded to the schema's `decimals`; trailing zeros dropped unless
 *   `fixedDecimals` (set by inference when every source value showed all its places, e.g. `2.50`);
 * - datetime: the schema's `format`;
 * - categorical, boolean, id, pii, text: the dictionary entry itself;
 * - null: the column's `nullToken` (the source's commonest NA token), else `""`.
 */
export type ValueFormatter = (column: Column, i: number) => string;

/** Text of one non-null number under a numerical or datetime column schema. */
function numberWriter(cs: ColumnSchema): ((v: number) => string) | null {
  if (cs.sdtype === 'numerical') {
    if (cs.representation === 'integer' || cs.decimals === 0) return formatInteger;
    const decimals = cs.decimals;
    const fixed = cs.fixedDecimals === true;
    return (v) => formatDecimal(v, decimals, fixed);
  }
  if (cs.sdtype === 'datetime') {
    const cf = compileDatetimeFormat(cs.format);
    return (v) => formatDatetime(v, cf);
  }
  return null;
}

function kindMismatch(cs: ColumnSchema, column: Column): Error {
  return new Error(
    `column "${cs.name}" is ${column.kind} but its schema sdtype ${cs.sdtype} needs a ${numberWriter(cs) ? 'numeric' : 'categorical'} column`,
  );
}

/**
 * A formatter for one column schema: `(column, row) => text`. It binds to the last column it was
 * given, so calling it row after row on one column costs what `tableToRows` does.
 *
 * @example
 * makeFormatter({ name: 'x', sdtype: 'numerical', representation: 'float', min: 0, max: 9, decimals: 2 })(col, 0);
 * // => '3.5' for the value 3.5
 */
export function makeFormatter(cs: ColumnSchema): ValueFormatter {
  let bound: Column | null = null;
  let read: (i: number) => string = () => '';
  return (c, i) => {
    if (c !== bound) {
      read = columnReader(cs, c);
      bound = c;
    }
    return read(i);
  };
}

/** A row → text reader bound to one column, with lookups hoisted out of the row loop. */
function columnReader(cs: ColumnSchema, column: Column): (i: number) => string {
  const nullText = cs.nullToken ?? '';
  const write = numberWriter(cs);
  if (write) {
    if (column.kind !== 'numeric') throw kindMismatch(cs, column);
    return numericReader(
      column,
      write,
      nullText,
      cs.sdtype === 'numerical' && cs.representation === 'integer',
    );
  }
  if (column.kind !== 'categorical') throw kindMismatch(cs, column);
  return categoricalReader(column, nullText);
}

/** Integers within this distance of 0 have their text cached (ages, counts, years: the common case). */
const SMALL_INT_CACHE = 1 << 16;

function numericReader(
  c: NumericColumn,
  write: (v: number) => string,
  nullText: string,
  integer: boolean,
): (i: number) => string {
  const { values, valid } = c;
  if (!integer) return (i) => (valid.get(i) ? write(values[i]!) : nullText);
  const cache: string[] = [];
  return (i) => {
    if (!valid.get(i)) return nullText;
    const v = values[i]!;
    if (!(v >= 0 && v < SMALL_INT_CACHE && Number.isInteger(v))) return write(v);
    let text = cache[v];
    if (text === undefined) {
      text = write(v);
      cache[v] = text;
    }
    return text;
  };
}

function categoricalReader(c: CategoricalColumn, nullText: string): (i: number) => string {
  const { codes, dictionary, valid } = c;
  return (i) => (valid.get(i) ? dictionary[codes[i]!]! : nullText);
}

/**
 * Rows as arrays of strings, columns in schema order, produced lazily for the CSV writer
 * (no header row). Categorical columns write their dictionary entries directly; small integers
 * are formatted once and reused.
 *
 * @example
 * for (const row of tableToRows(table, schema)) writer.write(row); // ['39', 'State-gov', …]
 */
export function* tableToRows(table: Table, schema: SchemaDocument): Generator<string[]> {
  const readers = schema.columns.map((cs) => columnReader(cs, table.column(cs.name)));
  const k = readers.length;
  for (let i = 0; i < table.numRows; i++) {
    const row = new Array<string>(k);
    for (let j = 0; j < k; j++) row[j] = readers[j]!(i);
    yield row;
  }
}
