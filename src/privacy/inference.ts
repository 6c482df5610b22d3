/**
 * Attribute-inference risk (WP29 criterion 3), following Anonymeter 1.0's `InferenceEvaluator`: the
 * attacker knows a target's auxiliary columns, finds the nearest synthetic row on them, and guesses the
 * target's secret as that row's secret. A guess is correct when it equals the secret (categorical) or,
 * for a numeric secret, when |guess − secret| ≤ tolerance · |guess| (Anonymeter divides by the signed
 * guess; the absolute value keeps negative guesses from always counting as correct); null guesses a
 * null secret correctly. Main attack on training rows, control attack on holdout rows, baseline: a
 * random synthetic row's secret for each of another sample of training targets.
 * Rates and risk: Anonymeter's (see `stats.ts`).
 */
import type { Rng } from '../rng.js';
import { type AlignedTable, alignTables, takeAligned } from './align.js';
import { anonymeterNeighbors } from './anonymeter-neighbors.js';
import { type AttackRates, attackRates } from './singling-out.js';
import type { AuditTables, MetricResult } from './types.js';

export interface InferenceResult extends MetricResult {
  metric: 'inference';
  secret: string;
  rates: AttackRates;
}

export interface InferenceOptions {
  /** The column the attacker tries to learn. */
  secret: string;
  /** Columns the attacker knows. */
  auxCols: readonly string[];
  /** Targets per attack (capped at the smaller real table). Default 500 (Anonymeter's default). */
  nAttacks?: number;
  /** Numeric secret: relative tolerance of a correct guess. Default 0.05 (Anonymeter's). */
  tolerance?: number;
  /** Treat the secret as numeric (regression). Default: the column's kind. */
  regression?: boolean;
  rng: Rng;
  threads?: number;
  confidence?: number;
}

/**
 * Run the inference attack on one secret column.
 *
 * @example
 * const aux = train.names.filter((c) => c !== 'income');
 * const r = await inference({ train, synthetic, holdout }, { secret: 'income', auxCols: aux, nAttacks: 5000, rng: new Rng(0) });
 * r.value; // risk in [0, 1]
 */
export async function inference(tables: AuditTables, opts: InferenceOptions): Promise<InferenceResult> {
  const confidence = opts.confidence ?? 0.95;
  const tolerance = opts.tolerance ?? 0.05;
  const aux = opts.auxCols.filter((c) => c !== opts.secret);
  if (aux.length === 0) throw new Error(`inference of "${opts.secret}" needs at least one auxiliary column`);
  const al = alignTables(
    [tables.synthetic, tables.train, tables.holdout],
    [...aux, opts.secret],
    ['synthetic table', 'training table', 'holdout table'],
  );
  const s = aux.length;
  const numeric = al.columns[s]!.kind === 'numeric';
  const regression = opts.regression ?? numeric;
  const syn = al.tables[0]!;
  const nAttacks = Math.min(opts.nAttacks ?? 500, al.tables[1]!.numRows, al.tables[2]!.numRows, syn.numRows);
  const auxCols = aux.map((_, i) => i);
  const synSecret = syn.data[s]!;
  const isNull = (x: number) => (numeric ? Number.isNaN(x) : x < 0);
  const correct = (guess: number, secret: number): boolean => {
    if (isNull(guess) || isNull(secret)) return isNull(guess) && isNull(secret);
    if (regression && numeric) return Math.abs(guess - secret) <= tolerance * (Math.abs(guess) + 1e-12);
    return guess === secret;
  };
  const attack = async (real: AlignedTable, label: string): Promise<number> => {
    const rng = opts.rng.fork(`inference:${opts.secret}:${label}`);
    const targets = takeAligned(real, rng.fork('targets').sampleIndices(real.numRows, nAttacks));
    const nn = await anonymeterNeighbors(
      al.columns,
      syn,
      targets,
      auxCols,
      1,
      rng.fork('ties'),
      opts.threads,
    );
    const secrets = targets.data[s]!;
    let k = 0;
    for (let i = 0; i < nAttacks; i++) if (correct(synSecret[nn.idx[i]!]!, secrets[i]!)) k++;
    return k;
  };
  const nSuccess = await attack(al.tables[1]!, 'main');
  const nControl = await attack(al.tables[2]!, 'control');
  const baseRng = opts.rng.fork(`inference:${opts.secret}:baseline`);
  const baseTargets = baseRng.fork('targets').sampleIndices(al.tables[1]!.numRows, nAttacks);
  const guesses = baseRng.fork('guesses').permutation(syn.numRows).subarray(0, nAttacks);
  const trainSecret = al.tables[1]!.data[s]!;
  let nBaseline = 0;
  for (let i = 0; i < nAttacks; i++)
    if (correct(synSecret[guesses[i]!]!, trainSecret[baseTargets[i]!]!)) nBaseline++;
  const { rates, risk } = attackRates(nAttacks, nSuccess, nBaseline, nControl, confidence);
  return {
    metric: 'inference',
    valueLabel: `inference risk for "${opts.secret}"`,
    ...risk,
    secret: opts.secret,
    params: {
      secret: opts.secret,
      auxCols: aux,
      nAttacks,
      nAttacksRequested: opts.nAttacks ?? 500,
      regression,
      tolerance: regression ? tolerance : undefined,
      syntheticRows: syn.numRows,
      trainRows: al.tables[1]!.numRows,
      controlRows: al.tables[2]!.numRows,
      distance:
        'Anonymeter mixed-type: |a−b|/range(synthetic ∪ targets) + categorical mismatch; ties broken at random',
      method: 'Anonymeter 1.0 InferenceEvaluator',
    },
    rates,
  };
}
