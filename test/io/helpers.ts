import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import type { RawColumn, RawTable } from '../../src/table/raw-table.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(ROOT, 'fixtures');
export const BAD = join(FIXTURES, 'bad');
export const ADULT = join(FIXTURES, 'adult.csv');

/** A fresh temp folder, removed after the enclosing suite; call it at module or describe level, not inside a test. */
export function tempDir(prefix = 'synthgate-io-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `content` to `dir/name` and returns the path. */
export function writeFixture(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A column's cells decoded back to strings (null for NA). */
export function cells(col: RawColumn): (string | null)[] {
  return Array.from(col.codes, (k) => (k < 0 ? null : col.dictionary[k]!));
}

/** The table as rows of decoded cells. */
export function rowsOf(raw: RawTable): (string | null)[][] {
  const cols = raw.columns.map(cells);
  return Array.from({ length: raw.numRows }, (_, r) => cols.map((c) => c[r]!));
}

/** The column named `name` (fails the test when absent). */
export function column(raw: RawTable, name: string): RawColumn {
  const c = raw.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name} in ${raw.columns.map((x) => x.name).join(', ')}`);
  return c;
}

/** Runs `fn` and returns the error it throws (fails when it does not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, none was thrown');
}
