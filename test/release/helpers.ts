/**
 * Small code-built tables and schemas for the release unit tests: every expected count in these tests
 * can be worked out by hand from the rows written here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { ColumnSchema, SchemaDocument } from '../../src/schema/types.js';
import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import type { RawColumn, RawTable } from '../../src/table/raw-table.js';
import { Table } from '../../src/table/table.js';

/** A fresh temp folder, removed after the enclosing suite; call it at module or describe level. */
export function tempDir(prefix = 'synthgate-release-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A cell: number (numeric column), string (categorical column) or null. */
export type Cell = number | string | null;

/**
 * A table from rows; a column is numeric when its first non-null cell is a number.
 *
 * @example
 * tableOf(['x', 'c'], [[1, 'a'], [null, 'b']]);
 */
export function tableOf(names: readonly string[], rows: readonly (readonly Cell[])[]): Table {
  return new Table(
    names.map((name, j) => {
      const cells = rows.map((r) => r[j] ?? null);
      const numeric = typeof cells.find((c) => c !== null) === 'number';
      if (numeric)
        return numericColumn(
          name,
          Float64Array.from(cells, (c) => (c === null ? Number.NaN : Number(c))),
        );
      return categoricalFromStrings(
        name,
        cells.map((c) => (c === null ? null : String(c))),
      );
    }),
    rows.length,
  );
}

/** A numerical integer column schema with bounds. */
export function intColumn(name: string, min: number, max: number): ColumnSchema {
  return { name, sdtype: 'numerical', representation: 'integer', min, max, decimals: 0 };
}

/** A numerical float column schema with bounds and decimals. */
export function floatColumn(name: string, min: number, max: number, decimals: number): ColumnSchema {
  return { name, sdtype: 'numerical', representation: 'float', min, max, decimals };
}

export function catColumn(name: string, extra: Partial<ColumnSchema> = {}): ColumnSchema {
  return { name, sdtype: 'categorical', ...extra } as ColumnSchema;
}

export function schemaOf(
  columns: ColumnSchema[],
  constraints?: SchemaDocument['constraints'],
): SchemaDocument {
  return { synthgateSchema: 1, columns, ...(constraints ? { constraints } : {}) };
}

/**
 * A RawTable (ingest output: every column dictionary-encoded strings) from string rows; `nullToken`
 * cells become nulls written back as that token.
 */
export function rawTableOf(
  path: string,
  names: readonly string[],
  rows: readonly (readonly string[])[],
  nullToken = '?',
): RawTable {
  const columns: RawColumn[] = names.map((name, j) => {
    const dictionary: string[] = [];
    const counts: number[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(rows.length);
    let nullCount = 0;
    rows.forEach((r, i) => {
      const s = r[j]!;
      if (s === nullToken) {
        codes[i] = -1;
        nullCount++;
        return;
      }
      let k = index.get(s);
      if (k === undefined) {
        k = dictionary.length;
        dictionary.push(s);
        counts.push(0);
        index.set(s, k);
      }
      counts[k]!++;
      codes[i] = k;
    });
    return { name, codes, dictionary, counts, nullCount, nullToken: nullCount ? nullToken : null };
  });
  return {
    source: { path, format: 'csv', sha256: '0'.repeat(64), bytes: 0, delimiter: ',', naTokens: [nullToken] },
    numRows: rows.length,
    columns,
  };
}
