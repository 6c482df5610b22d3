/**
 * Test fixture: the Adult reference tables of ../shared/reference/ (see its README.md), loaded the
 * way the SDMetrics reference runs saw them: the six numeric columns as numerical, every other
 * column categorical, `?` kept as an ordinary category. Parsed tables are cached per test file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ColumnSchema, SchemaDocument } from '../../src/schema/types.js';
import { type Column, categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';

export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../../shared/reference');

export const ADULT_NUMERIC = [
  'age',
  'fnlwgt',
  'education-num',
  'capital-gain',
  'capital-loss',
  'hours-per-week',
];

/** The reference cases: `copy_train` is adult_train.csv itself used as "synthetic". */
export const REFERENCE_CASES = [
  'copy_train',
  'sdv_gaussiancopula',
  'sdv_ctgan_e50',
  'sdv_tvae_e50',
  'sdv_tvae_e300',
  'shuffle_columns',
] as const;

export type ReferenceCase = (typeof REFERENCE_CASES)[number];

const cache = new Map<string, Table>();

/** Parse a CSV of the reference folder into a Table (cached). */
export function loadAdultCsv(relative: string): Table {
  const hit = cache.get(relative);
  if (hit) return hit;
  const rows = parse(readFileSync(path.join(REFERENCE_DIR, relative)), {
    relaxColumnCount: false,
  }) as string[][];
  const header = rows[0]!;
  const n = rows.length - 1;
  const columns: Column[] = header.map((name, j) => {
    if (ADULT_NUMERIC.includes(name)) {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const s = rows[i + 1]![j]!;
        v[i] = s === '' ? Number.NaN : Number(s);
      }
      return numericColumn(name, v);
    }
    return categoricalFromStrings(
      name,
      rows.slice(1).map((r) => (r[j] === '' ? null : r[j]!)),
    );
  });
  const t = new Table(columns, n);
  cache.set(relative, t);
  return t;
}

export function loadReal(): Table {
  return loadAdultCsv('adult_train.csv');
}

export function loadHoldout(): Table {
  return loadAdultCsv('adult_holdout.csv');
}

export function loadSynthetic(c: ReferenceCase): Table {
  return c === 'copy_train' ? loadReal() : loadAdultCsv(`synthetic/${c}.csv`);
}

/** The metadata every reference run used: numeric columns numerical, all others categorical. */
export function adultSchema(table: Table = loadReal()): SchemaDocument {
  const columns: ColumnSchema[] = table.names.map((name) =>
    ADULT_NUMERIC.includes(name)
      ? { name, sdtype: 'numerical', representation: 'integer', min: 0, max: 0, decimals: 0 }
      : { name, sdtype: 'categorical' },
  );
  return { synthgateSchema: 1, columns };
}

export interface SdmetricsReference {
  quality: {
    pairs_scored: number;
    pairs_total: number;
    overall: number;
    column_shapes: number;
    column_pair_trends: number;
  };
  quality_all_pairs: { overall: number; column_shapes: number; column_pair_trends: number };
  diagnostic: { overall: number; data_validity: number; data_structure: number };
}

export function loadSdmetricsReference(c: ReferenceCase): SdmetricsReference {
  return JSON.parse(
    readFileSync(path.join(REFERENCE_DIR, 'sdmetrics', `${c}.json`), 'utf8'),
  ) as SdmetricsReference;
}
