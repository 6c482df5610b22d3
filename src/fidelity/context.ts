import { InputError } from '../errors.js';
import { DEFAULT_MIN_CELL_COUNT } from '../report/suppress.js';
import type { Rng } from '../rng.js';
import type { SchemaDocument, Sdtype } from '../schema/types.js';
import type { CategoricalColumn, Column, NumericColumn } from '../table/column.js';
import type { Table } from '../table/table.js';

/** Which input table a value comes from. */
export type Side = 'real' | 'synthetic' | 'holdout';

/**
 * How SDMetrics 0.29 groups sdtypes: numerical and datetime are `continuous` (KS complement,
 * Pearson), categorical and boolean are `discrete` (TV complement, contingency tables).
 */
export type Shape = 'continuous' | 'discrete';

export interface ColumnInfo {
  name: string;
  sdtype: Sdtype;
  /** null when the column is excluded from shape and pair scores. */
  shape: Shape | null;
  /** Why an excluded column is excluded. */
  excludedReason?: string;
}

/**
 * Why id, pii and text columns take no part in Column Shapes / Column Pair Trends (SDMetrics skips
 * the same sdtypes): their values are meant to differ from the real ones, so a distribution match
 * would reward copying. They still appear in the diagnostics (missing values, key uniqueness, and
 * how many synthetic values repeat a real one).
 */
export const EXCLUSION_REASONS: Readonly<Record<'id' | 'pii' | 'text', string>> = {
  id: 'identifier: unique per row by design and regenerated, so its distribution carries no fidelity signal',
  pii: 'direct identifier replaced by fakes: matching real values would mean leaking them',
  text: 'free text: per-value frequencies are not a meaningful distribution; checked in diagnostics only',
};

/** A categorical column of every input table re-coded onto one dictionary (by string value). */
export interface AlignedCategories {
  /** Union of the values present in real, then synthetic, then holdout (first-appearance order). */
  dictionary: string[];
  /** Number of leading dictionary entries that occur in the real table. */
  realCategories: number;
  real: Int32Array;
  synthetic: Int32Array;
  holdout: Int32Array | null;
}

export interface FidelityContextInput {
  real: Table;
  synthetic: Table;
  holdout?: Table;
  schema: SchemaDocument;
  target?: string;
  rng: Rng;
  minCellCount?: number;
}

/**
 * Everything a metric needs: the inputs, the column roles from the schema, and memoized views of
 * the data shared between metrics (sorted non-null values, categories aligned across tables, …) so
 * that the whole report touches each column only a few times.
 *
 * @example
 * const ctx = new FidelityContext({ real, synthetic, schema, rng: new Rng(0) });
 * ctx.scored.map((c) => c.name); // columns that take part in shape/pair scores
 */
export class FidelityContext {
  readonly real: Table;
  readonly synthetic: Table;
  readonly holdout: Table | null;
  readonly schema: SchemaDocument;
  readonly target: string | null;
  readonly rng: Rng;
  readonly minCellCount: number;
  /** Every schema column, in schema order. */
  readonly columns: readonly ColumnInfo[];
  /** Columns scored by shape and pair metrics (numerical, datetime, categorical, boolean). */
  readonly scored: readonly ColumnInfo[];
  /** Columns excluded from shape and pair metrics (id, pii, text). */
  readonly excluded: readonly ColumnInfo[];
  private readonly memo = new Map<string, unknown>();

  constructor(input: FidelityContextInput) {
    this.real = input.real;
    this.synthetic = input.synthetic;
    this.holdout = input.holdout ?? null;
    this.schema = input.schema;
    this.target = input.target ?? null;
    this.rng = input.rng;
    this.minCellCount = input.minCellCount ?? DEFAULT_MIN_CELL_COUNT;
    if (!Number.isInteger(this.minCellCount) || this.minCellCount < 1) {
      throw new InputError(
        'E_FIDELITY_MIN_CELL',
        `minCellCount must be a positive integer, got ${this.minCellCount}`,
        {
          hint: 'pass a whole number such as 10 (the default)',
        },
      );
    }
    this.columns = input.schema.columns.map((c) => {
      const shape = shapeOf(c.sdtype);
      return shape
        ? { name: c.name, sdtype: c.sdtype, shape }
        : {
            name: c.name,
            sdtype: c.sdtype,
            shape: null,
            excludedReason: EXCLUSION_REASONS[c.sdtype as 'id' | 'pii' | 'text'],
          };
    });
    this.scored = this.columns.filter((c) => c.shape !== null);
    this.excluded = this.columns.filter((c) => c.shape === null);
    if (this.target !== null && !this.columns.some((c) => c.name === this.target)) {
      throw new InputError('E_FIDELITY_TARGET', `target column "${this.target}" is not in the schema`, {
        location: { column: this.target },
        hint: `choose one of: ${this.columns.map((c) => c.name).join(', ')}`,
      });
    }
  }

