import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { InputError } from '../errors.js';
import { DEFAULT_NA_TOKENS, type RawTable, type ReadOptions } from '../table/raw-table.js';
import { validateHeader } from './csv-header.js';
import { canonicalizer, quoteIdentifier, quoteLiteral, varcharExpression } from './duckdb-values.js';
import { checkInputFile } from './input-file.js';
import { RawColumnBuilder } from './raw-column-builder.js';
import { sha256File } from './sha256.js';

export type DuckDBFormat = 'parquet' | 'json' | 'ndjson';

/**
 * Reads a Parquet file, a JSON array of objects or newline-delimited JSON into a RawTable through an
 * in-memory DuckDB (`read_parquet`, `read_json_auto`). DuckDB casts every value to text on its side and
 * the result is consumed chunk by chunk (2,048 rows), never as one array of JS row objects. SQL NULL is
 * null; the NA tokens then apply to the text as for CSV. Each column keeps its DuckDB type as `sourceType`.
 * The file's SHA-256 is computed in a streaming pass alongside the query.
 *
 * @example
 * const raw = await readWithDuckDB('people.parquet', 'parquet');
 * raw.columns[0].sourceType; // => 'BIGINT'
 */
export async function readWithDuckDB(
  path: string,
  format: DuckDBFormat,
  opts: ReadOptions = {},
): Promise<RawTable> {
  const { bytes } = await checkInputFile(path);
  return readDuckDBFile(path, format, bytes, opts);
}

/** `readWithDuckDB` for a file `checkInputFile` already accepted; `totalBytes` is its size. */
export async function readDuckDBFile(
  path: string,
  format: DuckDBFormat,
  totalBytes: number,
  opts: ReadOptions = {},
): Promise<RawTable> {
  if (totalBytes === 0)
    throw new InputError('E_EMPTY_FILE', `${path} is empty (0 bytes)`, {
      location: { file: path },
      hint: `give a ${format === 'parquet' ? 'Parquet' : 'JSON'} file with at least one row`,
    });
  if (/[*?[]/.test(path))
    throw new InputError('E_BAD_PATH', `${path} contains * ? or [, which DuckDB reads as wildcards`, {
      location: { file: path },
      hint: 'rename the file (or link to it) without those characters',
    });
  const naTokens = opts.naTokens ?? DEFAULT_NA_TOKENS;
  const hashing = sha256File(path, (n) => opts.onProgress?.(n, totalBytes));
  // The hash must not become an unhandled rejection if the query fails first.
  hashing.catch(() => undefined);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const { numRows, columns } = await queryColumns(connection, path, format, naTokens);
    return {
      source: { path, format, sha256: await hashing, bytes: totalBytes, naTokens },
      numRows,
      columns,
    };
  } catch (e) {
    throw duckdbErrorToInputError(e, path, format);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function queryColumns(
  connection: DuckDBConnection,
  path: string,
  format: DuckDBFormat,
  naTokens: readonly string[],
): Promise<{ numRows: number; columns: RawTable['columns'] }> {
  await connection.run("SET TimeZone = 'UTC'");
  const from = sourceExpression(path, format);
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`);
  const schema = described.getRowsJS().map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  validateHeader(
    schema.map((c) => c.name),
    path,
  );
  const select = schema
    .map((c) => `${varcharExpression(c.name, c.type)} AS ${quoteIdentifier(c.name)}`)
    .join(', ');
  const result = await connection.stream(`SELECT ${select} FROM ${from}`);
  const builders = schema.map((c) => new RawColumnBuilder(c.name, naTokens));
  const fixes = schema.map((c) => canonicalizer(c.type));
  const caches = schema.map(() => new Map<string, string>());
  let numRows = 0;
  for (
    let chunk = await result.fetchChunk();
    chunk && chunk.rowCount > 0;
    chunk = await result.fetchChunk()
  ) {
    const n = chunk.rowCount;
    for (let c = 0; c < schema.length; c++) {
      const vector = chunk.getColumnVector(c);
      const builder = builders[c]!;
      const fix = fixes[c];
      const cache = caches[c]!;
      for (let i = 0; i < n; i++) {
        const v = vector.getItem(i) as string | null;
        if (v === null) builder.addNull();
        else if (fix === null || fix === undefined) builder.add(v);
        else {
          let fixed = cache.get(v);
          if (fixed === undefined) {
            fixed = fix(v);
            cache.set(v, fixed);
          }
          builder.add(fixed);
        }
      }
    }
    numRows += n;
  }
  // DuckDB describes a JSON file without records (`[]`, blank lines) as one untyped column named "json".
  const untyped = schema.length === 1 && schema[0]!.name === 'json' && schema[0]!.type === 'JSON';
  if (schema.length === 0 || (untyped && numRows === 0))
    throw new InputError('E_NO_COLUMNS', `${path} holds no records, so it has no columns`, {
      location: { file: path },
      hint: 'give a file with at least one record, e.g. [{"age": 31}]',
    });
  return { numRows, columns: builders.map((b, c) => b.finish(schema[c]!.type)) };
}

function sourceExpression(path: string, format: DuckDBFormat): string {
  const file = quoteLiteral(path);
  if (format === 'parquet') return `read_parquet(${file})`;
  return `read_json_auto(${file}, format = '${format === 'ndjson' ? 'newline_delimited' : 'auto'}')`;
}

/** DuckDB's own messages are precise but multi-line; keep the first line under our code. */
function duckdbErrorToInputError(e: unknown, path: string, format: DuckDBFormat): unknown {
  if (e instanceof InputError || !(e instanceof Error)) return e;
  const first = e.message
    .split('\n')[0]!
    .replace(/^[A-Za-z ]+Error: /, '')
    .trim()
    .replace(/\.$/, '');
  const [code, hint] =
    format === 'parquet'
      ? [
          'E_BAD_PARQUET',
          'check that the file is a complete Parquet file (not truncated, not another format)',
        ]
      : [
          'E_BAD_JSON',
          format === 'ndjson'
            ? 'each line must be one JSON object, e.g. {"age": 31, "city": "Paris"}'
            : 'give an array of objects, e.g. [{"age": 31}, {"age": 45}], or one object per line (.ndjson)',
        ];
  return new InputError(code, `cannot read ${path}: ${first}`, { location: { file: path }, hint, cause: e });
}
