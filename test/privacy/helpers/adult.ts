/**
 * The Adult reference split of ../shared/reference/ (see its README.md), read with synthgate's own
 * ingest (`readTable`) and typed by `materialize` under the metadata every peer run used: the six
 * numeric columns numerical, every other column categorical, `?` an ordinary category. Cached per
 * test file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readTable } from '../../../src/io/read-table.js';
import { materialize } from '../../../src/schema/materialize.js';
import type { ColumnSchema, SchemaDocument } from '../../../src/schema/types.js';
import type { Table } from '../../../src/table/table.js';

/** /work/shared/reference: the peers' fixed Adult split and their figures. */
export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../../../shared/reference');

/** Adult's numeric columns, as every peer run declared them (reference/README.md, "Metadata"). */
export const ADULT_NUMERIC = [
  'age',
  'fnlwgt',
  'education-num',
  'capital-gain',
  'capital-loss',
  'hours-per-week',
];

const ADULT_COLUMNS = [
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

/** The reference metadata as a schema (no privacy roles: the peers had none). */
export function adultSchema(): SchemaDocument {
  const columns: ColumnSchema[] = ADULT_COLUMNS.map((name) =>
    ADULT_NUMERIC.includes(name)
      ? { name, sdtype: 'numerical', representation: 'integer', min: 0, max: 0, decimals: 0 }
      : { name, sdtype: 'categorical' },
  );
  return { synthgateSchema: 1, columns };
}

const cache = new Map<string, Promise<Table>>();

/** A reference CSV (path relative to the reference folder) as a typed Table. */
export function loadReference(file: string): Promise<Table> {
  let hit = cache.get(file);
  if (!hit) {
    hit = readTable(path.join(REFERENCE_DIR, file)).then((raw) => materialize(raw, adultSchema()));
    cache.set(file, hit);
  }
  return hit;
}

/** A reference JSON file (anonymeter/, dcr_full/, sdmetrics/). */
export function readReferenceJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(path.join(REFERENCE_DIR, file), 'utf8')) as T;
}

/** The six reference cases and their synthetic file (copy_train is the training split itself). */
export const CASES = {
  copy_train: 'adult_train.csv',
  shuffle_columns: 'synthetic/shuffle_columns.csv',
  sdv_gaussiancopula: 'synthetic/sdv_gaussiancopula.csv',
  sdv_ctgan_e50: 'synthetic/sdv_ctgan_e50.csv',
  sdv_tvae_e50: 'synthetic/sdv_tvae_e50.csv',
  sdv_tvae_e300: 'synthetic/sdv_tvae_e300.csv',
} as const;

export type CaseName = keyof typeof CASES;
