/**
 * k-anonymity and l-diversity (Sweeney 2002; Machanavajjhala et al. 2007) of the quasi-identifiers in
 * the synthetic output. Rows with identical quasi-identifier values form an equivalence class;
 * k = the smallest class; l (per sensitive column) = the fewest distinct sensitive values in a class
 * (null counts as a value).
 *
 * Computed twice: on exact values (no generalization; a numeric QI like fnlwgt makes almost every row
 * its own class), and with numeric QIs generalized into the training column's deciles (equal-frequency
 * bins, the public generalization the report names). These are properties of the released table
 * itself, not estimates: their CIs are degenerate ([v, v]).
 *
 * The same statistics on the training table are reported for context (a real table is often not
 * k-anonymous either; what matters is whether the synthetic output is worse).
 */
import type { Table } from '../table/table.js';
import { type AlignedTable, alignTables } from './align.js';
import { distinctRows } from './row-hash.js';
import { type Estimate, exact } from './stats.js';
import type { AuditTables, MetricResult } from './types.js';

export interface AnonymityFigures {
  /** Rows in the table. */
  rows: number;
  /** Number of equivalence classes. */
  classes: number;
  /** Smallest class size. */
  k: number;
  /** Share of rows in classes smaller than 2, 5 and 10. */
  shareBelow: { k2: Estimate; k5: Estimate; k10: Estimate };
  /** Class sizes: number of classes of size 1, 2–4, 5–9, ≥ 10. */
  sizeDistribution: { size1: number; size2to4: number; size5to9: number; size10plus: number };
  /** l-diversity per sensitive column. */
  lDiversity: { column: string; l: number; shareOfRowsWithL1: Estimate }[];
}

export interface KAnonymityResult extends MetricResult {
  metric: 'k-anonymity';
  quasiIdentifiers: string[];
  sensitive: string[];
  exactValues: AnonymityFigures;
  generalized: AnonymityFigures & { generalization: string };
  trainExactValues: AnonymityFigures;
  trainGeneralized: AnonymityFigures;
}

export interface KAnonymityOptions {
  quasiIdentifiers: readonly string[];
  sensitive?: readonly string[];
  /** Bins for generalized numeric QIs. Default 10 (deciles). */
  bins?: number;
}

function figures(t: AlignedTable, qiCount: number, sensitiveNames: readonly string[]): AnonymityFigures {
  const qi: AlignedTable = { numRows: t.numRows, data: t.data.slice(0, qiCount) };
  const d = distinctRows(qi);
  const classes = d.count.length;
  let k = t.numRows === 0 ? 0 : Number.POSITIVE_INFINITY;
  const dist = { size1: 0, size2to4: 0, size5to9: 0, size10plus: 0 };
  for (const c of d.count) {
    if (c < k) k = c;
    if (c === 1) dist.size1++;
    else if (c < 5) dist.size2to4++;
    else if (c < 10) dist.size5to9++;
    else dist.size10plus++;
  }
  const below = (limit: number) => {
    let rows = 0;
    for (const c of d.count) if (c < limit) rows += c;
    return exact(t.numRows ? rows / t.numRows : 0);
  };
  const lDiversity = sensitiveNames.map((column, s) => {
    const values = t.data[qiCount + s]!;
    const seen = new Map<number, Set<number>>();
    for (let r = 0; r < t.numRows; r++) {
      const g = d.groupOf[r]!;
      let set = seen.get(g);
      if (!set) {
        set = new Set();
        seen.set(g, set);
      }
      const v = values[r]!;
      set.add(Number.isNaN(v) ? Number.NaN : v);
    }
    let l = t.numRows === 0 ? 0 : Number.POSITIVE_INFINITY;
    let rowsL1 = 0;
    for (const [g, set] of seen) {
      if (set.size < l) l = set.size;
      if (set.size === 1) rowsL1 += d.count[g]!;
    }
    return { column, l, shareOfRowsWithL1: exact(t.numRows ? rowsL1 / t.numRows : 0) };
  });
  return {
    rows: t.numRows,
    classes,
    k,
    shareBelow: { k2: below(2), k5: below(5), k10: below(10) },
    sizeDistribution: dist,
    lDiversity,
  };
}

/** Training-table quantile edges for each numeric QI (equal-frequency bins). */
function decileEdges(train: AlignedTable, qiCount: number, bins: number): (Float64Array | null)[] {
  const out: (Float64Array | null)[] = [];
  for (let c = 0; c < qiCount; c++) {
    const col = train.data[c]!;
    if (!(col instanceof Float64Array)) {
      out.push(null);
      continue;
    }
    const v = col.filter((x) => !Number.isNaN(x)).sort();
    const edges: number[] = [];
    for (let b = 1; b < bins; b++) {
      if (v.length === 0) break;
      const e = v[Math.min(v.length - 1, Math.floor((b * v.length) / bins))]!;
      if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
    }
    out.push(Float64Array.from(edges));
  }
  return out;
}

function generalize(t: AlignedTable, edges: readonly (Float64Array | null)[]): AlignedTable {
  return {
    numRows: t.numRows,
    data: t.data.map((col, c) => {
      const e = edges[c];
      if (!e || !(col instanceof Float64Array)) return col;
      return Float64Array.from(col, (x) => {
        if (Number.isNaN(x)) return x;
        let bin = 0;
        while (bin < e.length && x >= e[bin]!) bin++;
        return bin;
      });
    }),
  };
}

/**
 * k-anonymity and l-diversity of the synthetic output (and, for context, of the training table).
 *
 * @example
 * const r = kAnonymity({ train, synthetic, holdout }, { quasiIdentifiers: ['age', 'sex', 'race'], sensitive: ['income'] });
 * r.exactValues.k; // smallest equivalence class in the synthetic table
 */
export function kAnonymity(tables: AuditTables, opts: KAnonymityOptions): KAnonymityResult {
  const qis = [...opts.quasiIdentifiers];
  const sensitive = (opts.sensitive ?? []).filter((s) => !qis.includes(s));
  const bins = opts.bins ?? 10;
  const tables2: Table[] = [tables.synthetic, tables.train];
  const al = alignTables(tables2, [...qis, ...sensitive], ['synthetic table', 'training table']);
  const [syn, train] = al.tables as [AlignedTable, AlignedTable];
  const edges = decileEdges(train, qis.length, bins);
  const exactValues = figures(syn, qis.length, sensitive);
  const generalization = `numeric quasi-identifiers binned at the training table's ${bins}-quantiles; categories kept`;
  const generalized = { ...figures(generalize(syn, edges), qis.length, sensitive), generalization };
  return {
    metric: 'k-anonymity',
    valueLabel: 'k: size of the smallest equivalence class of the quasi-identifiers (exact values)',
    ...exact(exactValues.k),
    params: {
      quasiIdentifiers: qis,
      sensitive,
      syntheticRows: syn.numRows,
      generalization,
      note: 'exact values: no generalization of numeric quasi-identifiers',
    },
    quasiIdentifiers: qis,
    sensitive,
    exactValues,
    generalized,
    trainExactValues: figures(train, qis.length, sensitive),
    trainGeneralized: figures(generalize(train, edges), qis.length, sensitive),
  };
}
