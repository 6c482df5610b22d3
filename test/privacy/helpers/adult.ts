/**
 * The Adult reference split of ../shared/reference/ for the privacy tests. Reading and typing are
 * shared with the fidelity tests (test/fidelity/adult-fixture.ts: synthgate's own `readTable` +
 * `materialize` under the peers' metadata, `?` an ordinary category, cached per test file); this
 * module adds the privacy-specific names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAdultCsv, REFERENCE_DIR } from '../../fidelity/adult-fixture.js';

export { ADULT_NUMERIC, adultSchema, REFERENCE_DIR } from '../../fidelity/adult-fixture.js';

/** A reference CSV (path relative to the reference folder) as a typed Table. */
export const loadReference = loadAdultCsv;

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
