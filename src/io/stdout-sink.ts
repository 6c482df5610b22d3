import { once } from 'node:events';
import { fsErrorToInputError } from './fs-errors.js';

/** Where encoded output goes: an atomic file or standard output. */
export interface OutputSink {
  write(data: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Standard output as an OutputSink: honours back-pressure (waits for 'drain') and turns a closed pipe
 * (EPIPE, e.g. `| head`) into E_OUTPUT_CLOSED. Never closes stdout.
 *
 * @example
 * const out = stdoutSink();
 * await out.write(Buffer.from('a,b\n'));
 * await out.commit();
 */
export function stdoutSink(stream: NodeJS.WritableStream = process.stdout): OutputSink {
  let failure: unknown = null;
  const onError = (e: unknown): void => {
    failure = e;
  };
  stream.on('error', onError);
  const done = async (): Promise<void> => {
    stream.off('error', onError);
  };
  return {
    async write(data) {
      if (failure) throw fsErrorToInputError(failure, '-', 'write');
      try {
        if (!stream.write(data)) await once(stream, 'drain');
      } catch (e) {
        throw fsErrorToInputError(e, '-', 'write');
      }
      if (failure) throw fsErrorToInputError(failure, '-', 'write');
    },
    commit: done,
    abort: done,
  };
}
