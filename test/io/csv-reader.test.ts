import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError, SynthgateError, UsageError } from '../../src/errors.js';
import { readCsv } from '../../src/io/csv-reader.js';
import { requireRows } from '../../src/io/require-rows.js';
import { DEFAULT_NA_TOKENS } from '../../src/table/raw-table.js';
import { ADULT_COLUMNS } from '../fidelity/adult-fixture.js';
import { ADULT, caught, cells, column, rowsOf, tempDir, writeFixture } from './helpers.js';

const dir = tempDir();

async function readText(name: string, text: string | Uint8Array, opts = {}) {
  return readCsv(writeFixture(dir, name, text), opts);
}

describe('readCsv on fixtures/adult.csv', () => {
  it('reads all 32,561 rows and 15 columns with ? as the NA token', async () => {
    const raw = await readCsv(ADULT, { naTokens: [...DEFAULT_NA_TOKENS, '?'] });
    expect(raw.numRows).toBe(32561);
    expect(raw.columns.map((c) => c.name)).toEqual(ADULT_COLUMNS);
    // Missing-value counts from /work/shared/datasets/README.md.
    expect(column(raw, 'workclass').nullCount).toBe(1836);
    expect(column(raw, 'occupation').nullCount).toBe(1843);
    expect(column(raw, 'native-country').nullCount).toBe(583);
    expect(column(raw, 'workclass').nullToken).toBe('?');
    expect(column(raw, 'age').nullToken).toBeNull();
    expect(column(raw, 'sex').dictionary).toEqual(['Male', 'Female']);
    expect(column(raw, 'income').dictionary).toEqual(['<=50K', '>50K']);
    expect(rowsOf(raw)[0]).toEqual([
      '39',
      'State-gov',
      '77516',
      'Bachelors',
      '13',
      'Never-married',
      'Adm-clerical',
      'Not-in-family',
      'White',
      'Male',
      '2174',
      '0',
      '40',
      'United-States',
      '<=50K',
    ]);
    for (const c of raw.columns) {
      expect(c.codes.length).toBe(32561);
      expect(c.counts.reduce((a, b) => a + b, 0) + c.nullCount).toBe(32561);
    }
  });

  it('records the SHA-256 and size of the bytes read, equal to node:crypto over the whole file', async () => {
    const raw = await readCsv(ADULT);
    const bytes = readFileSync(ADULT);
    expect(raw.source).toMatchObject({ path: ADULT, format: 'csv', delimiter: ',', bytes: bytes.length });
    expect(raw.source.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(raw.source.naTokens).toEqual(DEFAULT_NA_TOKENS);
  });

  it('reports progress after each chunk, ending at the file size', async () => {
    const calls: [number, number][] = [];
    await readCsv(ADULT, { onProgress: (done, total) => calls.push([done, total]) });
    const size = readFileSync(ADULT).length;
    expect(calls.length).toBe(Math.ceil(size / (256 * 1024)));
    expect(calls.every(([, total]) => total === size)).toBe(true);
    expect(calls.map(([done]) => done)).toEqual([...calls.map(([done]) => done)].sort((a, b) => a - b));
    expect(calls.at(-1)).toEqual([size, size]);
  });
});

describe('readCsv quoting and line endings', () => {
  it('unquotes RFC 4180 fields: delimiters, doubled quotes, LF and CRLF inside quotes, spaces kept', async () => {
    const raw = await readText(
      'quoted.csv',
      'a,b,c\n"x, y","say ""hi""","two\nlines"\n" lead","trail ","cr\r\nlf"\n',
    );
    expect(rowsOf(raw)).toEqual([
      ['x, y', 'say "hi"', 'two\nlines'],
      [' lead', 'trail ', 'cr\r\nlf'],
    ]);
  });

  it('reads CRLF, CR-only and mixed line endings alike, with or without a final newline', async () => {
    const expected = [
      ['1', 'x'],
      ['2', 'y'],
    ];
    expect(rowsOf(await readText('crlf.csv', 'a,b\r\n1,x\r\n2,y\r\n'))).toEqual(expected);
    expect(rowsOf(await readText('cr.csv', 'a,b\r1,x\r2,y'))).toEqual(expected);
    expect(rowsOf(await readText('mixed.csv', 'a,b\n1,x\r\n2,y\r'))).toEqual(expected);
  });

  it('drops a UTF-8 byte-order mark from the first header name', async () => {
    const raw = await readText('bom.csv', '\ufeffname,city\r\nAda,Zürich\r\n');
    expect(raw.columns.map((c) => c.name)).toEqual(['name', 'city']);
    expect(cells(column(raw, 'city'))).toEqual(['Zürich']);
  });

  it('skips blank lines, but keeps a quoted empty line of a one-column file as a row', async () => {
    expect(rowsOf(await readText('blank.csv', 'a,b\n\n1,2\n\n\n3,4\n\n'))).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(rowsOf(await readText('one-col.csv', 'a\nx\n""\ny\n'))).toEqual([['x'], [null], ['y']]);
  });

  it('keeps multi-byte characters intact across 256 KiB chunk boundaries', async () => {
    // 'é' is 2 bytes, '😀' is 4: with these line lengths boundaries fall inside characters.
    const lines = ['word'];
    for (let i = 0; i < 40_000; i++) lines.push(i % 3 === 0 ? `é${i}😀` : `ü${i}`);
    const raw = await readText('chunks.csv', `${lines.join('\n')}\n`);
    expect(raw.numRows).toBe(40_000);
    expect(cells(raw.columns[0]!)).toEqual(lines.slice(1));
  });
});

describe('readCsv delimiters', () => {
  it.each([
    [';', 'a;b;c\n1;2,5;x\n4;5;y\n'],
    ['\t', 'a\tb\tc\n1\t2,5\tx\n4\t5\ty\n'],
    ['|', 'a|b|c\n1|2;5|x\n4|5|y\n'],
    [',', 'a,b,c\n1,"2;5",x\n4,5,y\n'],
  ])('detects %j', async (delimiter, text) => {
    const raw = await readText(`delim-${delimiter.charCodeAt(0)}.csv`, text);
    expect(raw.source.delimiter).toBe(delimiter);
    expect(raw.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(raw.numRows).toBe(2);
  });

  it('lets opts.delimiter override detection', async () => {
    const raw = await readText('override.csv', 'a;b\n1;2\n', { delimiter: ',' });
    expect(raw.columns.map((c) => c.name)).toEqual(['a;b']);
    expect(cells(raw.columns[0]!)).toEqual(['1;2']);
  });

  it('refuses an empty or quote delimiter as a usage error (exit 1)', async () => {
    const path = writeFixture(dir, 'd.csv', 'a,b\n1,2\n');
    for (const delimiter of ['', '"', '\n']) {
      const e = await caught(() => readCsv(path, { delimiter }));
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).code).toBe('E_BAD_DELIMITER');
      expect((e as UsageError).exitCode).toBe(1);
    }
  });
});

