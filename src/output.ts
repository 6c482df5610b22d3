import { writeCsv } from './io/csv-writer.js';
import { tableToRows } from './schema/format-values.js';
import type { SchemaDocument } from './schema/types.js';
import type { Table } from './table/table.js';

/**
 * Write a table as CSV formatted like its source: columns in schema (= source) order, integers
 * without `.0`, the source's decimals, dates in the source format, nulls as the source's NA token.
 * Atomic (temp file + rename) unless `target` is `-` (stdout).
 */
export async function writeTableCsv(
  target: string,
  table: Table,
  schema: SchemaDocument,
): Promise<{ rows: number; bytes: number; sha256: string }> {
  return writeCsv(
    target,
    schema.columns.map((c) => c.name),
    tableToRows(table, schema),
  );
}
