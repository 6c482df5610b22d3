import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fsErrorToInputError } from '../../src/io/fs-errors.js';
import { checkInputFile } from '../../src/io/input-file.js';
import { formatForPath, readTable, requireRows } from '../../src/io/read-table.js';
import { caught, rowsOf, tempDir, writeFixture } from './helpers.js';

const dir = tempDir();

describe('formatForPath', () => {
  it('maps extensions case-insensitively; unknown ones are CSV with detection', () => {
    expect(
      [
        'a.csv',
        'a.TSV',
        'a.txt',
        'a.psv',
        'a.parquet',
        'a.PQ',
        'a.json',
        'a.ndjson',
        'a.jsonl',
        'a.dat',
        'noext',
      ].map(formatForPath),
    ).toEqual([
      { format: 'csv' },
      { format: 'csv', delimiter: '\t' },
      { format: 'csv' },
      { format: 'csv', delimiter: '|' },
      { format: 'parquet' },
      { format: 'parquet' },
      { format: 'json' },
      { format: 'ndjson' },
      { format: 'ndjson' },
      { format: 'csv' },
      { format: 'csv' },
    ]);
  });
});

describe('readTable', () => {
  it('dispatches on the extension', async () => {
    const rows = [['1', 'x']];
    expect(rowsOf(await readTable(writeFixture(dir, 'a.csv', 'n,s\n1,x\n')))).toEqual(rows);
    expect(rowsOf(await readTable(writeFixture(dir, 'a.json', '[{"n": 1, "s": "x"}]')))).toEqual(rows);
    expect(rowsOf(await readTable(writeFixture(dir, 'a.jsonl', '{"n": 1, "s": "x"}\n')))).toEqual(rows);
    expect(rowsOf(await readTable(writeFixture(dir, 'a.data', 'n;s\n1;x\n')))).toEqual(rows);
  });

  it('reads .tsv as tab-separated even when commas would look consistent', async () => {
    const raw = await readTable(writeFixture(dir, 'a.tsv', 'name\nSmith, J\nDoe, A\n'));
    expect(raw.source.delimiter).toBe('\t');
    expect(rowsOf(raw)).toEqual([['Smith, J'], ['Doe, A']]);
  });

  it('lets opts.delimiter win over the extension', async () => {
    const raw = await readTable(writeFixture(dir, 'b.tsv', 'a;b\n1;2\n'), { delimiter: ';' });
    expect(raw.columns.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('checks the path first: missing, folder, not a regular file', async () => {
    expect(await caught(() => readTable(join(dir, 'missing.parquet')))).toMatchObject({
      code: 'E_NOT_FOUND',
    });
    const sub = join(dir, 'folder.csv');
    mkdirSync(sub);
    expect(await caught(() => readTable(sub))).toMatchObject({ code: 'E_IS_DIRECTORY' });
    expect(await caught(() => readTable('/dev/null'))).toMatchObject({ code: 'E_NOT_A_FILE' });
    const file = writeFixture(dir, 'plain', 'x');
    expect(await caught(() => readTable(join(file, 'child.csv')))).toMatchObject({ code: 'E_BAD_PATH' });
  });

  it('follows symbolic links to regular files', async () => {
    const target = writeFixture(dir, 'target.csv', 'a\n1\n');
    const link = join(dir, 'link.csv');
    symlinkSync(target, link);
    expect((await checkInputFile(link)).bytes).toBe(4);
  });

  it('maps EACCES to E_PERMISSION (checked on the mapping: tests may run as root, who can read anything)', async () => {
    const path = writeFixture(dir, 'locked.csv', 'a\n1\n');
    chmodSync(path, 0o000);
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) expect(await caught(() => readTable(path))).toMatchObject({ code: 'E_PERMISSION' });
    const e = fsErrorToInputError(Object.assign(new Error('denied'), { code: 'EACCES' }), path, 'read');
    expect(e).toMatchObject({ code: 'E_PERMISSION', message: `permission denied: cannot read ${path}` });
  });

  it('re-exports requireRows', async () => {
    const raw = await readTable(writeFixture(dir, 'one.csv', 'a\n1\n'));
    expect(() => requireRows(raw, 2, 'auditing')).toThrow('auditing needs at least 2 data rows, found 1');
  });
});

describe('fsErrorToInputError', () => {
  it('gives each errno a stable code and leaves non-fs errors alone', () => {
    const codes = ['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES', 'EROFS', 'ENOSPC', 'EPIPE', 'EIO'].map(
      (code) =>
        (fsErrorToInputError(Object.assign(new Error(code), { code }), 'f.csv', 'write') as { code: string })
          .code,
    );
    expect(codes).toEqual([
      'E_NOT_FOUND',
      'E_IS_DIRECTORY',
      'E_BAD_PATH',
      'E_PERMISSION',
      'E_PERMISSION',
      'E_DISK_FULL',
      'E_OUTPUT_CLOSED',
      'E_WRITE_FAILED',
    ]);
    const bug = new TypeError('x');
    expect(fsErrorToInputError(bug, 'f.csv', 'read')).toBe(bug);
  });
});
