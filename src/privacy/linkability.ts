/**
 * Linkability risk (WP29 criterion 2), following Anonymeter 1.0's `LinkabilityEvaluator`: the attacker
 * holds two datasets about the same people, each with one group of auxiliary columns, and uses the
 * synthetic table to join them. For each target record (a random real row), its `nNeighbors` nearest
 * synthetic rows are found on each column group separately; the target is linked when the two
 * neighbour sets share a synthetic row. Main attack on training rows, control attack on holdout rows
 * (same number of targets), baseline: two random sets of `nNeighbors` synthetic rows per target.
 * Rates and risk: Anonymeter's (see `stats.ts`).
 */
import type { Rng } from '../rng.js';
import { type AlignedTable, alignTables, takeAligned } from './align.js';
import { anonymeterNeighbors } from './anonymeter-neighbors.js';
import type { NeighborResult } from './nn-search.js';
import { type AttackRates, attackRates } from './singling-out.js';
import type { AuditTables, MetricResult } from './types.js';

export interface LinkabilityResult extends MetricResult {
  metric: 'linkability';
  rates: AttackRates;
}

export interface LinkabilityOptions {
  /** The two groups of auxiliary columns (disjoint, each non-empty). */
  auxCols: readonly [readonly string[], readonly string[]];
  /** Targets per attack (capped at the smaller real table). Default 500 (Anonymeter's default). */
  nAttacks?: number;
  /** Neighbours considered per group. Default 1 (Anonymeter's default). */
  nNeighbors?: number;
  rng: Rng;
  threads?: number;
  confidence?: number;
}

function countLinks(a: NeighborResult, b: NeighborResult, k: number): number {
  let links = 0;
  for (let i = 0; i < a.n; i++) {
    let linked = false;
    for (let x = 0; x < k && !linked; x++) {
      const s = a.idx[i * a.k + x]!;
      for (let y = 0; y < k; y++) {
        if (b.idx[i * b.k + y] === s) {
          linked = true;
          break;
        }
      }
    }
    if (linked) links++;
  }
  return links;
}

/** k distinct indices from [0, n) (rejection sampling when k ≪ n). */
function distinct(rng: Rng, n: number, k: number): Set<number> {
  if (4 * k > n) return new Set(rng.sampleIndices(n, k));
  const out = new Set<number>();
  while (out.size < k) out.add(rng.int(n));
  return out;
}

function randomLinks(nSynthetic: number, nAttacks: number, k: number, rng: Rng): number {
  let links = 0;
  for (let i = 0; i < nAttacks; i++) {
    const a = distinct(rng, nSynthetic, k);
    for (const s of distinct(rng, nSynthetic, k)) {
      if (a.has(s)) {
        links++;
        break;
      }
    }
  }
  return links;
}

/**
 * Run the linkability attack.
 *
 * @example
 * const r = await linkability({ train, synthetic, holdout }, {
 *   auxCols: [['workclass', 'education'], ['race', 'sex', 'age']], nAttacks: 5000, nNeighbors: 10, rng: new Rng(0),
 * });
 * r.value; // risk in [0, 1]
 */
export async function linkability(tables: AuditTables, opts: LinkabilityOptions): Promise<LinkabilityResult> {
  const confidence = opts.confidence ?? 0.95;
  const [g0, g1] = opts.auxCols;
  if (g0.length === 0 || g1.length === 0)
    throw new Error('linkability needs two non-empty groups of auxiliary columns');
  const names = [...g0, ...g1];
  const al = alignTables([tables.synthetic, tables.train, tables.holdout], names, [
    'synthetic table',
    'training table',
    'holdout table',
  ]);
  const syn = al.tables[0]!;
  const nAttacks = Math.min(opts.nAttacks ?? 500, al.tables[1]!.numRows, al.tables[2]!.numRows);
  const k = Math.max(1, Math.min(opts.nNeighbors ?? 1, syn.numRows));
  const cols0 = g0.map((_, i) => i);
  const cols1 = g1.map((_, i) => g0.length + i);
  const attack = async (real: AlignedTable, label: string): Promise<number> => {
    const rng = opts.rng.fork(`linkability:${label}`);
    const targets = takeAligned(real, rng.fork('targets').sampleIndices(real.numRows, nAttacks));
    const a = await anonymeterNeighbors(al.columns, syn, targets, cols0, k, rng.fork('ties:0'), opts.threads);
    const b = await anonymeterNeighbors(al.columns, syn, targets, cols1, k, rng.fork('ties:1'), opts.threads);
    return countLinks(a, b, k);
  };
  const nSuccess = await attack(al.tables[1]!, 'main');
  const nControl = await attack(al.tables[2]!, 'control');
  const nBaseline = randomLinks(syn.numRows, nAttacks, k, opts.rng.fork('linkability:baseline'));
  const { rates, risk } = attackRates(nAttacks, nSuccess, nBaseline, nControl, confidence);
  return {
    metric: 'linkability',
    valueLabel: 'linkability risk',
    ...risk,
    params: {
      auxCols: [[...g0], [...g1]],
      nAttacks,
      nAttacksRequested: opts.nAttacks ?? 500,
      nNeighbors: k,
      syntheticRows: syn.numRows,
      trainRows: al.tables[1]!.numRows,
      controlRows: al.tables[2]!.numRows,
      distance:
        'Anonymeter mixed-type: |a−b|/range(synthetic ∪ targets) + categorical mismatch; ties broken at random',
      method: 'Anonymeter 1.0 LinkabilityEvaluator',
    },
    rates,
  };
}
