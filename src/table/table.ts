import { InputError } from '../errors.js';
import { BitSet } from './bitset.js';
import { type Column, columnLength, takeColumn, valueAt } from './column.js';

/**
 * An immutable columnar table. Row subsets are expressed as index arrays or bitsets and
 * materialized with `take` only when a copy is needed.
 *
 * @example
 * const t = new Table([numericColumn('age', Float64Array.of(31, 45))]);
 * t.take([1]).column('age'); // => numeric column [45]
 */
export class Table {
  readonly columns: readonly Column[];
  readonly numRows: number;
  private readonly byName: Map<string, Column>;

  constructor(columns: readonly Column[], numRows?: number) {
    this.columns = columns;
    this.numRows = numRows ?? (columns.length ? columnLength(columns[0]!) : 0);
    this.byName = new Map();
    for (const c of columns) {
      if (columnLength(c) !== this.numRows)
        throw new Error(`column ${c.name} has ${columnLength(c)} rows, table has ${this.numRows}`);
      if (this.byName.has(c.name)) throw new Error(`duplicate column name ${c.name}`);
      this.byName.set(c.name, c);
    }
  }

  get names(): string[] {
    return this.columns.map((c) => c.name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  column(name: string): Column {
    const c = this.byName.get(name);
    if (!c)
      throw new InputError('E_NO_COLUMN', `no column named "${name}"`, {
        hint: `columns are: ${this.names.join(', ')}`,
      });
    return c;
  }

  /** Rows at `rows` (in that order) as a new table. */
  take(rows: ArrayLike<number>): Table {
    return new Table(
      this.columns.map((c) => takeColumn(c, rows)),
      rows.length,
    );
  }

  /** Rows whose bit is set. */
  filter(mask: BitSet): Table {
    return this.take(mask.indices());
  }

  /** A table with only the named columns, in the given order. */
  select(names: readonly string[]): Table {
    return new Table(
      names.map((n) => this.column(n)),
      this.numRows,
    );
  }

  /** Row i as a plain object (for tests and small displays; not for hot loops). */
  row(i: number): Record<string, number | string | null> {
    const out: Record<string, number | string | null> = {};
    for (const c of this.columns) out[c.name] = valueAt(c, i);
    return out;
  }
}

/** Stack tables with the same column names and kinds (categorical dictionaries are merged). */
export function concatTables(tables: readonly Table[]): Table {
  if (tables.length === 0) return new Table([]);
  const first = tables[0]!;
  const n = tables.reduce((s, t) => s + t.numRows, 0);
  const cols: Column[] = first.columns.map((c0) => {
    const valid = new BitSet(n);
    if (c0.kind === 'numeric') {
      const values = new Float64Array(n);
      let off = 0;
      for (const t of tables) {
        const c = t.column(c0.name);
        if (c.kind !== 'numeric') throw new Error(`column ${c0.name} changes kind between tables`);
        values.set(c.values, off);
        for (let i = 0; i < t.numRows; i++) if (c.valid.get(i)) valid.set(off + i);
        off += t.numRows;
      }
      return { kind: 'numeric', name: c0.name, values, valid };
    }
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(n);
    let off = 0;
    for (const t of tables) {
      const c = t.column(c0.name);
      if (c.kind !== 'categorical') throw new Error(`column ${c0.name} changes kind between tables`);
      const map = c.dictionary.map((s) => {
        let k = index.get(s);
        if (k === undefined) {
          k = dictionary.length;
          dictionary.push(s);
          index.set(s, k);
        }
        return k;
      });
      for (let i = 0; i < t.numRows; i++) {
        if (c.valid.get(i)) {
          codes[off + i] = map[c.codes[i]!]!;
          valid.set(off + i);
        } else codes[off + i] = -1;
      }
      off += t.numRows;
    }
    return { kind: 'categorical', name: c0.name, codes, dictionary, valid };
  });
  return new Table(cols, n);
}
