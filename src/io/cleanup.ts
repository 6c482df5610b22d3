import { unlinkSync } from 'node:fs';
import { type FileHandle, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { fsErrorToInputError } from './fs-errors.js';

/**
 * Temp files that exist only while an atomic write runs. If the process is interrupted (SIGINT, SIGTERM)
 * or exits while one is open, it is unlinked, so a killed run never leaves a partial or stray file.
 */
const tempPaths = new Set<string>();
let handlersInstalled = false;
let tempCounter = 0;

/** Exit codes after a signal, as shells report them: 128 + signal number. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Remembers a temp path to delete on interruption; installs the SIGINT/SIGTERM/exit handlers the first time.
 *
 * @example
 * registerTempPath('/out/.synthetic.csv.tmp-4242-1');
 */
export function registerTempPath(path: string): void {
  tempPaths.add(path);
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
    process.on(signal, () => {
      removeTempPaths();
      process.exit(SIGNAL_EXIT[signal]);
    });
  }
  process.on('exit', removeTempPaths);
}

/** Forgets a temp path (it was renamed into place or already removed). */
export function unregisterTempPath(path: string): void {
  tempPaths.delete(path);
}

/** Temp paths currently registered (for tests and diagnostics). */
export function pendingTempPaths(): string[] {
  return [...tempPaths];
}

/** Synchronously unlinks every registered temp path; safe inside signal and exit handlers. */
export function removeTempPaths(): void {
  for (const p of tempPaths) {
    try {
      unlinkSync(p);
    } catch {
      // already gone
    }
    tempPaths.delete(p);
  }
}

/**
 * A file written atomically: bytes go to `.<name>.tmp-<pid>-<n>` beside the target, which is fsynced and
 * renamed over the target on `commit()`; `abort()` (or an interruption) unlinks it. Readers of the target
 * see either the old file or the complete new one, never a partial file. Parent folders are created.
 *
 * @example
 * const f = await AtomicFile.open('out/report.json');
 * await f.write('{"ok":true}');
 * await f.commit(); // out/report.json now holds the whole text
 */
export class AtomicFile {
  readonly target: string;
  readonly tempPath: string;
  private handle: FileHandle | null;

  private constructor(target: string, tempPath: string, handle: FileHandle) {
    this.target = target;
    this.tempPath = tempPath;
    this.handle = handle;
  }

  static async open(target: string): Promise<AtomicFile> {
    const dir = dirname(target);
    const tempPath = join(dir, `.${basename(target)}.tmp-${process.pid}-${++tempCounter}`);
    try {
      const existing = await stat(target).catch(() => null);
      if (existing?.isDirectory())
        throw new InputError('E_IS_DIRECTORY', `${target} is a directory, not a file`, {
          location: { file: target },
          hint: 'give a file name, not a directory',
        });
      await mkdir(dir, { recursive: true });
      registerTempPath(tempPath);
      return new AtomicFile(target, tempPath, await open(tempPath, 'wx'));
    } catch (e) {
      unregisterTempPath(tempPath);
      throw fsErrorToInputError(e, target, 'write');
    }
  }

  /** Appends all of `data` to the temp file. */
  async write(data: string | Uint8Array): Promise<void> {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const fh = this.requireOpen();
    try {
      for (let off = 0; off < buf.length; ) {
        const { bytesWritten } = await fh.write(buf, off, buf.length - off);
        off += bytesWritten;
      }
    } catch (e) {
      throw fsErrorToInputError(e, this.target, 'write');
    }
  }

  /** Flushes to disk and renames the temp file over the target. */
  async commit(): Promise<void> {
    const fh = this.requireOpen();
    try {
      await fh.sync();
      this.handle = null;
      await fh.close();
      await rename(this.tempPath, this.target);
      unregisterTempPath(this.tempPath);
    } catch (e) {
      await this.abort();
      throw fsErrorToInputError(e, this.target, 'write');
    }
  }

  /** Closes and deletes the temp file; the target is left as it was. Never throws. */
  async abort(): Promise<void> {
    const fh = this.handle;
    this.handle = null;
    await fh?.close().catch(() => undefined);
    await unlink(this.tempPath).catch(() => undefined);
    unregisterTempPath(this.tempPath);
  }

  private requireOpen(): FileHandle {
    if (!this.handle) throw new Error(`atomic write of ${this.target} is already finished`);
    return this.handle;
  }
}

/**
 * Writes `data` to `path` atomically (temp file, fsync, rename), creating parent folders; for JSON and HTML
 * outputs. On any error the temp file is removed and the target left untouched.
 *
 * @example
 * await atomicWriteFile('out/schema.json', JSON.stringify(schema, null, 2));
 */
export async function atomicWriteFile(path: string, data: string | Uint8Array): Promise<void> {
  const file = await AtomicFile.open(path);
  try {
    await file.write(data);
    await file.commit();
  } catch (e) {
    await file.abort();
    throw e;
  }
}
