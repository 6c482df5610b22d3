import { InputError } from './errors.js';
import { readTable } from './io/read-table.js';
import { inferSchema } from './schema/infer.js';
import { loadSchemaFile } from './schema/load.js';
import { materialize } from './schema/materialize.js';
import type { SchemaDocument } from './schema/types.js';
import { checkSchemaAgainstRaw } from './schema/validate.js';
import { DEFAULT_NA_TOKENS, type RawTable, type SourceInfo } from './table/raw-table.js';
import type { Table } from './table/table.js';

/** A table read from a file, with the schema it was materialized under and where it came from. */
export interface Dataset {
  table: Table;
  schema: SchemaDocument;
  raw: RawTable;
  source: SourceInfo;
}

export interface LoadOptions {
  /** Extra NA tokens (added to the defaults), e.g. ['?'] for Adult. */
  na?: readonly string[];
  /** A schema document to use instead of inference. */
  schema?: SchemaDocument;
  /** Path of a schema.json to use instead of inference (ignored when `schema` is given). */
  schemaPath?: string;
  delimiter?: string;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** NA tokens in force: the defaults plus the user's, or the schema's own list when it has one. */
export function naTokens(extra: readonly string[] | undefined, schema?: SchemaDocument): string[] {
  if (schema?.na) return [...new Set([...schema.na, ...(extra ?? [])])];
  return [...new Set([...DEFAULT_NA_TOKENS, ...(extra ?? [])])];
}

/**
 * Read a data file (CSV, Parquet, JSON, NDJSON), infer or check its schema, and materialize it.
 *
 * @example
 * const { table, schema } = await loadDataset('fixtures/adult.csv', { na: ['?'] });
 */
export async function loadDataset(path: string, opts: LoadOptions = {}): Promise<Dataset> {
  const given = opts.schema ?? (opts.schemaPath ? await loadSchemaFile(opts.schemaPath) : undefined);
  const raw = await readTable(path, {
    naTokens: naTokens(opts.na, given),
    ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  let schema: SchemaDocument;
  if (given) {
    checkSchemaAgainstRaw(given, raw);
    schema = given;
  } else schema = inferSchema(raw, { naTokens: [...raw.source.naTokens] });
  return { table: materialize(raw, schema), schema, raw, source: raw.source };
}

/** Load a second table (synthetic, holdout) under an existing schema, so columns and types line up. */
export async function loadWithSchema(
  path: string,
  schema: SchemaDocument,
  na?: readonly string[],
): Promise<Dataset> {
  return loadDataset(path, { schema, ...(na ? { na } : {}) });
}

export function requireRowsIn(ds: Dataset, min: number, purpose: string): void {
  if (ds.table.numRows < min)
    throw new InputError(
      'E_NO_ROWS',
      `${purpose} needs at least ${min} data row${min === 1 ? '' : 's'}, found ${ds.table.numRows}`,
      {
        location: { file: ds.source.path },
        hint: 'give a file with data rows below the header',
      },
    );
}
