/**
 * Singling-out risk (WP29 criterion 1), following Anonymeter 1.0's `SinglingOutEvaluator`:
 *
 * 1. All three tables are de-duplicated (as Anonymeter does with `drop_duplicates`).
 * 2. The attacker builds predicates from the synthetic table that match exactly one synthetic row:
 *    - univariate: for every column, `isnull` when it has exactly one null, `<= min` and `>= max` for
 *      numeric columns, and `== v` for every value that occurs once; shuffled; the first `nAttacks` that
 *      single out a synthetic row are kept;
 *    - multivariate: a random synthetic row and `nCols` random columns; per column `isnull` for a null,
 *      `>= v` for a number above the column's synthetic median and `<= v` otherwise, `== v` for a
 *      category; kept when it matches exactly one synthetic row and is new, until `nAttacks` are found
 *      or `maxAttempts` rows were tried.
 * 3. Main attack: a predicate succeeds when it matches exactly one training row. Control attack: the same
 *    predicates on the holdout. When the holdout is smaller, either (`design: 'size-corrected'`, the
 *    default and Anonymeter's method) the control's success count is corrected for the size difference
 *    (see `singling-out-correction.ts`), or (`design: 'equal-size'`) the main attack runs on a seeded
 *    training subsample of the holdout's size and no correction is needed. Baseline: random predicates
 *    (random columns, a random observed synthetic value, a random operator: ==/!= for categories,
 *    ==/!=/</<=/>/>= for numbers, isnull/notnull for a null) evaluated on the attacked training rows.
 * 4. Rates and risk as in `stats.ts` (Anonymeter's Wilson rates and residual risk).
 *
 * Predicates are evaluated on typed arrays (`predicates.ts`), never as query strings.
 */
import type { Rng } from '../rng.js';
import { type AlignedColumn, type AlignedTable, alignTables, takeAligned } from './align.js';
import { type Predicate, PredicateIndex, type Query, queryKey } from './predicates.js';
import { distinctRows, firstOccurrences } from './row-hash.js';
import { fitCorrection } from './singling-out-correction.js';
import { anonymeterSuccessRate, type Estimate, residualRisk, type SuccessRate, wilson } from './stats.js';
import type { AuditTables, MetricResult } from './types.js';

export interface AttackRates {
  nAttacks: number;
  nSuccess: number;
  nBaseline: number;
  nControl: number;
  attack: SuccessRate & { ci: [number, number] };
  baseline: SuccessRate & { ci: [number, number] };
  control: SuccessRate & { ci: [number, number] };
  attackBeatsBaseline: boolean;
}

export interface SinglingOutResult extends MetricResult {
  metric: 'singling-out-univariate' | 'singling-out-multivariate';
  rates: AttackRates;
  /** Control successes before the size correction, and the correction applied. */
  controlRaw: number;
  correction: { factor: number; wEff: number } | null;
  /** Queries that could be generated (may be fewer than requested). */
  queriesGenerated: number;
}

export interface SinglingOutOptions {
  mode: 'univariate' | 'multivariate';
  /** Default 500 (Anonymeter's default). */
  nAttacks?: number;
  /** Columns per multivariate predicate. Default 3 (Anonymeter's default). */
  nCols?: number;
  /** Columns the attacker may use. Default: every column of the synthetic table. */
  columns?: readonly string[];
  /** Multivariate: rows tried before giving up. Default 1000 × nAttacks (Anonymeter: 10 million). */
  maxAttempts?: number;
  /**
   * How the control is made comparable when the holdout is smaller than the training data:
   * `size-corrected` (Anonymeter 1.0, the default) scales the control's successes by a fitted model of
   * singling-out probability against population size; `equal-size` attacks a seeded training subsample
   * as large as the control instead, which needs no model. On Adult (26k train, 6.5k holdout) the fitted
   * correction leaves a multivariate "risk" of about 0.09 even for SDV's parametric Gaussian copula, a
   * generator that stores no individual value; the equal-size design does not show that bias.
   */
  design?: 'size-corrected' | 'equal-size';
  rng: Rng;
  confidence?: number;
}