  /** Compute once per context. */
  memoize<T>(key: string, fn: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = fn();
    this.memo.set(key, v);
    return v;
  }

  table(side: Side): Table {
    if (side === 'real') return this.real;
    if (side === 'synthetic') return this.synthetic;
    if (!this.holdout) throw new Error('no holdout table was given');
    return this.holdout;
  }

  /** The sides that are present: real, synthetic, and holdout when given. */
  sides(): Side[] {
    return this.holdout ? ['real', 'synthetic', 'holdout'] : ['real', 'synthetic'];
  }

  column(side: Side, name: string): Column {
    const t = this.table(side);
    if (!t.has(name)) {
      throw new InputError('E_FIDELITY_COLUMN_MISSING', `the ${side} table has no column "${name}"`, {
        location: { column: name },
        hint: `give every table the columns of the schema (the ${side} table has: ${t.names.slice(0, 20).join(', ')})`,
      });
    }
    return t.column(name);
  }

  numeric(side: Side, name: string): NumericColumn {
    const c = this.column(side, name);
    if (c.kind !== 'numeric') throw kindError(side, name, 'numeric', 'categorical');
    return c;
  }

  categorical(side: Side, name: string): CategoricalColumn {
    const c = this.column(side, name);
    if (c.kind !== 'categorical') throw kindError(side, name, 'categorical', 'numeric');
    return c;
  }

  /** Non-null values of a numeric column, sorted ascending (cached). */
  sortedValues(side: Side, name: string): Float64Array {
    return this.memoize(`sorted:${side}:${name}`, () => {
      const c = this.numeric(side, name);
      const out = new Float64Array(c.valid.count());
      let k = 0;
      for (let i = 0; i < c.values.length; i++)
        if (c.valid.get(i) && !Number.isNaN(c.values[i]!)) out[k++] = c.values[i]!;
      return out.subarray(0, k).sort();
    });
  }

  /** Number of null cells of a column on one side (NaN counts as null for numeric columns). */
  nullCount(side: Side, name: string): number {
    return this.memoize(`nulls:${side}:${name}`, () => {
      const c = this.column(side, name);
      if (c.kind === 'numeric') return c.values.length - this.sortedValues(side, name).length;
      return c.codes.length - c.valid.count();
    });
  }

  /** A categorical column of every table coded onto one shared dictionary (-1 = null). */
  aligned(name: string): AlignedCategories {
    return this.memoize(`aligned:${name}`, () => {
      const dictionary: string[] = [];
      const index = new Map<string, number>();
      const encode = (side: Side): Int32Array => {
        const c = this.categorical(side, name);
        const present = new Uint8Array(c.dictionary.length);
        for (let i = 0; i < c.codes.length; i++)
          if (c.valid.get(i) && c.codes[i]! >= 0) present[c.codes[i]!] = 1;
        const map = new Int32Array(c.dictionary.length).fill(-1);
        for (let k = 0; k < c.dictionary.length; k++) {
          if (!present[k]) continue;
          const s = c.dictionary[k]!;
          let code = index.get(s);
          if (code === undefined) {
            code = dictionary.length;
            dictionary.push(s);
            index.set(s, code);
          }
          map[k] = code;
        }
        const out = new Int32Array(c.codes.length);
        for (let i = 0; i < out.length; i++)
          out[i] = c.valid.get(i) && c.codes[i]! >= 0 ? map[c.codes[i]!]! : -1;
        return out;
      };
      const real = encode('real');
      const realCategories = dictionary.length;
      const synthetic = encode('synthetic');
      const holdout = this.holdout ? encode('holdout') : null;
      return { dictionary, realCategories, real, synthetic, holdout };
    });
  }

  /** Aligned codes of one side. */
  alignedCodes(side: Side, name: string): Int32Array {
    const a = this.aligned(name);
    const codes = side === 'real' ? a.real : side === 'synthetic' ? a.synthetic : a.holdout;
    if (!codes) throw new Error('no holdout table was given');
    return codes;
  }

  /** Counts per aligned category on one side (length = dictionary size), nulls excluded. */
  categoryCounts(side: Side, name: string): Float64Array {
    return this.memoize(`counts:${side}:${name}`, () => {
      const a = this.aligned(name);
      const codes = this.alignedCodes(side, name);
      const out = new Float64Array(a.dictionary.length);
      for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) out[codes[i]!]!++;
      return out;
    });
  }
}

function shapeOf(sdtype: Sdtype): Shape | null {
  if (sdtype === 'numerical' || sdtype === 'datetime') return 'continuous';
  if (sdtype === 'categorical' || sdtype === 'boolean') return 'discrete';
  return null;
}

function kindError(side: Side, name: string, expected: string, got: string): InputError {
  return new InputError(
    'E_FIDELITY_COLUMN_KIND',
    `column "${name}" of the ${side} table is ${got}, but its sdtype needs a ${expected} column`,
    {
      location: { column: name },
      hint: 'materialize the real, synthetic and holdout tables with the same schema',
    },
  );
}
