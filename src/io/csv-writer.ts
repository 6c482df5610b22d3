import { createHash } from 'node:crypto';
import { AtomicFile } from './cleanup.js';
import { CsvLineEncoder } from './csv-line-encoder.js';
import { type OutputSink, stdoutSink } from './stdout-sink.js';

/** Encoded text is flushed in pieces of about this many UTF-16 units. */
const FLUSH_CHARS = 1 << 20;

export interface WriteCsvOptions {
  /** Field delimiter (one character). Default ','. */
  delimiter?: string;
}

export interface WriteCsvResult {
  /** Data rows written (header excluded). */
  rows: number;
  bytes: number;
  /** SHA-256 (hex) of the bytes written. */
  sha256: string;
}

/**
 * Writes a header and rows as CSV (quoting only where needed, LF line ends) to `target`, or to standard
 * output when `target` is '-'. A file is written atomically: to a temp file beside it, fsynced, then
 * renamed, so on any error or interruption the target is untouched and no temp file is left. Parent
 * folders are created. Returns the row count, byte count and SHA-256 of what was written.
 *
 * @example
 * await writeCsv('out/synthetic.csv', ['age', 'city'], [['31', 'Paris'], ['45', 'Lyon, FR']]);
 * // => { rows: 2, bytes: 32, sha256: '601fa6a1…' }; the file reads: age,city / 31,Paris / 45,"Lyon, FR"
 */
export async function writeCsv(
  target: string,
  header: readonly string[],
  rows: Iterable<readonly string[]>,
  opts: WriteCsvOptions = {},
): Promise<WriteCsvResult> {
  const staged = await stageCsv(target, header, rows, opts);
  await staged.commit();
  return { rows: staged.rows, bytes: staged.bytes, sha256: staged.sha256 };
}

/** A CSV fully written to its temp file (hash known), not yet renamed over the target. */
export interface StagedCsv extends WriteCsvResult {
  /** Rename the temp file over the target (for stdout: nothing left to do). */
  commit(): Promise<void>;
  /** Delete the temp file; the target is left as it was. Never throws. */
  abort(): Promise<void>;
}

/**
 * Like {@link writeCsv}, but stops before the rename: the caller learns the bytes' SHA-256 and decides
 * later whether the file appears (the release gate writes its manifest first, then commits the CSV).
 * Until `commit()`, an interruption removes the temp file.
 *
 * @example
 * const staged = await stageCsv('out/synthetic.csv', header, rows);
 * if (passed) await staged.commit(); else await staged.abort();
 */
export async function stageCsv(
  target: string,
  header: readonly string[],
  rows: Iterable<readonly string[]>,
  opts: WriteCsvOptions = {},
): Promise<StagedCsv> {
  const encoder = new CsvLineEncoder(opts.delimiter ?? ',', header.length);
  const hash = createHash('sha256');
  let bytes = 0;
  let count = 0;
  const sink: OutputSink = target === '-' ? stdoutSink() : await AtomicFile.open(target);
  const flush = async (text: string): Promise<void> => {
    const buf = Buffer.from(text, 'utf8');
    hash.update(buf);
    bytes += buf.length;
    await sink.write(buf);
  };
  try {
    let pending = encoder.line(header);
    for (const row of rows) {
      pending += encoder.line(row);
      count++;
      if (pending.length >= FLUSH_CHARS) {
        await flush(pending);
        pending = '';
      }
    }
    await flush(pending);
  } catch (e) {
    await sink.abort();
    throw e;
  }
  return {
    rows: count,
    bytes,
    sha256: hash.digest('hex'),
    commit: () => sink.commit(),
    abort: () => sink.abort(),
  };
}
