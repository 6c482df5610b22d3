/**
 * What ingest produces before types are known: every column dictionary-encoded as strings.
 * Type inference then looks at each distinct value once (with its count) instead of every cell,
 * and a 100k-category column costs one dictionary, not 100k-row string arrays.
 */
export interface RawColumn {
  readonly name: string;
  /** Code per row into `dictionary`; -1 = null (an NA token, or a null in Parquet/JSON). */
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
  /** Occurrences of each dictionary entry. */
  readonly counts: readonly number[];
  readonly nullCount: number;
  /** The NA token most often seen for this column in the source (used when writing output), or null. */
  readonly nullToken: string | null;
  /** The source's own type when the format has one (Parquet/JSON via DuckDB), e.g. 'BIGINT', 'VARCHAR'. */
  readonly sourceType?: string;
}

export interface SourceInfo {
  /** Path as the user gave it. */
  readonly path: string;
  readonly format: 'csv' | 'parquet' | 'json' | 'ndjson';
  /** SHA-256 (hex) of the file's bytes, computed while streaming. */
  readonly sha256: string;
  readonly bytes: number;
  /** CSV only: the detected or given delimiter. */
  readonly delimiter?: string;
  /** The NA tokens in force while reading. */
  readonly naTokens: readonly string[];
}

export interface RawTable {
  readonly source: SourceInfo;
  readonly numRows: number;
  readonly columns: readonly RawColumn[];
}

/** Options shared by every reader. */
export interface ReadOptions {
  /** Strings read as null. Default: DEFAULT_NA_TOKENS. */
  naTokens?: readonly string[];
  /** CSV: force a delimiter instead of detecting one among `,` `;` tab `|`. */
  delimiter?: string;
  /** Called with bytes read so far and total bytes, for progress bars. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export const DEFAULT_NA_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'null', 'NULL', 'NaN'];
