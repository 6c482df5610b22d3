/**
 * Aligns the same columns of several tables (train, synthetic, holdout…) onto common encodings, so
 * rows compare across tables: categorical values get codes on one union dictionary (matched by string,
 * as `recode` does), numbers stay numbers. Nulls: code -1, NaN.
 */
import { InputError } from '../errors.js';
import type { Table } from '../table/table.js';
import type { AuditTables } from './types.js';

export interface AlignedColumn {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  /** Union dictionary over all aligned tables (categorical only). */
  readonly dictionary: readonly string[];
}

/** One table's aligned columns: `Int32Array` codes (categorical) or `Float64Array` values (numeric). */
export interface AlignedTable {
  readonly numRows: number;
  readonly data: ReadonlyArray<Int32Array | Float64Array>;
}

export interface Alignment {
  readonly columns: readonly AlignedColumn[];
  readonly tables: readonly AlignedTable[];
}

/**
 * Align `columns` of every table. Throws `E_AUDIT_COLUMN_MISSING` when a column is absent from a table
 * and `E_AUDIT_COLUMN_KIND` when one table holds numbers and another categories for the same column.
 *
 * @example
 * const { tables } = alignTables([train, synthetic], ['age', 'sex']);
 * tables[1].data[1]; // synthetic "sex" codes on the union dictionary of both tables
 */
export function alignTables(
  tables: readonly Table[],
  columns: readonly string[],
  labels?: readonly string[],
): Alignment {
  const aligned: AlignedColumn[] = [];
  const data: (Int32Array | Float64Array)[][] = tables.map(() => []);
  for (const name of columns) {
    const cols = tables.map((t, i) => {
      if (!t.has(name))
        throw new InputError(
          'E_AUDIT_COLUMN_MISSING',
          `column "${name}" is missing from the ${labels?.[i] ?? `table #${i + 1}`}`,
          {
            location: { column: name },
            hint: 'train, synthetic and holdout must share the audited columns; pass --quasi/--sensitive to restrict them',
          },
        );
      return t.column(name);
    });
    const kind = cols[0]!.kind;
    if (cols.some((c) => c.kind !== kind))
      throw new InputError(
        'E_AUDIT_COLUMN_KIND',
        `column "${name}" is numeric in one table and categorical in another`,
        {
          location: { column: name },
          hint: 'materialize all three tables with the same schema so each column has one type',
        },
      );
    if (kind === 'numeric') {
      aligned.push({ name, kind, dictionary: [] });
      cols.forEach((c, i) => {
        if (c.kind !== 'numeric') return;
        const out = new Float64Array(c.values.length);
        for (let r = 0; r < out.length; r++) out[r] = c.valid.get(r) ? c.values[r]! : Number.NaN;
        data[i]!.push(out);
      });
    } else {
      const index = new Map<string, number>();
      const dictionary: string[] = [];
      cols.forEach((c, i) => {
        if (c.kind !== 'categorical') return;
        const map = c.dictionary.map((s) => {
          let k = index.get(s);
          if (k === undefined) {
            k = dictionary.length;
            dictionary.push(s);
            index.set(s, k);
          }
          return k;
        });
        const out = new Int32Array(c.codes.length);
        for (let r = 0; r < out.length; r++) out[r] = c.valid.get(r) ? map[c.codes[r]!]! : -1;
        data[i]!.push(out);
      });
      aligned.push({ name, kind, dictionary });
    }
  }
  return {
    columns: aligned,
    tables: tables.map((t, i) => ({ numRows: t.numRows, data: data[i]! })),
  };
}

/** An alignment of train, synthetic and holdout, with each aligned table by name. */
export interface AuditAlignment {
  alignment: Alignment;
  train: AlignedTable;
  synthetic: AlignedTable;
  holdout: AlignedTable;
}

/**
 * `alignTables` on train, synthetic and holdout, in that order (alignment tables 0, 1, 2), with the
 * labels the audits' errors name.
 *
 * @example
 * const { alignment, synthetic } = alignAuditTables(tables, ['age', 'sex']);
 */
export function alignAuditTables(tables: AuditTables, columns: readonly string[]): AuditAlignment {
  const alignment = alignTables([tables.train, tables.synthetic, tables.holdout], columns, [
    'training table',
    'synthetic table',
    'holdout table',
  ]);
  const [train, synthetic, holdout] = alignment.tables as [AlignedTable, AlignedTable, AlignedTable];
  return { alignment, train, synthetic, holdout };
}

/** Rows `rows` of an aligned table. */
export function takeAligned(t: AlignedTable, rows: ArrayLike<number>): AlignedTable {
  return {
    numRows: rows.length,
    data: t.data.map((col) => {
      const out = col instanceof Float64Array ? new Float64Array(rows.length) : new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = col[rows[i]!]!;
      return out;
    }),
  };
}
