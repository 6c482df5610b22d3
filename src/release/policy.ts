import { SchemaError } from '../errors.js';

/**
 * The release policy: a versioned JSON document of checks on reported figures. A check names a
 * figure (a key of the release's figure table, e.g. `privacy.dcr.shareCloserToTrain`), the side
 * of its confidence interval to compare (`upper`, `lower`, or `value` for the point estimate —
 * figures with a CI are judged on the bound by default, so uncertainty counts against release),
 * an operator and a threshold. Waivers accept a failing check with a written justification; they
 * are recorded in the manifest and shown in the report.
 *
 * @example
 * { "synthgatePolicy": 1, "name": "strict",
 *   "checks": [{ "id": "quality", "figure": "fidelity.quality", "op": ">=", "threshold": 0.8 }],
 *   "waivers": [{ "check": "quality", "justification": "pilot data, reviewed by J. Doe", "approvedBy": "J. Doe" }] }
 */
export const POLICY_VERSION = 1;

export type Operator = '<=' | '<' | '>=' | '>' | '==';
export type Side = 'upper' | 'lower' | 'value';

export interface PolicyCheck {
  id: string;
  figure: string;
  op: Operator;
  threshold: number;
  /** Which number to compare; default: `upper` for `<=`/`<`, `lower` for `>=`/`>`, `value` for `==`. */
  side?: Side;
  /** Only applies when the condition holds (`dp`: the generator used differential privacy). */
  when?: 'dp';
  description?: string;
  /** GDPR anonymisation criterion the check speaks to, shown in the report. */
  criterion?:
    | 'singling-out'
    | 'linkability'
    | 'inference'
    | 'memorization'
    | 'fidelity'
    | 'differential-privacy';
}

export interface Waiver {
  check: string;
  justification: string;
  approvedBy?: string;
  date?: string;
}

export interface Policy {
  synthgatePolicy: typeof POLICY_VERSION;
  name: string;
  description?: string;
  checks: PolicyCheck[];
  waivers?: Waiver[];
}

/** One reported figure: a point value and, where the metric has one, its 95 % CI. */
export interface Figure {
  value: number;
  ci?: [number, number];
  /** Human label and short explanation (for reports). */
  label?: string;
}

export type Figures = Record<string, Figure>;

export type Verdict = 'pass' | 'fail' | 'waived' | 'not-applicable' | 'missing';

export interface CheckResult {
  id: string;
  figure: string;
  side: Side;
  compared: number | null;
  value: number | null;
  ci?: [number, number];
  op: Operator;
  threshold: number;
  verdict: Verdict;
  waiver?: Waiver;
  description?: string;
  criterion?: PolicyCheck['criterion'];
}

export interface PolicyOutcome {
  policy: string;
  passed: boolean;
  checks: CheckResult[];
  failing: string[];
}

export function defaultSide(op: Operator): Side {
  return op === '<=' || op === '<' ? 'upper' : op === '>=' || op === '>' ? 'lower' : 'value';
}

function compare(x: number, op: Operator, t: number): boolean {
  switch (op) {
    case '<=':
      return x <= t;
    case '<':
      return x < t;
    case '>=':
      return x >= t;
    case '>':
      return x > t;
    case '==':
      return x === t;
  }
}

/**
 * Judge figures against a policy. A figure the policy names but the run did not produce fails as
 * `missing` (a check that cannot be computed must not pass silently), unless waived.
 */
export function applyPolicy(policy: Policy, figures: Figures, ctx: { dp: boolean }): PolicyOutcome {
  const waivers = new Map((policy.waivers ?? []).map((w) => [w.check, w]));
  const checks: CheckResult[] = policy.checks.map((c) => {
    const side = c.side ?? defaultSide(c.op);
    const base = {
      id: c.id,
      figure: c.figure,
      side,
      op: c.op,
      threshold: c.threshold,
      ...(c.description ? { description: c.description } : {}),
      ...(c.criterion ? { criterion: c.criterion } : {}),
    };
    if (c.when === 'dp' && !ctx.dp)
      return { ...base, compared: null, value: null, verdict: 'not-applicable' as Verdict };
    const f = figures[c.figure];
    const compared = !f
      ? null
      : side === 'upper'
        ? f.ci
          ? f.ci[1]
          : f.value
        : side === 'lower'
          ? f.ci
            ? f.ci[0]
            : f.value
          : f.value;
    let verdict: Verdict =
      compared === null || !Number.isFinite(compared)
        ? 'missing'
        : compare(compared, c.op, c.threshold)
          ? 'pass'
          : 'fail';
    const waiver = waivers.get(c.id);
    if (verdict !== 'pass' && waiver) verdict = 'waived';
    return {
      ...base,
      compared: compared ?? null,
      value: f ? f.value : null,
      ...(f?.ci ? { ci: f.ci } : {}),
      verdict,
      ...(waiver && verdict === 'waived' ? { waiver } : {}),
    };
  });
  const failing = checks.filter((c) => c.verdict === 'fail' || c.verdict === 'missing').map((c) => c.id);
  return { policy: policy.name, passed: failing.length === 0, checks, failing };
}

