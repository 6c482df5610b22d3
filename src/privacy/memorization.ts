/**
 * Memorization: synthetic rows that are verbatim copies of real rows, and real identifier values
 * replayed in the synthetic output.
 *
 * Rows are compared exactly on the audited columns (hash + value-by-value verification). The holdout
 * is the baseline: a generator that never copies still reproduces common rows by chance, at the rate
 * it reproduces holdout rows. Because the training table is usually larger than the holdout, the
 * training match is also reported against a training subsample of the holdout's size.
 * SDMetrics 0.29's `exact_match`-style figure is `exactMatches.train.share`.
 */
import type { Rng } from '../rng.js';
import type { Table } from '../table/table.js';
import { alignAuditTables } from './align.js';
import { distinctRows, matchRows } from './row-hash.js';
import { type Estimate, wilson } from './stats.js';
import type { AuditTables, MetricResult } from './types.js';

export interface MatchFigure {
  /** Reference rows considered. */
  referenceRows: number;
  /** Synthetic rows identical to some reference row. */
  count: number;
  share: Estimate;
}

export interface UniqueReproduction {
  /** Reference rows whose values occur exactly once in the reference table. */
  uniqueRows: number;
  /** How many of those occur in the synthetic table. */
  reproduced: number;
  share: Estimate;
}

export interface IdentifierReplay {
  column: string;
  /** Distinct non-null training values of the identifier. */
  distinctTrain: number;
  /** How many of them appear in the synthetic column. */
  replayedTrain: number;
  share: Estimate;
  /** The same for the holdout's values (chance coincidences, e.g. common names). */
  distinctHoldout: number;
  replayedHoldout: number;
  holdoutShare: Estimate;
}

export interface MemorizationResult extends MetricResult {
  metric: 'memorization';
  exactMatches: { train: MatchFigure; holdout: MatchFigure; trainEqualSize: MatchFigure };
  uniqueReproduced: { train: UniqueReproduction; holdout: UniqueReproduction };
  identifierReplay: IdentifierReplay[];
}

export interface MemorizationOptions {
  /** Columns compared for exact row matches. Default: every column of the synthetic table. */
  columns?: readonly string[];
  /** Direct-identifier columns to check for replayed values. */
  identifierColumns?: readonly string[];
  /** Draws the equal-size training subsample. */
  rng: Rng;
  confidence?: number;
}

function matchFigure(matches: Int32Array, referenceRows: number, confidence: number): MatchFigure {
  let count = 0;
  for (let i = 0; i < matches.length; i++) if (matches[i]! >= 0) count++;
  return { referenceRows, count, share: wilson(count, matches.length, confidence) };
}

function uniqueReproduction(
  count: Int32Array,
  hitGroups: Set<number>,
  confidence: number,
): UniqueReproduction {
  let uniqueRows = 0;
  let reproduced = 0;
  for (let g = 0; g < count.length; g++) {
    if (count[g] !== 1) continue;
    uniqueRows++;
    if (hitGroups.has(g)) reproduced++;
  }
  return { uniqueRows, reproduced, share: wilson(reproduced, uniqueRows, confidence) };
}

function distinctValues(t: Table, column: string): Set<string | number> {
  const c = t.column(column);
  const out = new Set<string | number>();
  for (let i = 0; i < t.numRows; i++) {
    if (!c.valid.get(i)) continue;
    out.add(c.kind === 'numeric' ? c.values[i]! : c.dictionary[c.codes[i]!]!);
  }
  return out;
}

function replay(tables: AuditTables, column: string, confidence: number): IdentifierReplay {
  const synth = distinctValues(tables.synthetic, column);
  const count = (vals: Set<string | number>): number => {
    let k = 0;
    for (const v of vals) if (synth.has(v)) k++;
    return k;
  };
  const train = distinctValues(tables.train, column);
  const hold = tables.holdout.has(column)
    ? distinctValues(tables.holdout, column)
    : new Set<string | number>();
  const replayedTrain = count(train);
  const replayedHoldout = count(hold);
  return {
    column,
    distinctTrain: train.size,
    replayedTrain,
    share: wilson(replayedTrain, train.size, confidence),
    distinctHoldout: hold.size,
    replayedHoldout,
    holdoutShare: wilson(replayedHoldout, hold.size, confidence),
  };
}

/**
 * Exact-copy and identifier-replay figures for a synthetic table.
 *
 * @example
 * const m = memorization({ train, synthetic, holdout }, { rng: new Rng(0) });
 * m.exactMatches.train.share.value; // => 1 for a copy of train, ~0 for a good generator
 */
export function memorization(tables: AuditTables, opts: MemorizationOptions): MemorizationResult {
  const confidence = opts.confidence ?? 0.95;
  const columns = opts.columns ?? tables.synthetic.names;
  const { train, synthetic: synth, holdout: hold } = alignAuditTables(tables, columns);
  const trainIdx = distinctRows(train);
  const holdIdx = distinctRows(hold);
  const synToTrain = matchRows(trainIdx, synth);
  const synToHold = matchRows(holdIdx, synth);

  const m = Math.min(train.numRows, hold.numRows);
  const sub = opts.rng.fork('memorization:train-subsample').sampleIndices(train.numRows, m);
  const inSub = new Uint8Array(train.numRows);
  for (const r of sub) inSub[r] = 1;
  // A synthetic row matches the subsample when some subsample row lies in its distinct-row group.
  const groupInSub = new Uint8Array(trainIdx.count.length);
  for (let r = 0; r < train.numRows; r++) if (inSub[r]) groupInSub[trainIdx.groupOf[r]!] = 1;
  const synToSub = synToTrain.map((g) => (g >= 0 && groupInSub[g] ? g : -1));

  const trainHits = new Set<number>();
  for (const g of synToTrain) if (g >= 0) trainHits.add(g);
  const holdHits = new Set<number>();
  for (const g of synToHold) if (g >= 0) holdHits.add(g);

  const exactMatches = {
    train: matchFigure(synToTrain, train.numRows, confidence),
    holdout: matchFigure(synToHold, hold.numRows, confidence),
    trainEqualSize: matchFigure(synToSub, m, confidence),
  };
  const identifierReplay = (opts.identifierColumns ?? [])
    .filter((c) => tables.train.has(c) && tables.synthetic.has(c))
    .map((c) => replay(tables, c, confidence));
  return {
    metric: 'memorization',
    valueLabel: 'share of synthetic rows identical to a training row',
    ...exactMatches.train.share,
    params: {
      columns: [...columns],
      identifierColumns: [...(opts.identifierColumns ?? [])],
      trainRows: train.numRows,
      syntheticRows: synth.numRows,
      holdoutRows: hold.numRows,
      equalSizeSubsample: m,
      comparison: 'exact equality on every column; null equals null; categories matched by string',
    },
    exactMatches,
    uniqueReproduced: {
      train: uniqueReproduction(trainIdx.count, trainHits, confidence),
      holdout: uniqueReproduction(holdIdx.count, holdHits, confidence),
    },
    identifierReplay,
  };
}
