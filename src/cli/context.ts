import { atomicWriteFile } from '../io/cleanup.js';
import { makeLogger, Progress } from './progress.js';

/** Per-command helpers derived from the global flags (--quiet, --json). */
export interface CommandContext {
  progress: Progress;
  log: (msg: string) => void;
  /** `--json` alone → stdout; `--json file` → that file (atomic). */
  emitJson(target: string | boolean, value: unknown): Promise<void>;
}

export interface GlobalContext {
  begin(opts: { quiet?: boolean }): CommandContext;
}

export const globalContext: GlobalContext = {
  begin(opts) {
    const quiet = Boolean(opts.quiet);
    return {
      progress: new Progress({ quiet }),
      log: makeLogger(quiet),
      async emitJson(target, value) {
        const text = `${JSON.stringify(value, null, 2)}\n`;
        if (target === true || target === '-' || target === '') process.stdout.write(text);
        else await atomicWriteFile(String(target), text);
      },
    };
  },
};
