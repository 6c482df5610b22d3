import { extname } from 'node:path';
import type { RawTable, ReadOptions, SourceInfo } from '../table/raw-table.js';
import { readCsvFile } from './csv-reader.js';
import { readDuckDBFile } from './duckdb-reader.js';
import { checkInputFile } from './input-file.js';

export { requireRows } from './require-rows.js';

/** The reader a file extension selects, and the delimiter it implies for delimited text. */
export interface FormatChoice {
  format: SourceInfo['format'];
  delimiter?: string;
}

const BY_EXTENSION: Readonly<Record<string, FormatChoice>> = {
  '.csv': { format: 'csv' },
  '.txt': { format: 'csv' },
  '.tsv': { format: 'csv', delimiter: '\t' },
  '.tab': { format: 'csv', delimiter: '\t' },
  '.psv': { format: 'csv', delimiter: '|' },
  '.parquet': { format: 'parquet' },
  '.pq': { format: 'parquet' },
  '.json': { format: 'json' },
  '.ndjson': { format: 'ndjson' },
  '.jsonl': { format: 'ndjson' },
};

/**
 * The format for a path by its extension (case-insensitive); unknown extensions are read as CSV with
 * delimiter detection.
 *
 * @example
 * formatForPath('data/visits.TSV'); // => { format: 'csv', delimiter: '\t' }
 * formatForPath('data/visits.dat'); // => { format: 'csv' }
 */
export function formatForPath(path: string): FormatChoice {
  return BY_EXTENSION[extname(path).toLowerCase()] ?? { format: 'csv' };
}

/**
 * Reads any supported input into a RawTable: CSV/TSV/PSV/TXT (and unknown extensions) through the
 * streaming CSV reader, Parquet and JSON/NDJSON through DuckDB. First checks that the path exists, is a
 * regular file and is readable (E_NOT_FOUND, E_IS_DIRECTORY, E_NOT_A_FILE, E_PERMISSION).
 * `opts.delimiter` overrides the one a .tsv/.psv extension implies.
 *
 * @example
 * const raw = await readTable('fixtures/adult.csv', { naTokens: ['?'] });
 * raw.source.format; // => 'csv'
 * raw.numRows; // => 32561
 */
export async function readTable(path: string, opts: ReadOptions = {}): Promise<RawTable> {
  const { bytes } = await checkInputFile(path);
  const choice = formatForPath(path);
  if (choice.format === 'csv') {
    const delimiter = opts.delimiter ?? choice.delimiter;
    return readCsvFile(path, bytes, delimiter === undefined ? opts : { ...opts, delimiter });
  }
  return readDuckDBFile(path, choice.format, bytes, opts);
}
