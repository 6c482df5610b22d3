import { didYouMean, type IssueList, jsonType } from './schema-issues.js';

/**
 * Typed reads of one JSON object's fields, recording an issue (wrong type, missing, not one of the
 * allowed values, unknown key) at `path.key` instead of throwing, and returning undefined for a bad
 * field so the caller can carry on and collect the rest.
 */
export class Fields {
  constructor(
    readonly obj: Record<string, unknown>,
    readonly path: string,
    readonly issues: IssueList,
  ) {}

  at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  private missing(key: string, what: string, hint: string): void {
    this.issues.add('E_SCHEMA_MISSING', this.at(key), `missing required field "${key}" (${what})`, hint);
  }

  private wrongType(key: string, what: string): void {
    this.issues.add(
      'E_SCHEMA_TYPE',
      this.at(key),
      `"${key}" must be ${what}, got ${jsonType(this.obj[key])}`,
      `write "${key}" as ${what}`,
    );
  }

  /** Report keys outside `allowed`; `elsewhere` names where a misplaced key belongs (e.g. `format` → datetime columns). */
  unknownKeys(allowed: readonly string[], elsewhere: (key: string) => string | null = () => null): void {
    for (const key of Object.keys(this.obj)) {
      if (allowed.includes(key)) continue;
      const where = elsewhere(key);
      const hint = where
        ? `"${key}" belongs to ${where}; remove it or change the sdtype`
        : `${didYouMean(key, allowed)}allowed keys here: ${allowed.join(', ')}`;
      this.issues.add('E_SCHEMA_UNKNOWN_KEY', this.at(key), `unknown key "${key}"`, hint);
    }
  }

  string(key: string, required: boolean, what = 'a string'): string | undefined {
    const v = this.obj[key];
    if (v === undefined) {
      if (required) this.missing(key, what, `add "${key}": "…"`);
      return undefined;
    }
    if (typeof v !== 'string') {
      this.wrongType(key, what);
      return undefined;
    }
    return v;
  }

  nonEmptyString(key: string, required: boolean): string | undefined {
    const v = this.string(key, required, 'a non-empty string');
    if (v === '') {
      this.issues.add('E_SCHEMA_TYPE', this.at(key), `"${key}" must not be empty`, `give "${key}" a value`);
      return undefined;
    }
    return v;
  }

  number(key: string, required: boolean): number | undefined {
    const v = this.obj[key];
    if (v === undefined) {
      if (required) this.missing(key, 'a number', `add "${key}": <number>`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.wrongType(key, 'a finite number');
      return undefined;
    }
    return v;
  }

  integerIn(key: string, required: boolean, lo: number, hi: number): number | undefined {
    const v = this.number(key, required);
    if (v === undefined) return undefined;
    if (!Number.isInteger(v) || v < lo || v > hi) {
      this.issues.add(
        'E_SCHEMA_TYPE',
        this.at(key),
        `"${key}" must be a whole number from ${lo} to ${hi}, got ${v}`,
        `set "${key}" to a whole number in [${lo}, ${hi}]`,
      );
      return undefined;
    }
    return v;
  }

  boolean(key: string): boolean | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') {
      this.wrongType(key, 'true or false');
      return undefined;
    }
    return v;
  }

  /** One of `options`; `what` names the set in messages ("sdtype", "role"). */
  oneOf<T extends string>(
    key: string,
    options: readonly T[],
    required: boolean,
    what: string,
  ): T | undefined {
    const v = this.string(key, required, `one of ${options.join(', ')}`);
    if (v === undefined) return undefined;
    if (!(options as readonly string[]).includes(v)) {
      this.issues.add(
        'E_SCHEMA_ENUM',
        this.at(key),
        `unknown ${what} "${v}"`,
        `${didYouMean(v, options)}use one of: ${options.join(', ')}`,
      );
      return undefined;
    }
    return v as T;
  }

  /** An array of strings (each checked); duplicates reported when `unique`. */
  stringArray(
    key: string,
    required: boolean,
    opts: { unique?: boolean; minLength?: number } = {},
  ): string[] | undefined {
    const v = this.obj[key];
    if (v === undefined) {
      if (required) this.missing(key, 'an array of strings', `add "${key}": ["…"]`);
      return undefined;
    }
    if (!Array.isArray(v)) {
      this.wrongType(key, 'an array of strings');
      return undefined;
    }
    let ok = true;
    const seen = new Set<string>();
    v.forEach((s, i) => {
      const p = `${this.at(key)}[${i}]`;
      if (typeof s !== 'string') {
        this.issues.add(
          'E_SCHEMA_TYPE',
          p,
          `"${key}" entries must be strings, got ${jsonType(s)}`,
          'quote the value',
        );
        ok = false;
      } else if (opts.unique && seen.has(s)) {
        this.issues.add('E_SCHEMA_DUPLICATE', p, `"${s}" appears twice in "${key}"`, 'list each value once');
        ok = false;
      } else seen.add(s);
    });
    if (opts.minLength !== undefined && v.length < opts.minLength) {
      this.issues.add(
        'E_SCHEMA_TYPE',
        this.at(key),
        `"${key}" needs at least ${opts.minLength} entr${opts.minLength === 1 ? 'y' : 'ies'}, got ${v.length}`,
        opts.minLength === 1
          ? `list the values or remove "${key}"`
          : `list at least ${opts.minLength} entries`,
      );
      ok = false;
    }
    return ok ? (v as string[]) : undefined;
  }
}