describe('readCsv NA tokens', () => {
  it('turns the default NA tokens into nulls, also when quoted, and keeps the most frequent as nullToken', async () => {
    const raw = await readText('na.csv', 'id,x\n1,NA\n2,\n3,"NA"\n4,7\n5,null\n6,N/A\n7,na\n');
    const x = column(raw, 'x');
    expect(cells(x)).toEqual([null, null, null, '7', null, null, 'na']);
    expect(x.nullCount).toBe(5);
    expect(x.nullToken).toBe('NA');
    expect(x.dictionary).toEqual(['7', 'na']);
    expect(x.counts).toEqual([1, 1]);
    expect(column(raw, 'id').nullToken).toBeNull();
  });

  it('uses only the given tokens when opts.naTokens is set; ties go to the earlier token', async () => {
    const raw = await readText('na2.csv', 'x\n?\n-\nNA\n?\n-\n', { naTokens: ['-', '?'] });
    const x = column(raw, 'x');
    expect(cells(x)).toEqual([null, null, 'NA', null, null]);
    expect(x.nullToken).toBe('-');
    expect(raw.source.naTokens).toEqual(['-', '?']);
  });
});

describe('readCsv errors', () => {
  it('accepts a header-only file with 0 rows; requireRows then raises E_NO_ROWS', async () => {
    const raw = await readText('header.csv', 'a,b\n');
    expect(raw.numRows).toBe(0);
    expect(raw.columns.map((c) => [c.name, c.codes.length])).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
    expect(() => requireRows(raw, 1, 'fitting a generator')).toThrow(
      expect.objectContaining({
        code: 'E_NO_ROWS',
        message: 'fitting a generator needs at least 1 data row, found 0',
      }),
    );
    expect(() => requireRows(raw, 0, 'x')).not.toThrow();
  });

  it('gives the data row (not the line) of a ragged row, counting quoted newlines as one row', async () => {
    const e = (await caught(() => readText('ragged.csv', 'a,b\n"x\ny",1\n2,3\n4,5,6\n'))) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe('E_RAGGED_ROW');
    expect(e.location.row).toBe(3);
    expect(e.message).toBe('row 3 has 3 fields, expected 2 like the header');
    expect(e.toLine()).toMatch(
      /^error\[E_RAGGED_ROW\] row 3 has 3 fields, expected 2 like the header \(file .*ragged\.csv, row 3\)\. Fix: /,
    );
  });

  it('reports an unclosed quote with the row and column where it opened', async () => {
    const e = (await caught(() => readText('open.csv', 'a,b\n1,2\n3,"oops\n5,6\n'))) as InputError;
    expect([e.code, e.location.row, e.location.column]).toEqual(['E_UNCLOSED_QUOTE', 2, 'b']);
  });

  it('refuses stray quotes (strict RFC 4180) with E_INVALID_QUOTE', async () => {
    for (const text of ['a,b\n1,5\'10"\n', 'a,b\n"x"y,2\n']) {
      const e = (await caught(() => readText('quote.csv', text))) as InputError;
      expect([e.code, e.location.row]).toEqual(['E_INVALID_QUOTE', 1]);
    }
  });

  it('finds invalid UTF-8 past the first chunk and names its row', async () => {
    const head = `a,b\n${Array.from({ length: 60_000 }, (_, i) => `${i},ok`).join('\n')}\n`;
    const bytes = Buffer.concat([
      Buffer.from(head),
      Buffer.from('60000,Z'),
      Buffer.from([0xfc]),
      Buffer.from('rich\n1,2\n'),
    ]);
    const e = (await caught(() => readText('latin1.csv', bytes))) as InputError;
    expect([e.code, e.location.row]).toEqual(['E_INVALID_UTF8', 60_001]);
  });

  it('finds invalid UTF-8 in the header (row 0) and a sequence cut off at the end of the file', async () => {
    const inHeader = (await caught(() =>
      readText('h.csv', Buffer.from([0x61, 0xff, 0x0a, 0x31, 0x0a])),
    )) as InputError;
    expect([inHeader.code, inHeader.location.row]).toEqual(['E_INVALID_UTF8', 0]);
    const cut = (await caught(() =>
      readText('cut.csv', Buffer.from([0x61, 0x0a, 0x31, 0xe2, 0x82])),
    )) as InputError;
    expect([cut.code, cut.location.row]).toEqual(['E_INVALID_UTF8', 1]);
  });

  it('refuses NUL bytes anywhere, also after the first 64 KiB', async () => {
    const late = Buffer.concat([Buffer.from(`a\n${'x\n'.repeat(100_000)}`), Buffer.from([0x00, 0x0a])]);
    const e = (await caught(() => readText('nul.csv', late))) as InputError;
    expect(e.code).toBe('E_BINARY_FILE');
    expect(e.message).toContain(`at byte ${late.length - 2}`);
  });

  it('maps missing files and folders to E_NOT_FOUND and E_IS_DIRECTORY', async () => {
    expect(await caught(() => readCsv(`${dir}/nope.csv`))).toMatchObject({ code: 'E_NOT_FOUND' });
    expect(await caught(() => readCsv(dir))).toMatchObject({ code: 'E_IS_DIRECTORY' });
  });

  it('never lets a non-Synthgate error escape for bad input', async () => {
    for (const text of ['', '\n\n', '"', 'a,a\n', ',\n', 'a\n"\n', '\ufeff']) {
      expect(await caught(() => readText('e.csv', text))).toBeInstanceOf(SynthgateError);
    }
  });
});
