import { CsvError } from 'csv-parse';
import { InputError, UsageError } from '../errors.js';

/** Where the reader stood when csv-parse failed. */
export interface CsvParseContext {
  path: string;
  /** Header names, or null while the header itself was being read. */
  header: readonly string[] | null;
  /** Data rows fully read before the failure. */
  rowsRead: number;
  delimiter: string;
}

/**
 * Maps a csv-parse `CsvError` to our stable codes with a row (1-based data row; 0 = header), the column when
 * known and a fix hint. Returns `err` unchanged when it is not a CsvError.
 *
 * @example
 * csvParseErrorToInputError(quoteNotClosed, { path: 'x.csv', header: ['a'], rowsRead: 4, delimiter: ',' }).code;
 * // => 'E_UNCLOSED_QUOTE' (row 5)
 */
export function csvParseErrorToInputError(err: unknown, ctx: CsvParseContext): unknown {
  if (!(err instanceof CsvError)) return err;
  const row = ctx.header === null ? 0 : ctx.rowsRead + 1;
  const line = typeof err.lines === 'number' ? err.lines : undefined;
  const at = line === undefined ? '' : ` on line ${line}`;
  const columnIndex = typeof err.column === 'number' ? err.column : undefined;
  const column = columnIndex !== undefined && ctx.header ? ctx.header[columnIndex] : undefined;
  const location = { file: ctx.path, row, ...(column === undefined ? {} : { column }) };
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new InputError('E_UNCLOSED_QUOTE', `a quoted field starting in row ${row} is never closed`, {
        location,
        hint: 'add the missing closing quote; a quote inside a quoted field is written twice ("")',
      });
    case 'CSV_MAX_RECORD_SIZE':
      return new InputError('E_RECORD_TOO_LARGE', `row ${row} is longer than 64 MiB${at}`, {
        location,
        hint: 'a quote is probably left open in this row; close it, or quote fields that contain quotes',
      });
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new InputError('E_INVALID_QUOTE', `a closing quote is followed by more text${at}`, {
        location,
        hint: `inside a quoted field write a quote as two quotes (""); after the closing quote comes the delimiter "${printable(ctx.delimiter)}" or a line break`,
      });
    case 'INVALID_OPENING_QUOTE':
      return new InputError('E_INVALID_QUOTE', `a quote appears inside an unquoted field${at}`, {
        location,
        hint: 'wrap the whole field in quotes and write each quote inside it twice, e.g. "5\'10"""',
      });
    case 'CSV_INVALID_OPTION_DELIMITER':
      return new UsageError('E_BAD_DELIMITER', `invalid delimiter "${printable(ctx.delimiter)}"`, {
        hint: 'use one of , ; | or \\t',
      });
    default:
      return new InputError('E_CSV_PARSE', `cannot parse the CSV${at}: ${err.message.split('\n')[0]}`, {
        location,
        hint: 'check that the file is a CSV with a header line and consistently quoted fields',
      });
  }
}

/** A delimiter as a user would type it. */
export function printable(delimiter: string): string {
  return delimiter.replace(/\t/g, '\\t');
}
