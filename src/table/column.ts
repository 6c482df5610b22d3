import { BitSet } from './bitset.js';

/**
 * Columns of a materialized table. Numbers (numerical and datetime sdtypes; datetimes as epoch
 * milliseconds, UTC) live in a `Float64Array`; everything else is dictionary-encoded: `Int32Array`
 * codes into a `string[]` dictionary. `valid` is the validity mask (bit set = value present).
 * For convenience a null numeric slot holds NaN and a null categorical slot holds code -1,
 * but `valid` is the source of truth.
 */
export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  readonly values: Float64Array;
  readonly valid: BitSet;
}

export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
  readonly valid: BitSet;
}

export type Column = NumericColumn | CategoricalColumn;

export function numericColumn(name: string, values: Float64Array, valid?: BitSet): NumericColumn {
  let v = valid;
  if (!v) {
    v = BitSet.full(values.length);
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) v.clear(i);
  }
  return { kind: 'numeric', name, values, valid: v };
}

export function categoricalColumn(
  name: string,
  codes: Int32Array,
  dictionary: readonly string[],
  valid?: BitSet,
): CategoricalColumn {
  let v = valid;
  if (!v) {
    v = BitSet.full(codes.length);
    for (let i = 0; i < codes.length; i++) if (codes[i]! < 0) v.clear(i);
  }
  return { kind: 'categorical', name, codes, dictionary, valid: v };
}

/** Build a categorical column from strings (null → missing). Dictionary in order of first appearance. */
export function categoricalFromStrings(
  name: string,
  values: ReadonlyArray<string | null>,
): CategoricalColumn {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const s = values[i];
    if (s === null || s === undefined) {
      codes[i] = -1;
      continue;
    }
    let c = index.get(s);
    if (c === undefined) {
      c = dictionary.length;
      dictionary.push(s);
      index.set(s, c);
    }
    codes[i] = c;
  }
  return categoricalColumn(name, codes, dictionary);
}

export function columnLength(c: Column): number {
  return c.kind === 'numeric' ? c.values.length : c.codes.length;
}

export function nullCount(c: Column): number {
  return columnLength(c) - c.valid.count();
}

/** Rows `rows` of a column, in that order (rows may repeat). */
export function takeColumn(c: Column, rows: ArrayLike<number>): Column {
  const valid = c.valid.take(rows);
  if (c.kind === 'numeric') {
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = c.values[rows[i]!]!;
    return { kind: 'numeric', name: c.name, values: out, valid };
  }
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = c.codes[rows[i]!]!;
  return { kind: 'categorical', name: c.name, codes: out, dictionary: c.dictionary, valid };
}

/** The value at row i as a JS value: number, string, or null. */
export function valueAt(c: Column, i: number): number | string | null {
  if (!c.valid.get(i)) return null;
  return c.kind === 'numeric' ? c.values[i]! : c.dictionary[c.codes[i]!]!;
}

/**
 * Re-encode a categorical column onto another dictionary (e.g. the real table's), so codes compare
 * across tables. Values missing from `target` get code `-2` (still valid: "unseen category").
 */
export function recode(c: CategoricalColumn, target: readonly string[]): Int32Array {
  const index = new Map<string, number>();
  target.forEach((s, i) => {
    index.set(s, i);
  });
  const map = new Int32Array(c.dictionary.length);
  for (let k = 0; k < c.dictionary.length; k++) map[k] = index.get(c.dictionary[k]!) ?? -2;
  const out = new Int32Array(c.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = c.valid.get(i) ? map[c.codes[i]!]! : -1;
  return out;
}
