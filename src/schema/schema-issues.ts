import { SchemaError } from '../errors.js';

/**
 * Schema validation problems as data (`{code, path, message, hint}`), collected over the whole
 * document so one run reports every mistake; `throwIssues` turns them into one SchemaError.
 */
export interface SchemaIssue {
  /** Stable code, e.g. `E_SCHEMA_UNKNOWN_KEY`. */
  code: string;
  /** Where, e.g. `columns[3].sdtype`. */
  path: string;
  message: string;
  hint: string;
}

export class IssueList {
  readonly items: SchemaIssue[] = [];

  add(code: string, path: string, message: string, hint: string): void {
    this.items.push({ code, path, message, hint });
  }
}

/** Plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON type name of a value, for "expected X, got Y" messages. */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest of `options` to `word` by case-insensitive edit distance (≤ 2, or ≤ 1 for words of 3 letters or fewer), else null. */
export function closest(word: string, options: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = word.length <= 3 ? 2 : 3;
  for (const o of options) {
    const d = editDistance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) [best, bestD] = [o, d];
  }
  return best;
}

/** `did you mean "x"? ` prefix for a hint, or ''. */
export function didYouMean(word: string, options: readonly string[]): string {
  const c = closest(word, options);
  return c === null ? '' : `did you mean "${c}"? `;
}

/**
 * Throw the first issue as a SchemaError; its message counts and lists the others so the user can
 * fix them in one pass (all issues are also on `cause`).
 */
export function throwIssues(issues: readonly SchemaIssue[], file?: string): void {
  const first = issues[0];
  if (!first) return;
  const rest = issues.slice(1);
  const more = rest.length
    ? `; ${rest.length} more problem${rest.length > 1 ? 's' : ''}: ${rest
        .slice(0, 5)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')}${rest.length > 5 ? '; …' : ''}`
    : '';
  throw new SchemaError(first.code, `${first.message}${more}`, {
    location: { ...(file === undefined ? {} : { file }), path: first.path },
    hint: first.hint,
    cause: issues,
  });
}
