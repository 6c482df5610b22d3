import { alignTables } from '../privacy/align.js';
import { distanceSpace, encodeRows } from '../privacy/distance.js';
import { nearestNeighbors } from '../privacy/nn-search.js';
import { resolveAuditColumns } from '../privacy/roles.js';
import { distinctRows, matchRows } from '../privacy/row-hash.js';
import type { SchemaDocument } from '../schema/types.js';
import { BitSet } from '../table/bitset.js';
import type { Table } from '../table/table.js';
import { constraintViolations } from './constraints.js';

/**
 * The release filter: drops synthetic rows that must not leave the building.
 *
 * 1. exact copies of a training row (on the audited columns: everything but keys, identifiers and
 *    free text, which generators regenerate and which would otherwise hide copies);
 * 2. near copies: rows whose distance to their nearest training row is below `radius` when that
 *    training row is unique in the training data (a unique record is a person; a common one is not);
 * 3. rows breaking the schema's constraints (bounds, inequalities, fixed combinations);
 * 4. duplicates within the synthetic data (first occurrence kept).
 *
 * The distance is the audits' mixed-type DCR distance (mean over columns of range-normalized numeric
 * differences capped at 1, category/null mismatch 0 or 1). The default radius is the 1st percentile of
 * the holdout's distances to the training data: a synthetic row closer to a unique training record than
 * 99 % of genuinely unseen real records are to any training record is treated as a near copy.
 */
export interface FilterReasons {
  exactCopy: number;
  nearCopyOfUnique: number;
  constraint: number;
  duplicate: number;
}

export interface FilterResult {
  /** Rows kept, ascending. */
  keep: Uint32Array;
  dropped: FilterReasons;
  /** Near-copy radius used (DCR units, in [0, 1]). */
  radius: number;
  columns: string[];
}

export interface FilterOptions {
  train: Table;
  holdout: Table;
  synthetic: Table;
  schema: SchemaDocument;
  /** Near-copy radius; default: 1st percentile of holdout→train DCR. */
  radius?: number;
  threads?: number;
}

/** The near-copy radius from the data: a low quantile of holdout→train nearest distances. */
export async function defaultNearCopyRadius(
  train: Table,
  holdout: Table,
  columns: string[],
  threads?: number,
): Promise<number> {
  const al = alignTables([train, holdout], columns, ['training data', 'holdout']);
  const space = distanceSpace(al, [0]);
  const nn = await nearestNeighbors(encodeRows(space, al.tables[0]!), encodeRows(space, al.tables[1]!), {
    k: 1,
    ...(threads ? { threads } : {}),
  });
  const d = Float64Array.from(nn.dist, (x) => x / space.columnCount).sort();
  return d.length ? d[Math.floor(0.01 * (d.length - 1))]! : 0;
}

export async function filterSynthetic(opts: FilterOptions): Promise<FilterResult> {
  const { train, holdout, synthetic, schema } = opts;
  const columns = resolveAuditColumns({ train, synthetic, holdout }, schema).audited;
  const n = synthetic.numRows;
  const drop = new BitSet(n);
  const dropped: FilterReasons = { exactCopy: 0, nearCopyOfUnique: 0, constraint: 0, duplicate: 0 };
  const mark = (i: number, reason: keyof FilterReasons) => {
    if (drop.get(i)) return;
    drop.set(i);
    dropped[reason]++;
  };

  const al = alignTables([train, synthetic], columns, ['training data', 'synthetic data']);
  const trainRows = al.tables[0]!;
  const synthRows = al.tables[1]!;
  const trainIndex = distinctRows(trainRows);
  const match = matchRows(trainIndex, synthRows);
  for (let i = 0; i < n; i++) if (match[i]! >= 0) mark(i, 'exactCopy');

  const radius = opts.radius ?? (await defaultNearCopyRadius(train, holdout, columns, opts.threads));
  if (radius > 0) {
    const space = distanceSpace(al, [0]);
    const nn = await nearestNeighbors(encodeRows(space, trainRows), encodeRows(space, synthRows), {
      k: 1,
      ...(opts.threads ? { threads: opts.threads } : {}),
    });
    for (let i = 0; i < n; i++) {
      if (drop.get(i)) continue;
      const d = nn.dist[i]! / space.columnCount;
      if (d < radius && trainIndex.count[trainIndex.groupOf[nn.idx[i]!]!] === 1) mark(i, 'nearCopyOfUnique');
    }
  }

  const bad = constraintViolations(synthetic, schema, train);
  for (let i = 0; i < n; i++) if (bad.get(i)) mark(i, 'constraint');

  const own = distinctRows(synthRows);
  for (let i = 0; i < n; i++) if (own.first[own.groupOf[i]!] !== i) mark(i, 'duplicate');

  return { keep: drop.not().indices(), dropped, radius, columns };
}
