import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type InputError, SynthgateError } from '../../src/errors.js';
import { readTable } from '../../src/io/read-table.js';
import type { RawTable } from '../../src/table/raw-table.js';
import { BAD, caught, cells, column, tempDir } from './helpers.js';

/** An expected error: code plus the location fields that must match. */
interface Fails {
  code: string;
  row?: number;
  column?: string;
  message?: RegExp;
}

/** What `readTable(file)` must give for each file of fixtures/bad (README.md says the same in words). */
const EXPECTED: Record<string, Fails | ((raw: RawTable) => void)> = {
  'empty.csv': { code: 'E_EMPTY_FILE' },
  'blank-lines-only.csv': { code: 'E_NO_HEADER' },
  'header-only.csv': (raw) => {
    expect(raw.numRows).toBe(0);
    expect(raw.columns.map((c) => c.name)).toEqual(['age', 'workclass', 'income']);
  },
  'one-row.csv': (raw) => {
    expect(raw.numRows).toBe(1);
    expect(raw.columns.map((c) => cells(c)[0])).toEqual(['39', 'State-gov', '<=50K']);
  },
  'ragged-rows.csv': { code: 'E_RAGGED_ROW', row: 3, message: /row 3 has 4 fields, expected 3/ },
  'unclosed-quote.csv': { code: 'E_UNCLOSED_QUOTE', row: 2, column: 'workclass' },
  'quote-inside-unquoted-field.csv': { code: 'E_INVALID_QUOTE', row: 1, column: 'height' },
  'text-after-closing-quote.csv': { code: 'E_INVALID_QUOTE', row: 1, column: 'name' },
  'duplicate-header.csv': { code: 'E_DUPLICATE_HEADER', row: 0, column: 'age' },
  'empty-header-name.csv': { code: 'E_EMPTY_HEADER_NAME', row: 0, message: /column 2 of 3/ },
  'binary.csv': { code: 'E_BINARY_FILE', message: /NUL byte at byte 8/ },
  'gzip.csv': { code: 'E_BINARY_FILE', message: /gzip-compressed/ },
  'utf16.csv': { code: 'E_UNSUPPORTED_ENCODING' },
  'invalid-utf8.csv': { code: 'E_INVALID_UTF8', row: 2 },
  'a-directory': { code: 'E_IS_DIRECTORY' },
  'bad.json': { code: 'E_BAD_JSON', message: /Malformed JSON/ },
  'empty-array.json': { code: 'E_NO_COLUMNS' },
  'not-really.parquet': { code: 'E_BAD_PARQUET' },
  'all-null-column.csv': (raw) => {
    expect(raw.numRows).toBe(4);
    expect(column(raw, 'comment')).toMatchObject({
      nullCount: 4,
      dictionary: [],
      counts: [],
      nullToken: 'NA',
    });
  },
  'constant-column.csv': (raw) => {
    expect(raw.numRows).toBe(4);
    expect(column(raw, 'country')).toMatchObject({
      dictionary: ['United-States'],
      counts: [4],
      nullCount: 0,
    });
  },
  'mixed-numbers-and-text.csv': (raw) => {
    expect(cells(column(raw, 'value'))).toEqual(['12', '3.5', 'abc', '-7', ' 8 ', '1e3']);
  },
  'huge-numbers.csv': (raw) => {
    expect(cells(column(raw, 'big'))).toEqual(['1e308', '1.5e308', '9.9e307']);
    expect(cells(column(raw, 'tiny'))).toEqual([
      '-1.7976931348623157e308',
      '5e-324',
      '2.2250738585072014e-308',
    ]);
    expect(cells(column(raw, 'count'))).toEqual([
      '12345678901234567890',
      '99999999999999999999',
      '-12345678901234567890',
    ]);
  },
  'infinity-nan.csv': (raw) => {
    expect(cells(column(raw, 'x'))).toEqual(['Infinity', '-Infinity', null, 'inf', '1.5', 'nan']);
    expect(column(raw, 'x').nullToken).toBe('NaN');
  },
  'mixed-na-tokens.csv': (raw) => {
    expect(cells(column(raw, 'score'))).toEqual([null, null, null, '7', null, null]);
    expect(column(raw, 'score')).toMatchObject({ nullCount: 5, nullToken: 'NA' });
  },
  'bom-crlf.csv': (raw) => {
    expect(raw.columns.map((c) => c.name)).toEqual(['age', 'workclass', 'income']);
    expect(cells(column(raw, 'workclass'))).toEqual(['State-gov', 'Self-emp, not inc']);
    expect(cells(column(raw, 'income'))).toEqual(['<=50K', '>50K']);
  },
  'semicolon-delimited.csv': (raw) => {
    expect(raw.source.delimiter).toBe(';');
    expect(cells(column(raw, 'weight'))).toEqual(['72,5', '80,1', '65']);
  },
  'tab-delimited.txt': (raw) => {
    expect(raw.source.delimiter).toBe('\t');
    expect(cells(column(raw, 'workclass'))).toEqual(['State-gov', 'Self-emp, not inc']);
  },
  'pipe-delimited.csv': (raw) => {
    expect(raw.source.delimiter).toBe('|');
    expect([raw.numRows, raw.columns.length]).toEqual([3, 3]);
  },
  'quoted-newlines.csv': (raw) => {
    expect(cells(column(raw, 'note'))).toEqual(['line one\nline two', 'she said "hi"\r\nthen left', 'a,b']);
    expect(cells(column(raw, 'city'))).toEqual(['Paris', 'Lyon', 'Nice']);
  },
};

