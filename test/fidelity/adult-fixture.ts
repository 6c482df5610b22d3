/**
 * Test fixture: the Adult reference tables of ../shared/reference/ (see its README.md), read with
 * synthgate's own ingest (`readTable`) and typed with `materialize` under the metadata every
 * SDMetrics reference run used: the six numeric columns numerical, every other column categorical,
 * `?` an ordinary category (it is not an NA token). Parsed tables are cached per test file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readTable } from '../../src/io/read-table.js';
import { materialize } from '../../src/schema/materialize.js';
import type { ColumnSchema, SchemaDocument } from '../../src/schema/types.js';
import type { Table } from '../../src/table/table.js';

export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../../shared/reference');

export const ADULT_NUMERIC = [
  'age',
  'fnlwgt',
  'education-num',
  'capital-gain',
  'capital-loss',
  'hours-per-week',
];

export const ADULT_COLUMNS = [
  'age',
  'workclass',
  'fnlwgt',
  'education',
  'education-num',
  'marital-status',
  'occupation',
  'relationship',
  'race',
  'sex',
  'capital-gain',
  'capital-loss',
  'hours-per-week',
  'native-country',
  'income',
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

const cache = new Map<string, Promise<Table>>();

/** Read a CSV of the reference folder into a typed Table (cached). */
export function loadAdultCsv(relative: string): Promise<Table> {
  let hit = cache.get(relative);
  if (!hit) {
    hit = readTable(path.join(REFERENCE_DIR, relative)).then((raw) => materialize(raw, adultSchema()));
    cache.set(relative, hit);
  }
  return hit;
}

export function loadReal(): Promise<Table> {
  return loadAdultCsv('adult_train.csv');
}

export function loadHoldout(): Promise<Table> {
  return loadAdultCsv('adult_holdout.csv');
}

export function loadSynthetic(c: ReferenceCase): Promise<Table> {
  return c === 'copy_train' ? loadReal() : loadAdultCsv(`synthetic/${c}.csv`);
}

/** The metadata every reference run used: numeric columns numerical, all others categorical. */
export function adultSchema(): SchemaDocument {
  const columns: ColumnSchema[] = ADULT_COLUMNS.map((name) =>
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
