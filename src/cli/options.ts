import { Option } from 'commander';
import { UsageError } from '../errors.js';

/**
 * Every CLI option, declared once: flags, description, default and parser. Commands pick the options
 * they take from this table, so `--help`, parsing and the README's option tables agree.
 */
export interface OptionSpec {
  flags: string;
  description: string;
  default?: unknown;
  parse?: (value: string, previous: unknown) => unknown;
}

function parseIntStrict(name: string, min: number) {
  return (v: string): number => {
    if (!/^\d+$/.test(v.trim()) || Number(v) < min)
      throw new UsageError('E_BAD_OPTION', `${name} must be an integer ≥ ${min}, got "${v}"`);
    return Number(v);
  };
}

function parseFraction(name: string) {
  return (v: string): number => {
    const x = Number(v);
    if (!Number.isFinite(x) || x <= 0 || x >= 1)
      throw new UsageError('E_BAD_OPTION', `${name} must be a number in (0, 1), got "${v}"`);
    return x;
  };
}

function parsePositive(name: string) {
  return (v: string): number => {
    const x = Number(v);
    if (!Number.isFinite(x) || x <= 0)
      throw new UsageError('E_BAD_OPTION', `${name} must be a positive number, got "${v}"`);
    return x;
  };
}

const collect = (v: string, prev: unknown): string[] => [...((prev as string[] | undefined) ?? []), v];
const list = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const OPTIONS = {
  out: { flags: '-o, --out <path>', description: 'output file (`-` for stdout)' },
  schema: {
    flags: '--schema <file>',
    description: 'schema.json to use instead of inference (see `synthgate inspect --out`)',
  },
  na: {
    flags: '--na <token>',
    description: 'extra string read as missing (repeatable; defaults: "", NA, N/A, null, NULL, NaN)',
    parse: collect,
  },
  delimiter: {
    flags: '--delimiter <char>',
    description: 'CSV delimiter (default: detected among , ; tab |)',
  },
  seed: {
    flags: '--seed <n>',
    description: 'random seed: the same seed gives byte-identical output',
    default: 0,
    parse: parseIntStrict('--seed', 0),
  },
  rows: {
    flags: '--rows <n>',
    description: 'number of rows to generate',
    parse: parseIntStrict('--rows', 1),
  },
  generator: {
    flags: '--generator <name>',
    description: 'generator to use (see `synthgate generators`)',
    default: 'copula',
  },
  param: {
    flags: '--param <key=value>',
    description: 'generator parameter (repeatable), e.g. --param maxCorrelationRows=50000',
    parse: collect,
  },
  epsilon: {
    flags: '--epsilon <e>',
    description:
      'differential privacy: total ε budget (generators that support DP: bayesnet, tvae); omit for no DP',
    parse: parsePositive('--epsilon'),
  },
  delta: {
    flags: '--delta <d>',
    description: 'differential privacy: δ (with --epsilon; default per generator)',
    parse: parseFraction('--delta'),
  },
  model: { flags: '--model <file>', description: 'model file (JSON) to write or read' },
  json: {
    flags: '--json [file]',
    description: 'machine-readable JSON summary (to stdout, or to the file given)',
  },
  html: { flags: '--html <file>', description: 'write a self-contained HTML report' },
  jsonReport: { flags: '--json [report.json]', description: 'full JSON report (stdout, or the file given)' },
  htmlReport: { flags: '--html <report.html>', description: 'write the self-contained HTML report here' },
  quiet: { flags: '-q, --quiet', description: 'no progress or messages on stderr (errors still print)' },
  real: { flags: '--real <file>', description: 'real (training) data' },
  synthetic: { flags: '--synthetic <file>', description: 'synthetic data to judge' },
  train: { flags: '--train <file>', description: 'training data the generator saw' },
  holdout: { flags: '--holdout <file>', description: 'real data the generator never saw' },
  target: { flags: '--target <column>', description: 'column to predict for ML efficacy (TSTR vs TRTR)' },
  quasi: {
    flags: '--quasi <columns>',
    description: 'comma-separated quasi-identifiers (default: schema roles)',
    parse: list,
  },
  sensitive: {
    flags: '--sensitive <columns>',
    description: 'comma-separated sensitive columns (default: schema roles)',
    parse: list,
  },
  minCellCount: {
    flags: '--min-cell-count <n>',
    description: 'charts hide cells with fewer real rows than this (privacy of the report itself)',
    default: 10,
    parse: parseIntStrict('--min-cell-count', 1),
  },
  holdoutFraction: {
    flags: '--holdout-fraction <f>',
    description: 'share of rows held out from fitting, for the audits',
    default: 0.2,
    parse: parseFraction('--holdout-fraction'),
  },
} satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** A commander Option built from the table, with an optional override of the description. */
export function option(name: OptionName, overrides: Partial<OptionSpec> = {}): Option {
  const spec: OptionSpec = { ...OPTIONS[name], ...overrides };
  const o = new Option(spec.flags, spec.description);
  if (spec.parse) o.argParser(spec.parse as (v: string, p: unknown) => unknown);
  if (spec.default !== undefined) o.default(spec.default);
  return o;
}

/**
 * Generator parameters from `--param k=v` pairs (numbers and booleans parsed), plus `--epsilon` and
 * `--delta`, which become the generator's `epsilon` / `delta` parameters.
 */
export function generatorParams(o: {
  param?: string[];
  epsilon?: number;
  delta?: number;
}): Record<string, unknown> {
  const p = parseParams(o.param);
  if (o.delta !== undefined && o.epsilon === undefined)
    throw new UsageError('E_BAD_OPTION', '--delta needs --epsilon', {
      hint: 'give the ε budget with --epsilon',
    });
  if (o.epsilon !== undefined) p.epsilon = o.epsilon;
  if (o.delta !== undefined) p.delta = o.delta;
  return p;
}

/** `--param k=v` pairs → object, with numbers and booleans parsed. */
export function parseParams(pairs: readonly string[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of pairs ?? []) {
    const i = p.indexOf('=');
    if (i <= 0) throw new UsageError('E_BAD_OPTION', `--param expects key=value, got "${p}"`);
    const k = p.slice(0, i);
    const v = p.slice(i + 1);
    out[k] =
      v === 'true' ? true : v === 'false' ? false : v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return out;
}
