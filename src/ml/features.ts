import { InputError } from '../errors.js';
import type { CategoricalColumn, Column } from '../table/column.js';
import type { Table } from '../table/table.js';

/**
 * A numeric design matrix for the learners in `src/ml/`: column-major, one `Float64Array` per
 * feature, `NaN` = missing. Categorical features hold category codes `0..cardinality-1` (as doubles),
 * so learners can treat them as categories rather than numbers.
 */
export interface FeatureMatrix {
  nRows: number;
  nFeatures: number;
  names: string[];
  /** column-major, one Float64Array per feature; NaN = missing */
  columns: Float64Array[];
  /** true when the feature holds category codes (0..k-1) */
  categorical: boolean[];
  /** Number of categories of a categorical feature; 0 for numeric features. */
  cardinality: number[];
}

/** Turns tables with the same columns into aligned feature matrices (same codes for the same strings). */
export interface FeatureEncoder {
  /** encode any table with the same columns (categories unseen at fit → NaN) */
  encode(table: Table): FeatureMatrix;
  readonly names: string[];
}

interface NumericSpec {
  kind: 'numeric';
  name: string;
}
interface CategoricalSpec {
  kind: 'categorical';
  name: string;
  categories: string[];
  index: Map<string, number>;
}
type FeatureSpec = NumericSpec | CategoricalSpec;

/**
 * Learns how to encode `columns` of one table, or of several tables at once (e.g. real and synthetic,
 * so that every category seen in either gets a code). Numeric columns pass through (null → NaN);
 * categorical columns map each string to a code in a dictionary built from the reference table(s) —
 * by string value, so tables with different dictionaries (real vs synthetic) line up. Categories
 * listed in a dictionary but never present in the reference rows get no code.
 *
 * @example
 * const enc = fitFeatureEncoder([real, synthetic], ['age', 'workclass']);
 * const Xr = enc.encode(real); // Xr.categorical => [false, true]
 * const Xs = enc.encode(synthetic); // same codes for the same workclass strings
 */
export function fitFeatureEncoder(
  reference: Table | readonly Table[],
  columns: readonly string[],
): FeatureEncoder {
  const tables: readonly Table[] = Array.isArray(reference) ? reference : [reference as Table];
  if (tables.length === 0) throw new Error('fitFeatureEncoder needs at least one reference table');
  const specs: FeatureSpec[] = columns.map((name) => {
    const cols = tables.map((t) => t.column(name));
    const kinds = new Set(cols.map((c) => c.kind));
    if (kinds.size > 1)
      throw new InputError(
        'E_ML_COLUMN_KIND',
        `column "${name}" is numeric in one table and categorical in another`,
        {
          location: { column: name },
          hint: 'materialize every table with the same schema so each column has one sdtype',
        },
      );
    if (cols[0]!.kind === 'numeric') return { kind: 'numeric', name };
    const categories: string[] = [];
    const index = new Map<string, number>();
    for (const c of cols as CategoricalColumn[]) {
      for (const k of presentCodes(c)) {
        const s = c.dictionary[k]!;
        if (!index.has(s)) {
          index.set(s, categories.length);
          categories.push(s);
        }
      }
    }
    return { kind: 'categorical', name, categories, index };
  });
  const names = specs.map((s) => s.name);
  return {
    names,
    encode(table: Table): FeatureMatrix {
      const n = table.numRows;
      return {
        nRows: n,
        nFeatures: specs.length,
        names: [...names],
        columns: specs.map((s) => encodeColumn(s, table.column(s.name), n)),
        categorical: specs.map((s) => s.kind === 'categorical'),
        cardinality: specs.map((s) => (s.kind === 'categorical' ? s.categories.length : 0)),
      };
    },
  };
}

/** Dictionary codes that occur in at least one valid row, ascending. */
function presentCodes(c: CategoricalColumn): number[] {
  const seen = new Uint8Array(c.dictionary.length);
  for (let i = 0; i < c.codes.length; i++) if (c.valid.get(i)) seen[c.codes[i]!] = 1;
  const out: number[] = [];
  for (let k = 0; k < seen.length; k++) if (seen[k]) out.push(k);
  return out;
}

function encodeColumn(spec: FeatureSpec, col: Column, n: number): Float64Array {
  const out = new Float64Array(n);
  if (spec.kind === 'numeric') {
    if (col.kind !== 'numeric') throw kindMismatch(spec.name, 'numeric', 'categorical');
    for (let i = 0; i < n; i++) out[i] = col.valid.get(i) ? col.values[i]! : Number.NaN;
    return out;
  }
  if (col.kind !== 'categorical') throw kindMismatch(spec.name, 'categorical', 'numeric');
  const map = new Float64Array(col.dictionary.length);
  for (let k = 0; k < map.length; k++) map[k] = spec.index.get(col.dictionary[k]!) ?? Number.NaN;
  for (let i = 0; i < n; i++) out[i] = col.valid.get(i) ? map[col.codes[i]!]! : Number.NaN;
  return out;
}

function kindMismatch(name: string, expected: string, got: string): InputError {
  return new InputError(
    'E_ML_COLUMN_KIND',
    `column "${name}" was ${expected} when the encoder was fitted but is ${got} here`,
    {
      location: { column: name },
      hint: 'encode tables materialized with the same schema as the reference table',
    },
  );
}

/**
 * Rows `rows` of a feature matrix, in that order (rows may repeat): the train/test subsets of
 * cross-validation.
 *
 * @example
 * const Xtest = takeRows(X, Uint32Array.of(4, 0)); // Xtest.nRows => 2
 */
export function takeRows(X: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const m = rows.length;
  const columns = X.columns.map((src) => {
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) out[i] = src[rows[i]!]!;
    return out;
  });
  return {
    nRows: m,
    nFeatures: X.nFeatures,
    names: [...X.names],
    columns,
    categorical: [...X.categorical],
    cardinality: [...X.cardinality],
  };
}