/** Anonymeter's rates and risk from success counts (all rates over the same `nAttacks`). */
export function attackRates(
  nAttacks: number,
  nSuccess: number,
  nBaseline: number,
  nControl: number,
  confidence: number,
): { rates: AttackRates; risk: Estimate } {
  const withCi = (r: SuccessRate) => ({
    ...r,
    ci: [Math.max(0, r.rate - r.error), Math.min(1, r.rate + r.error)] as [number, number],
  });
  const attack = anonymeterSuccessRate(nSuccess, nAttacks, confidence);
  const baseline = anonymeterSuccessRate(nBaseline, nAttacks, confidence);
  const control = anonymeterSuccessRate(nControl, nAttacks, confidence);
  return {
    rates: {
      nAttacks,
      nSuccess,
      nBaseline,
      nControl,
      attack: withCi(attack),
      baseline: withCi(baseline),
      control: withCi(control),
      attackBeatsBaseline: attack.rate > baseline.rate,
    },
    risk: residualRisk(attack, control),
  };
}

function dedup(t: AlignedTable): AlignedTable {
  return takeAligned(t, firstOccurrences(distinctRows(t)));
}

function univariateCandidates(t: AlignedTable, columns: readonly AlignedColumn[]): Query[] {
  const out: Query[] = [];
  columns.forEach((col, c) => {
    const data = t.data[c]!;
    let nulls = 0;
    const counts = new Map<number, number>();
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < data.length; r++) {
      const x = data[r]!;
      const isNull = col.kind === 'numeric' ? Number.isNaN(x) : x < 0;
      if (isNull) {
        nulls++;
        continue;
      }
      counts.set(x, (counts.get(x) ?? 0) + 1);
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    if (nulls === 1) out.push([{ col: c, op: 'isnull', value: 0 }]);
    if (col.kind === 'numeric' && lo <= hi) {
      out.push([{ col: c, op: 'le', value: lo }]);
      out.push([{ col: c, op: 'ge', value: hi }]);
    }
    for (const [v, k] of counts) if (k === 1) out.push([{ col: c, op: 'eq', value: v }]);
  });
  return out;
}

function median(values: Float64Array | Int32Array): number {
  const v = Float64Array.from(values)
    .filter((x) => !Number.isNaN(x))
    .sort();
  if (v.length === 0) return Number.NaN;
  const h = v.length >> 1;
  return v.length % 2 ? v[h]! : (v[h - 1]! + v[h]!) / 2;
}

function pickColumns(rng: Rng, nColumns: number, k: number): number[] {
  return Array.from(rng.permutation(nColumns).subarray(0, Math.min(k, nColumns)));
}

function multivariateQueries(
  t: AlignedTable,
  columns: readonly AlignedColumn[],
  index: PredicateIndex,
  nAttacks: number,
  nCols: number,
  maxAttempts: number,
  rng: Rng,
): Query[] {
  const medians = columns.map((col, c) => (col.kind === 'numeric' ? median(t.data[c]!) : Number.NaN));
  const seen = new Set<string>();
  const out: Query[] = [];
  for (let attempt = 0; attempt < maxAttempts && out.length < nAttacks; attempt++) {
    const r = rng.int(t.numRows);
    const q: Predicate[] = pickColumns(rng, columns.length, nCols).map((c) => {
      const x = t.data[c]![r]!;
      const col = columns[c]!;
      if (col.kind === 'numeric') {
        if (Number.isNaN(x)) return { col: c, op: 'isnull', value: 0 };
        return { col: c, op: x > medians[c]! ? 'ge' : 'le', value: x };
      }
      if (x < 0) return { col: c, op: 'isnull', value: 0 };
      return { col: c, op: 'eq', value: x };
    });
    if (index.count(q, 2) !== 1) continue;
    const key = queryKey(q, columns);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(q);
  }
  return out;
}

function randomQueries(
  t: AlignedTable,
  columns: readonly AlignedColumn[],
  n: number,
  nCols: number,
  rng: Rng,
): Query[] {
  const uniques = columns.map((col, c) => {
    const s = new Set<number>();
    const data = t.data[c]!;
    let hasNull = false;
    for (let r = 0; r < data.length; r++) {
      const x = data[r]!;
      if (col.kind === 'numeric' ? Number.isNaN(x) : x < 0) hasNull = true;
      else s.add(x);
    }
    const vals: (number | null)[] = [...s].sort((a, b) => a - b);
    if (hasNull) vals.push(null);
    return vals;
  });
  const out: Query[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      pickColumns(rng, columns.length, nCols).map((c): Predicate => {
        const vals = uniques[c]!;
        const v = vals.length ? vals[rng.int(vals.length)]! : null;
        if (v === null) return { col: c, op: rng.int(2) === 0 ? 'isnull' : 'notnull', value: 0 };
        const ops =
          columns[c]!.kind === 'numeric'
            ? (['eq', 'ne', 'gt', 'lt', 'ge', 'le'] as const)
            : (['eq', 'ne'] as const);
        return { col: c, op: ops[rng.int(ops.length)]!, value: v };
      }),
    );
  }
  return out;
}

