import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { type Column, categoricalFromStrings, numericColumn } from '../../../src/table/column.js';
import { Table } from '../../../src/table/table.js';

/** /work/shared/reference: the peers' fixed Adult split (see its README.md). */
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

/**
 * Reads a CSV of the Adult reference split into a Table: the six numeric columns as numbers, every other
 * column as categorical strings (`?` kept as a category, as the peer runs did).
 */
export function readAdult(file: string): Table {
  const records: string[][] = parse(readFileSync(path.join(REFERENCE_DIR, file)), { skip_empty_lines: true });
  const header = records[0]!;
  const body = records.slice(1);
  const columns: Column[] = header.map((name, j) => {
    if (ADULT_NUMERIC.includes(name))
      return numericColumn(
        name,
        Float64Array.from(body, (r) => Number(r[j])),
      );
    return categoricalFromStrings(
      name,
      body.map((r) => r[j]!),
    );
  });
  return new Table(columns);
}

/** 1 where the income column is ">50K", else 0. */
export function incomeLabels(t: Table): Float64Array {
  const c = t.column('income');
  if (c.kind !== 'categorical') throw new Error('income must be categorical');
  return Float64Array.from(c.codes, (k) => (c.dictionary[k] === '>50K' ? 1 : 0));
}