/** Schema documents: valid Adult schemas except for one defect each (their errors belong to the schema loader). */
const SCHEMAS = ['schema-unknown-key.json', 'schema-min-gt-max.json'];
/** Files of the folder that are not inputs. */
const NOT_INPUTS = ['README.md', 'make-many-categories.mjs'];

describe('fixtures/bad at the reader level', () => {
  it.each(Object.keys(EXPECTED))('%s', async (file) => {
    const expected = EXPECTED[file]!;
    const path = join(BAD, file);
    if (typeof expected === 'function') {
      expected(await readTable(path));
      return;
    }
    const e = (await caught(() => readTable(path))) as InputError;
    expect(e).toBeInstanceOf(SynthgateError);
    expect(e.code).toBe(expected.code);
    expect(e.exitCode).toBe(2);
    expect(e.location.file).toBe(path);
    if (expected.row !== undefined) expect(e.location.row).toBe(expected.row);
    if (expected.column !== undefined) expect(e.location.column).toBe(expected.column);
    if (expected.message) expect(e.message).toMatch(expected.message);
    // One line, with a fix hint.
    expect(e.toLine()).not.toContain('\n');
    expect(e.hint).toBeTruthy();
  });

  const scratch = tempDir();

  it('many-categories.csv (generated): 100,000 distinct codes in one dictionary', async () => {
    const out = join(scratch, 'many-categories.csv');
    execFileSync(process.execPath, [join(BAD, 'make-many-categories.mjs'), out]);
    const raw = await readTable(out);
    expect(raw.numRows).toBe(100_000);
    expect(column(raw, 'code').dictionary.length).toBe(100_000);
    expect(column(raw, 'code').dictionary.slice(0, 3)).toEqual(['C0000', 'C0001', 'C0002']);
    expect(column(raw, 'group').counts).toEqual([14286, 14286, 14286, 14286, 14286, 14285, 14285]);
  });

  it.each(SCHEMAS)('%s is a full Adult schema with exactly its one defect', (file) => {
    const doc = JSON.parse(readFileSync(join(BAD, file), 'utf8'));
    expect(doc.synthgateSchema).toBe(1);
    expect(doc.na).toEqual(['', '?']);
    expect(doc.columns).toHaveLength(15);
    const age = doc.columns[0];
    if (file === 'schema-unknown-key.json') {
      expect(age).toMatchObject({ name: 'age', min: 17, max: 90, distribution: 'normal' });
    } else {
      expect(age).toMatchObject({ name: 'age', min: 90, max: 17 });
      expect(age.distribution).toBeUndefined();
    }
  });
});

describe('fixtures/bad/README.md', () => {
  const readme = readFileSync(join(BAD, 'README.md'), 'utf8');
  const rows = readme
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => l.split(/(?<!\\)\|/).map((c) => c.trim()));
  const outcome = new Map(
    rows.map((r) => [
      r[1]!
        .replace(/`/g, '')
        .replace(/ \(generated\)$/, '')
        .replace(/\/$/, ''),
      r[3]!,
    ]),
  );

  it('lists every file of the folder, and only those', () => {
    const files = readdirSync(BAD).filter((f) => !NOT_INPUTS.includes(f));
    expect([...outcome.keys()].filter((f) => f !== 'many-categories.csv').sort()).toEqual(files.sort());
  });

  it('gives the same reader outcome as this test', () => {
    for (const [file, expected] of Object.entries(EXPECTED)) {
      const cell = outcome.get(file)!;
      if (typeof expected === 'function') expect(cell, file).toMatch(/^ok: /);
      else expect(cell.split(' ')[0], file).toBe(expected.code);
    }
  });
});
