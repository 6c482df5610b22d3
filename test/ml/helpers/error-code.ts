import { SynthgateError } from '../../../src/errors.js';

/** The stable code of the typed error `f` throws; 'untyped' for a plain Error, 'none' when it returns. */
export function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof SynthgateError ? e.code : 'untyped';
  }
  return 'none';
}