/**
 * Run the singling-out attack.
 *
 * @example
 * const r = singlingOut({ train, synthetic, holdout }, { mode: 'univariate', nAttacks: 500, rng: new Rng(0) });
 * r.value; // risk; r.ci its 95 % interval
 */
export function singlingOut(tables: AuditTables, opts: SinglingOutOptions): SinglingOutResult {
  const confidence = opts.confidence ?? 0.95;
  const nRequested = opts.nAttacks ?? 500;
  const nCols = opts.mode === 'univariate' ? 1 : (opts.nCols ?? 3);
  const columns = opts.columns ?? tables.synthetic.names;
  const al = alignTables([tables.synthetic, tables.train, tables.holdout], columns, [
    'synthetic table',
    'training table',
    'holdout table',
  ]);
  const syn = dedup(al.tables[0]!);
  const train = dedup(al.tables[1]!);
  const control = dedup(al.tables[2]!);
  const synIndex = new PredicateIndex(syn, al.columns);
  const rng = opts.rng;

  let queries: Query[];
  if (opts.mode === 'univariate') {
    const candidates = univariateCandidates(syn, al.columns);
    rng.fork('singling-out:shuffle').shuffle(candidates);
    const seen = new Set<string>();
    queries = [];
    for (const q of candidates) {
      if (queries.length >= nRequested) break;
      if (synIndex.count(q, 2) !== 1) continue;
      const key = queryKey(q, al.columns);
      if (seen.has(key)) continue;
      seen.add(key);
      queries.push(q);
    }
  } else {
    queries = multivariateQueries(
      syn,
      al.columns,
      synIndex,
      nRequested,
      nCols,
      opts.maxAttempts ?? 1000 * nRequested,
      rng.fork('singling-out:multivariate'),
    );
  }
  const nAttacks = queries.length;
  // Equal-size design: attack a seeded training subsample as large as the control, so both attacks
  // face populations of one size and no size correction (a fitted model) is needed.
  const equalSize = opts.design === 'equal-size' && train.numRows > control.numRows;
  const target = equalSize
    ? takeAligned(train, rng.fork('singling-out:equal-size').sampleIndices(train.numRows, control.numRows))
    : train;
  const trainIndex = new PredicateIndex(target, al.columns);
  const controlIndex = new PredicateIndex(control, al.columns);
  const nSuccess = queries.filter((q) => trainIndex.count(q, 2) === 1).length;
  const baseline = randomQueries(syn, al.columns, nAttacks, nCols, rng.fork('singling-out:baseline'));
  const nBaseline = baseline.filter((q) => trainIndex.count(q, 2) === 1).length;
  const controlRaw = queries.filter((q) => controlIndex.count(q, 2) === 1).length;
  let nControl = controlRaw;
  let correction: SinglingOutResult['correction'] = null;
  if (!equalSize && control.numRows !== train.numRows && nAttacks > 0) {
    const fit = fitCorrection(
      queries.map((q) => controlIndex.matches(q)),
      control.numRows,
      train.numRows,
      rng.fork('singling-out:correction'),
    );
    correction = { factor: fit.factor, wEff: fit.wEff };
    nControl = Math.min(nAttacks, controlRaw * fit.factor);
  }
  const { rates, risk } = attackRates(nAttacks, nSuccess, nBaseline, nControl, confidence);
  return {
    metric: opts.mode === 'univariate' ? 'singling-out-univariate' : 'singling-out-multivariate',
    valueLabel: `singling-out risk (${opts.mode} predicates)`,
    ...(nAttacks > 0 ? risk : { ...wilson(0, 0), ciMethod: 'no singling-out predicate could be generated' }),
    params: {
      mode: opts.mode,
      nAttacksRequested: nRequested,
      nCols,
      columns: [...columns],
      syntheticRows: syn.numRows,
      trainRows: train.numRows,
      attackedTrainRows: target.numRows,
      controlRows: control.numRows,
      design: equalSize ? 'equal-size' : 'size-corrected',
      deduplicated: true,
      maxAttempts: opts.mode === 'multivariate' ? (opts.maxAttempts ?? 1000 * nRequested) : undefined,
      method: equalSize
        ? 'Anonymeter 1.0 SinglingOutEvaluator attacks; main attack on a training subsample of the control size'
        : 'Anonymeter 1.0 SinglingOutEvaluator',
    },
    rates,
    controlRaw,
    correction,
    queriesGenerated: nAttacks,
  };
}
