/**
 * Typed errors with stable codes. The CLI prints `error[CODE] what (where). how-to-fix` and exits with
 * `exitCode`; library callers switch on `code`. Never thrown for bugs: those stay plain `Error`s.
 */

/** Where in an input the problem sits; every field optional. Rows are 1-based data rows (header = row 0). */
export interface ErrorLocation {
  file?: string;
  row?: number;
  column?: string;
  /** A JSON pointer-like path inside a schema or policy document, e.g. `columns[3].sdtype`. */
  path?: string;
}

/** Process exit codes, documented in the README. */
export const ExitCode = {
  ok: 0,
  usage: 1,
  badInput: 2,
  gateFailed: 3,
  interrupted: 130,
} as const;

export class SynthgateError extends Error {
  readonly code: string;
  readonly location: ErrorLocation;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(
    code: string,
    message: string,
    opts: { location?: ErrorLocation; hint?: string; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.location = opts.location ?? {};
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? ExitCode.badInput;
  }

  /** One line for humans: `error[E_CSV_RAGGED] row 12 has 3 fields, expected 5 (file data.csv, row 12). Fix: …` */
  toLine(): string {
    const where = formatLocation(this.location);
    const hint = this.hint ? ` Fix: ${this.hint}` : '';
    return `error[${this.code}] ${this.message}${where ? ` (${where})` : ''}.${hint}`;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.location, hint: this.hint };
  }
}

function formatLocation(loc: ErrorLocation): string {
  const parts: string[] = [];
  if (loc.file) parts.push(`file ${loc.file}`);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.column !== undefined) parts.push(`column "${loc.column}"`);
  if (loc.path) parts.push(`at ${loc.path}`);
  return parts.join(', ');
}

/** Bad data or unreadable input files (exit 2). */
export class InputError extends SynthgateError {}

/** A schema or policy document that is malformed, unknown or contradictory (exit 2). */
export class SchemaError extends SynthgateError {}

/** Wrong command-line usage (exit 1). */
export class UsageError extends SynthgateError {
  constructor(code: string, message: string, opts: { hint?: string } = {}) {
    super(code, message, { ...opts, exitCode: ExitCode.usage });
  }
}

/** A model file that cannot be loaded: unknown format version, unknown generator, corrupt JSON (exit 2). */
export class ModelError extends SynthgateError {}

/** The release gate refused the output (exit 3). */
export class GateError extends SynthgateError {
  constructor(code: string, message: string, opts: { hint?: string } = {}) {
    super(code, message, { ...opts, exitCode: ExitCode.gateFailed });
  }
}

export function isSynthgateError(e: unknown): e is SynthgateError {
  return e instanceof SynthgateError;
}
