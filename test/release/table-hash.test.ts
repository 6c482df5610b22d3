import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../src/output.js';
import { tableCsvSha256 } from '../../src/release/table-hash.js';
import type { ColumnSchema } from '../../src/schema/types.js';
import { catColumn, floatColumn, intColumn, schemaOf, tableOf, tempDir } from './helpers.js';

const dir = tempDir();
const fileSha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

const schema = schemaOf([
  intColumn('age', 0, 120),
  floatColumn('score', -10, 10, 2),
  catColumn('note', { nullToken: '?' }),
  { name: 'day', sdtype: 'datetime', format: 'DD/MM/YYYY' } as ColumnSchema,
]);

describe('tableCsvSha256', () => {
  it('equals the SHA-256 and size of the CSV writeTableCsv writes (quotes, nulls, decimals, dates)', async () => {
    const table = tableOf(
      ['age', 'score', 'note', 'day'],
      [
        [31, 1.5, 'plain', Date.UTC(1998, 5, 12)],
        [45, -2.25, 'with, comma', Date.UTC(2001, 0, 2)],
        [null, 3, 'say "hi"\nnext line', null],
        [7, null, null, Date.UTC(2020, 11, 31)],
      ],
    );
    const path = join(dir, 'small.csv');
    const written = await writeTableCsv(path, table, schema);
    const hashed = tableCsvSha256(table, schema);
    expect(hashed.sha256).toBe(fileSha(path));
    expect(hashed.bytes).toBe(statSync(path).size);
    expect(written.sha256).toBe(hashed.sha256);
    // The text really holds the cases above (so the equality is not between two empty files).
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('"with, comma"');
    expect(text).toContain(',?,');
    expect(text).toContain('12/06/1998');
  });

  it('stays equal past its 1 MiB flush boundary', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => [
      i % 120,
      ((i % 2000) - 1000) / 100,
      `n${i % 97}`,
      Date.UTC(2000, 0, 1 + (i % 3000)),
    ]);
    const table = tableOf(['age', 'score', 'note', 'day'], rows);
    const path = join(dir, 'large.csv');
    await writeTableCsv(path, table, schema);
    const hashed = tableCsvSha256(table, schema);
    expect(statSync(path).size).toBeGreaterThan(1 << 20);
    expect(hashed).toEqual({ sha256: fileSha(path), bytes: statSync(path).size });
  });
});