const CHECK_KEYS = new Set(['id', 'figure', 'op', 'threshold', 'side', 'when', 'description', 'criterion']);
const WAIVER_KEYS = new Set(['check', 'justification', 'approvedBy', 'date']);
const POLICY_KEYS = new Set(['synthgatePolicy', 'name', 'description', 'checks', 'waivers', '$comment']);
const OPS = new Set(['<=', '<', '>=', '>', '==']);
const SIDES = new Set(['upper', 'lower', 'value']);
const CRITERIA = new Set([
  'singling-out',
  'linkability',
  'inference',
  'memorization',
  'fidelity',
  'differential-privacy',
]);

/** Validate a parsed policy document; unknown keys and bad values are errors with a path. */
export function parsePolicy(
  json: unknown,
  file = '<policy>',
  isKnownFigure?: (name: string) => boolean,
): Policy {
  const fail = (path: string, msg: string, hint?: string): never => {
    throw new SchemaError('E_POLICY', msg, {
      location: { file, path },
      hint: hint ?? 'see `synthgate policy init` for a valid policy',
    });
  };
  if (!json || typeof json !== 'object' || Array.isArray(json)) fail('', 'policy must be a JSON object');
  const p = json as Record<string, unknown>;
  for (const k of Object.keys(p)) if (!POLICY_KEYS.has(k)) fail(k, `unknown key "${k}"`);
  if (p.synthgatePolicy !== POLICY_VERSION)
    fail(
      'synthgatePolicy',
      `unsupported policy version ${JSON.stringify(p.synthgatePolicy)}`,
      `set "synthgatePolicy": ${POLICY_VERSION}`,
    );
  if (typeof p.name !== 'string' || !p.name) fail('name', 'policy needs a non-empty "name"');
  if (p.description !== undefined && typeof p.description !== 'string')
    fail('description', '"description" must be a string');
  if (!Array.isArray(p.checks)) fail('checks', '"checks" must be an array');
  const ids = new Set<string>();
  (p.checks as unknown[]).forEach((c, i) => {
    const path = `checks[${i}]`;
    if (!c || typeof c !== 'object') fail(path, 'a check must be an object');
    const o = c as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!CHECK_KEYS.has(k)) fail(`${path}.${k}`, `unknown key "${k}"`);
    if (typeof o.id !== 'string' || !o.id) fail(`${path}.id`, 'a check needs an "id"');
    if (ids.has(o.id as string)) fail(`${path}.id`, `duplicate check id "${o.id}"`);
    ids.add(o.id as string);
    if (typeof o.figure !== 'string') fail(`${path}.figure`, 'a check needs a "figure" name');
    if (isKnownFigure && !isKnownFigure(o.figure as string))
      fail(
        `${path}.figure`,
        `unknown figure "${o.figure}"`,
        'see the figure names in the README (Release policy)',
      );
    if (!OPS.has(o.op as string)) fail(`${path}.op`, `"op" must be one of ${[...OPS].join(' ')}`);
    if (typeof o.threshold !== 'number' || !Number.isFinite(o.threshold))
      fail(`${path}.threshold`, '"threshold" must be a number');
    if (o.side !== undefined && !SIDES.has(o.side as string))
      fail(`${path}.side`, '"side" must be upper, lower or value');
    if (o.when !== undefined && o.when !== 'dp') fail(`${path}.when`, '"when" may only be "dp"');
    if (o.description !== undefined && typeof o.description !== 'string')
      fail(`${path}.description`, '"description" must be a string');
    if (o.criterion !== undefined && !CRITERIA.has(o.criterion as string))
      fail(`${path}.criterion`, `unknown criterion "${o.criterion}"`);
  });
  if (p.waivers !== undefined) {
    if (!Array.isArray(p.waivers)) fail('waivers', '"waivers" must be an array');
    (p.waivers as unknown[]).forEach((w, i) => {
      const path = `waivers[${i}]`;
      const o = (w ?? {}) as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!WAIVER_KEYS.has(k)) fail(`${path}.${k}`, `unknown key "${k}"`);
      if (typeof o.check !== 'string' || !ids.has(o.check))
        fail(`${path}.check`, `waiver names no check of this policy: ${JSON.stringify(o.check)}`);
      for (const k of ['approvedBy', 'date'])
        if (o[k] !== undefined && typeof o[k] !== 'string') fail(`${path}.${k}`, `"${k}" must be a string`);
      if (typeof o.justification !== 'string' || o.justification.trim().length < 10)
        fail(`${path}.justification`, 'a waiver needs a written justification (10 characters or more)');
    });
  }
  return p as unknown as Policy;
}
