import { createHash } from 'node:crypto';
import { CsvLineEncoder } from '../io/csv-line-encoder.js';
import { tableToRows } from '../schema/format-values.js';
import type { SchemaDocument } from '../schema/types.js';
import type { Table } from '../table/table.js';

/**
 * SHA-256 of a table as synthgate would write it (CSV in source formatting, LF line ends), without
 * writing it: how the manifest fingerprints the training split and the holdout, which never leave
 * memory. Anyone holding the input, the seed and the fraction can re-derive and compare them.
 */
export function tableCsvSha256(table: Table, schema: SchemaDocument): { sha256: string; bytes: number } {
  const header = schema.columns.map((c) => c.name);
  const enc = new CsvLineEncoder(',', header.length);
  const hash = createHash('sha256');
  let bytes = 0;
  let pending = enc.line(header);
  for (const row of tableToRows(table, schema)) {
    pending += enc.line(row);
    if (pending.length > 1 << 20) {
      const b = Buffer.from(pending, 'utf8');
      hash.update(b);
      bytes += b.length;
      pending = '';
    }
  }
  const b = Buffer.from(pending, 'utf8');
  hash.update(b);
  bytes += b.length;
  return { sha256: hash.digest('hex'), bytes };
}
