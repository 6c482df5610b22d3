import { UsageError } from '../errors.js';

/**
 * Reading generator parameters (shared by bayesnet and cart) given as `--param key=value` (numbers and booleans already parsed
 * by the CLI) or from a model file: unknown keys and out-of-range values are usage errors that name
 * the parameter and say what is accepted.
 */
export class ParamReader {
  private readonly raw: Record<string, unknown>;
  private readonly generator: string;
  private readonly known = new Set<string>();

  constructor(generator: string, raw: Record<string, unknown>) {
    this.generator = generator;
    this.raw = raw;
  }

  /** A number in [min, max] (integers only when `integer`), or `fallback` when absent or null. */
  number<T extends number | null>(
    key: string,
    fallback: T,
    opts: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {},
  ): number | T {
    this.known.add(key);
    const v = this.raw[key];
    if (v === undefined || v === null) return fallback;
    const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    const {
      min = Number.NEGATIVE_INFINITY,
      max = Number.POSITIVE_INFINITY,
      integer = false,
      exclusiveMin = false,
    } = opts;
    const ok =
      typeof x === 'number' &&
      Number.isFinite(x) &&
      (exclusiveMin ? x > min : x >= min) &&
      x <= max &&
      (!integer || Number.isInteger(x));
    if (!ok) {
      const range = `${exclusiveMin ? '>' : '≥'} ${min}${Number.isFinite(max) ? ` and ≤ ${max}` : ''}`;
      throw this.error(key, v, `${integer ? 'an integer' : 'a number'} ${range}`);
    }
    return x as number;
  }

  /** One of `choices`, or `fallback` when absent or null. */
  choice<C extends string, T extends C | null>(key: string, choices: readonly C[], fallback: T): C | T {
    this.known.add(key);
    const v = this.raw[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string' || !choices.includes(v as C))
      throw this.error(key, v, `one of ${choices.join(', ')}`);
    return v as C;
  }

  /** A boolean (true/false), or `fallback` when absent. */
  boolean(key: string, fallback: boolean): boolean {
    this.known.add(key);
    const v = this.raw[key];
    if (v === undefined || v === null) return fallback;
    if (v === true || v === 'true') return true;
    if (v === false || v === 'false') return false;
    throw this.error(key, v, 'true or false');
  }

  /** A list of names, given as an array or a comma-separated string; null when absent. */
  names(key: string): string[] | null {
    this.known.add(key);
    const v = this.raw[key];
    if (v === undefined || v === null) return null;
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return [...v];
    if (typeof v === 'string')
      return v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    throw this.error(key, v, 'a comma-separated list of column names');
  }

  /** Throws on keys no reader asked for. Call after reading every parameter. */
  rejectUnknown(): void {
    for (const key of Object.keys(this.raw)) {
      if (!this.known.has(key))
        throw new UsageError('E_BAD_PARAM', `generator "${this.generator}" has no parameter "${key}"`, {
          hint: `its parameters are: ${[...this.known].join(', ')} (see \`synthgate generators\`)`,
        });
    }
  }

  private error(key: string, v: unknown, expected: string): UsageError {
    return new UsageError(
      'E_BAD_PARAM',
      `parameter "${key}" of generator "${this.generator}" is ${JSON.stringify(v)}`,
      {
        hint: `give ${expected}, e.g. --param ${key}=…`,
      },
    );
  }
}
