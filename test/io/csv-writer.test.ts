import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { pendingTempPaths } from '../../src/io/cleanup.js';
import { CsvLineEncoder } from '../../src/io/csv-line-encoder.js';
import { writeCsv } from '../../src/io/csv-writer.js';
import { stdoutSink } from '../../src/io/stdout-sink.js';
import { caught, tempDir } from './helpers.js';

const dir = tempDir();

afterEach(() => vi.restoreAllMocks());

describe('writeCsv to a file', () => {
  it('writes header and rows, quoting only where needed, and returns rows, bytes and SHA-256', async () => {
    const target = join(dir, 'out.csv');
    const result = await writeCsv(
      target,
      ['age', 'city'],
      [
        ['31', 'Paris'],
        ['45', 'Lyon, FR'],
        ['', 'say "hi"'],
        ['7', 'two\nlines'],
      ],
    );
    const text = readFileSync(target, 'utf8');
    expect(text).toBe('age,city\n31,Paris\n45,"Lyon, FR"\n,"say ""hi"""\n7,"two\nlines"\n');
    expect(result).toEqual({
      rows: 4,
      bytes: Buffer.byteLength(text),
      sha256: createHash('sha256').update(text).digest('hex'),
    });
  });

  it('creates parent folders and replaces an existing file whole', async () => {
    const target = join(dir, 'deep/er/out.csv');
    await writeCsv(target, ['a'], [['1']]);
    await writeCsv(target, ['a'], [['2'], ['3']]);
    expect(readFileSync(target, 'utf8')).toBe('a\n2\n3\n');
  });

  it('uses the given delimiter and quotes fields that contain it', async () => {
    const target = join(dir, 'semi.csv');
    await writeCsv(target, ['a', 'b'], [['1;2', '3,4']], { delimiter: ';' });
    expect(readFileSync(target, 'utf8')).toBe('a;b\n"1;2";3,4\n');
  });

  it('leaves neither the target nor a temp file when the rows fail midway', async () => {
    const sub = join(dir, 'failing');
    mkdirSync(sub);
    function* rows() {
      for (let i = 0; i < 300_000; i++) yield [String(i), 'x'.repeat(10)];
      throw new Error('generator broke');
    }
    await expect(writeCsv(join(sub, 'out.csv'), ['i', 's'], rows())).rejects.toThrow('generator broke');
    expect(readdirSync(sub)).toEqual([]);
    expect(pendingTempPaths()).toEqual([]);
  });

  it('keeps the previous file when a later write fails', async () => {
    const target = join(dir, 'keep.csv');
    writeFileSync(target, 'old\n');
    const bad = [['1', '2']];
    await expect(writeCsv(target, ['only'], bad)).rejects.toThrow('row has 2 fields, the header has 1');
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('refuses a folder as target with E_IS_DIRECTORY and a bad delimiter with E_BAD_DELIMITER', async () => {
    expect(await caught(() => writeCsv(dir, ['a'], []))).toMatchObject({ code: 'E_IS_DIRECTORY' });
    const e = await caught(() => writeCsv(join(dir, 'd.csv'), ['a'], [], { delimiter: '""' }));
    expect(e).toBeInstanceOf(UsageError);
    expect(existsSync(join(dir, 'd.csv'))).toBe(false);
  });
});

describe('writeCsv to standard output', () => {
  it("writes to stdout when the target is '-'", async () => {
    const chunks: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(Buffer.from(chunk).toString('utf8'));
      return true;
    });
    const result = await writeCsv('-', ['a', 'b'], [['1', 'x y']]);
    expect(chunks.join('')).toBe('a,b\n1,x y\n');
    expect(result.rows).toBe(1);
  });

  it('waits for drain under back-pressure and reports a closed pipe as E_OUTPUT_CLOSED', async () => {
    const slow = new PassThrough({ highWaterMark: 4 });
    const sink = stdoutSink(slow);
    const write = sink.write(Buffer.from('abcdefgh'));
    let done = false;
    void write.then(() => {
      done = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    slow.read();
    await write;
    expect(done).toBe(true);

    const broken = new PassThrough();
    const brokenSink = stdoutSink(broken);
    broken.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(await caught(() => brokenSink.write(Buffer.from('x')))).toMatchObject({ code: 'E_OUTPUT_CLOSED' });
  });
});

describe('CsvLineEncoder', () => {
  it('writes an empty value of a one-column file as "" so the line is not blank', () => {
    expect(new CsvLineEncoder(',', 1).line([''])).toBe('""\n');
    expect(new CsvLineEncoder(',', 2).line(['', ''])).toBe(',\n');
  });

  it('produces the same bytes as csv-stringify for any strings and delimiter', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';', '\t', '|'),
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.array(
            fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[ ,;|\t"\r\na]*$/)), {
              minLength: width,
              maxLength: width,
            }),
            { maxLength: 8 },
          ),
        ),
        (delimiter, rows) => {
          if (rows.length === 0) return;
          const enc = new CsvLineEncoder(delimiter, rows[0]!.length);
          const ours = rows.map((r) => enc.line(r)).join('');
          const theirs = stringify(rows, { delimiter, quoted_empty: rows[0]!.length === 1 });
          expect(ours).toBe(theirs);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
