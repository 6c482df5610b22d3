import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { type Column, categoricalFromStrings, numericColumn } from '../../../src/table/column.js';
import { Table } from '../../../src/table/table.js';

/** /work/shared/reference: the peers' fixed Adult split and their figures (see its README.md). */
export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../../../shared/reference');

/** Adult's numeric columns, as every peer run declared them (reference/README.md, "Metadata"). */
export const ADULT_NUMERIC = ['age', 'fnlwgt', 'education-num', 'capital-gain', 'capital-loss', 'hours-per-week'];

const cache = new Map<string, Table>();

/**
 * A reference CSV as a Table: the six numeric columns as numbers, every other column categorical
 * (`?` kept as an ordinary category, as the peer runs did). Parsed once per test file.
 */
export function readReference(file: string): Table {
  const hit = cache.get(file);
  if (hit) return hit;
  const records: string[][] = parse(readFileSync(path.join(REFERENCE_DIR, file)), { skip_empty_lines: true });
  const header = records[0]!;
  const body = records.slice(1);
  const columns: Column[] = header.map((name, j) =>
    ADULT_NUMERIC.includes(name)
      ? numericColumn(
          name,
          Float64Array.from(body, (r) => Number(r[j])),
        )
      : categoricalFromStrings(
          name,
          body.map((r) => r[j]!),
        ),
  );
  const t = new Table(columns);
  cache.set(file, t);
  return t;
}

/** A reference JSON file (anonymeter/, dcr_full/, sdmetrics/). */
export function readReferenceJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(path.join(REFERENCE_DIR, file), 'utf8')) as T;
}

/** The six reference cases: synthetic file per case (copy_train is the training split itself). */
export const CASES: Record<string, string> = {
  copy_train: 'adult_train.csv',
  shuffle_columns: 'synthetic/shuffle_columns.csv',
  sdv_gaussiancopula: 'synthetic/sdv_gaussiancopula.csv',
  sdv_ctgan_e50: 'synthetic/sdv_ctgan_e50.csv',
  sdv_tvae_e50: 'synthetic/sdv_tvae_e50.csv',
  sdv_tvae_e300: 'synthetic/sdv_tvae_e300.csv',
};
