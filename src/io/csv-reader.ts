import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Parser } from 'csv-parse';
import { InputError, UsageError } from '../errors.js';
import { DEFAULT_NA_TOKENS, type RawTable, type ReadOptions } from '../table/raw-table.js';
import { binaryFileError, sniffBinary } from './binary-sniff.js';
import { validateHeader } from './csv-header.js';
import { csvParseErrorToInputError, printable } from './csv-parse-errors.js';
import { detectDelimiter } from './delimiter-detect.js';
import { fsErrorToInputError } from './fs-errors.js';
import { checkInputFile } from './input-file.js';
import { RawColumnBuilder } from './raw-column-builder.js';
import { Utf8Scanner } from './utf8-scanner.js';

/** Bytes looked at to guess the delimiter and sniff binary files. */
const HEAD_BYTES = 64 * 1024;
/** Read size: large enough that hashing and parsing run on big buffers, small enough to stay cache-friendly. */
const CHUNK_BYTES = 256 * 1024;
/** A single record longer than this almost always means an unclosed quote; stop before memory blows up. */
const MAX_RECORD_CHARS = 64 * 1024 * 1024;

/**
 * Reads a CSV file (RFC 4180 quoting, quoted newlines, UTF-8 BOM, LF or CRLF) into a dictionary-encoded
 * RawTable, streaming with csv-parse so a file of any size is never held as one string. The first line is
 * the header; lines may end in LF, CRLF or CR. The delimiter is `opts.delimiter` or guessed among `,` `;` tab `|` from the first 64 KiB.
 * NA tokens (default DEFAULT_NA_TOKENS) become null; blank lines are skipped; SHA-256 and byte count are
 * taken from the same pass. Bad input throws a one-line InputError (E_EMPTY_FILE, E_NO_HEADER,
 * E_RAGGED_ROW, E_UNCLOSED_QUOTE, E_INVALID_QUOTE, E_BINARY_FILE, E_INVALID_UTF8, …). A header-only file
 * gives 0 rows: see `requireRows`.
 *
 * @example
 * const raw = await readCsv('fixtures/adult.csv', { naTokens: ['?'] });
 * raw.numRows; // => 32561
 * raw.columns[1].nullToken; // => '?' (workclass has 1,836 of them)
 */
export async function readCsv(path: string, opts: ReadOptions = {}): Promise<RawTable> {
  const { bytes } = await checkInputFile(path);
  return readCsvFile(path, bytes, opts);
}

/** `readCsv` for a file `checkInputFile` already accepted; `totalBytes` is its size. */
export async function readCsvFile(
  path: string,
  totalBytes: number,
  opts: ReadOptions = {},
): Promise<RawTable> {
  if (totalBytes === 0)
    throw new InputError('E_EMPTY_FILE', `${path} is empty (0 bytes)`, {
      location: { file: path },
      hint: 'give a CSV file with a header line and at least one data row',
    });
  const naTokens = opts.naTokens ?? DEFAULT_NA_TOKENS;
  const head = await readHead(path, HEAD_BYTES).catch((e) => {
    throw fsErrorToInputError(e, path, 'read');
  });
  sniffBinary(head, path);
  const delimiter =
    opts.delimiter ??
    detectDelimiter(head.toString('utf8').replace(/^\uFEFF/, ''), head.length >= totalBytes);
  checkDelimiter(delimiter);
  const capacity = estimateRows(head, totalBytes);

  const hash = createHash('sha256');
  const utf8 = new Utf8Scanner();
  let bytesRead = 0;
  let badUtf8 = -1;
  let header: string[] | null = null;
  let builders: RawColumnBuilder[] = [];
  let rows = 0;

  const parser = new Parser({
    delimiter,
    bom: true,
    // Any line ending, even mixed in one file (as pandas reads them); a quoted CR or LF stays in its field.
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARS,
    on_record: (record: string[]) => {
      if (badUtf8 >= 0 && parser.info.bytes > badUtf8)
        throw invalidUtf8Error(path, header === null ? 0 : rows + 1);
      if (header === null) {
        validateHeader(record, path);
        header = record;
        builders = record.map((name) => new RawColumnBuilder(name, naTokens, capacity));
        return undefined;
      }
      rows++;
      if (record.length !== builders.length)
        throw raggedRowError(path, rows, record.length, builders.length, delimiter);
      for (let c = 0; c < record.length; c++) builders[c]!.add(record[c]!);
      return undefined;
    },
  });

  async function* inspect(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      hash.update(chunk);
      const nul = chunk.indexOf(0);
      if (nul >= 0) throw binaryFileError(path, bytesRead + nul);
      if (badUtf8 < 0) badUtf8 = utf8.push(chunk);
      bytesRead += chunk.length;
      opts.onProgress?.(bytesRead, totalBytes);
      yield chunk;
    }
    if (badUtf8 < 0) badUtf8 = utf8.end();
  }

  try {
    await pipeline(
      createReadStream(path, { highWaterMark: CHUNK_BYTES }),
      inspect,
      parser,
      async (records) => {
        for await (const _ of records) {
          // on_record consumes every record and pushes none; this only waits for the end
        }
      },
    );
  } catch (e) {
    // The file may also vanish or become unreadable between the check and the read.
    throw fsErrorToInputError(
      csvParseErrorToInputError(e, { path, header, rowsRead: rows, delimiter }),
      path,
      'read',
    );
  }
  if (header === null)
    throw new InputError('E_NO_HEADER', `${path} has no header line (only blank lines)`, {
      location: { file: path },
      hint: 'the first line must name the columns, e.g. age,income',
    });
  if (badUtf8 >= 0) throw invalidUtf8Error(path, undefined);
  return {
    source: { path, format: 'csv', sha256: hash.digest('hex'), bytes: bytesRead, delimiter, naTokens },
    numRows: rows,
    columns: builders.map((b) => b.finish()),
  };
}

async function readHead(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Rows expected from the line length in the first 64 KiB, so the code arrays rarely need to grow. */
function estimateRows(head: Buffer, totalBytes: number): number {
  let lines = 0;
  for (let i = head.indexOf(10); i >= 0; i = head.indexOf(10, i + 1)) lines++;
  if (lines === 0) return 1024;
  return Math.min(Math.ceil((totalBytes / (head.length / lines)) * 1.05) + 16, 1 << 26);
}

function checkDelimiter(delimiter: string): void {
  if (delimiter === '' || /["\r\n]/.test(delimiter))
    throw new UsageError('E_BAD_DELIMITER', `invalid delimiter "${printable(delimiter)}"`, {
      hint: 'use one of , ; | or \\t (not a quote or a line break)',
    });
}

function raggedRowError(
  path: string,
  row: number,
  got: number,
  expected: number,
  delimiter: string,
): InputError {
  return new InputError(
    'E_RAGGED_ROW',
    `row ${row} has ${got} fields, expected ${expected} like the header`,
    {
      location: { file: path, row },
      hint: `every row needs ${expected} fields separated by "${printable(delimiter)}"; quote fields that contain the delimiter`,
    },
  );
}

function invalidUtf8Error(path: string, row: number | undefined): InputError {
  return new InputError('E_INVALID_UTF8', 'the file is not valid UTF-8', {
    location: { file: path, ...(row === undefined ? {} : { row }) },
    hint: 'save it as UTF-8 (e.g. iconv -f latin1 -t utf-8 in.csv > out.csv)',
  });
}
