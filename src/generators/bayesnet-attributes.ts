import type { Rng } from '../rng.js';
import type { ColumnSchema } from '../schema/types.js';
import { BitSet } from '../table/bitset.js';
import { type Column, categoricalColumn, numericColumn } from '../table/column.js';
import { binOf, cellOf, type PublicGrid } from './discretize.js';
import { type NumericMarginal, numericFromUniform, searchCum } from './marginals.js';
import { enforceNumeric } from './numeric-output.js';

/**
 * The network's attributes: how a modelled column becomes codes 0..size−1 (fit) and how codes
 * become values again (sample). JSON-serializable; part of the bayesnet model state.
 *
 * - `numeric` (no DP): quantile bins of the data (discretize.ts), a value drawn back inside its
 *   bin from the column's fitted marginal; null is the last code when the column has nulls.
 * - `categorical` (no DP): one code per training category that occurs, null last when present.
 * - `dp-numeric` / `dp-categorical` (DP): fine cells of a public domain (schema bounds or a public
 *   category list) with their noisy probabilities, merged into coarse groups — the codes; a group
 *   is drawn back to a cell by the noisy cell probabilities (then uniformly inside a numeric cell).
 *   Null is a group of its own when the noisy histogram says nulls exist; otherwise a null is read
 *   as the heaviest group (`fallback`), a row-wise rule that depends only on released numbers.
 */
export type Attribute = NumericAttribute | CategoricalAttribute | DpNumericAttribute | DpCategoricalAttribute;

interface AttributeBase {
  name: string;
  /** Number of codes. */
  size: number;
  /** Code standing for null, or −1 when nulls are not modelled. */
  nullCode: number;
}

export interface NumericAttribute extends AttributeBase {
  type: 'numeric';
  upper: number[];
  uLo: number[];
  uHi: number[];
  marginal: NumericMarginal;
}

export interface CategoricalAttribute extends AttributeBase {
  type: 'categorical';
  /** Output dictionary: the training categories that occur, in dictionary order. */
  categories: string[];
  /** Training dictionary code → attribute code (−1: unused entry). Fit-time only, not serialized. */
  codeOf?: Int32Array;
}

interface DpAttributeBase extends AttributeBase {
  /** Coarse group of each fine cell (cells are values; null is not a cell). */
  group: number[];
  /** Noisy, post-processed probability of each fine cell. */
  cellProb: number[];
  /** Group a null is read as when nulls are not modelled. */
  fallback: number;
}

export interface DpNumericAttribute extends DpAttributeBase {
  type: 'dp-numeric';
  grid: PublicGrid;
}

export interface DpCategoricalAttribute extends DpAttributeBase {
  type: 'dp-categorical';
  /** The public category list: cell c is categories[c]. */
  categories: string[];
  /** Training dictionary code → cell (−1: not a released category). Fit-time only, not serialized. */
  cellOfCode?: Int32Array;
}

/** Codes of every row of a column (fit time). */
export function encodeColumn(attr: Attribute, col: Column): Int32Array {
  const n = col.valid.size;
  const out = new Int32Array(n);
  const nullOr = (fallback: number) => (attr.nullCode >= 0 ? attr.nullCode : fallback);
  switch (attr.type) {
    case 'numeric': {
      if (col.kind !== 'numeric') throw new Error(`column ${col.name} is not numeric`);
      for (let i = 0; i < n; i++)
        out[i] = col.valid.get(i) ? binOf(attr.upper, col.values[i]!) : attr.nullCode;
      return out;
    }
    case 'categorical': {
      if (col.kind !== 'categorical') throw new Error(`column ${col.name} is not categorical`);
      const map = attr.codeOf!;
      for (let i = 0; i < n; i++) out[i] = col.valid.get(i) ? map[col.codes[i]!]! : attr.nullCode;
      return out;
    }
    case 'dp-numeric': {
      if (col.kind !== 'numeric') throw new Error(`column ${col.name} is not numeric`);
      const nullCode = nullOr(attr.fallback);
      for (let i = 0; i < n; i++)
        out[i] = col.valid.get(i) ? attr.group[cellOf(attr.grid, col.values[i]!)]! : nullCode;
      return out;
    }
    case 'dp-categorical': {
      if (col.kind !== 'categorical') throw new Error(`column ${col.name} is not categorical`);
      const nullCode = nullOr(attr.fallback);
      const map = attr.cellOfCode!;
      for (let i = 0; i < n; i++) {
        const cell = col.valid.get(i) ? map[col.codes[i]!]! : -1;
        out[i] = cell >= 0 ? attr.group[cell]! : nullCode;
      }
      return out;
    }
  }
}

/** Per group, its cells and their cumulative probabilities (uniform when the group has no mass). */
function groupCells(attr: DpNumericAttribute | DpCategoricalAttribute): { cells: number[]; cum: number[] }[] {
  const groups = Array.from({ length: attr.size }, () => ({ cells: [] as number[], cum: [] as number[] }));
  attr.group.forEach((g, c) => {
    groups[g]!.cells.push(c);
  });
  for (const g of groups) {
    let total = 0;
    for (const c of g.cells) total += attr.cellProb[c]!;
    let acc = 0;
    g.cum = g.cells.map((c, k) => {
      acc += total > 0 ? attr.cellProb[c]! / total : 1 / g.cells.length;
      return k === g.cells.length - 1 ? 1 : acc;
    });
  }
  return groups;
}

/** Values for sampled codes, obeying the schema (integers, decimals, bounds). */
export function decodeColumn(attr: Attribute, cs: ColumnSchema, codes: Int32Array, rng: Rng): Column {
  const n = codes.length;
  if (attr.type === 'categorical' || attr.type === 'dp-categorical') {
    const out = new Int32Array(n);
    if (attr.type === 'categorical') {
      for (let i = 0; i < n; i++) out[i] = codes[i] === attr.nullCode ? -1 : codes[i]!;
    } else {
      const groups = groupCells(attr);
      for (let i = 0; i < n; i++) {
        if (codes[i] === attr.nullCode) out[i] = -1;
        else {
          const g = groups[codes[i]!]!;
          out[i] = g.cells[searchCum(g.cum, rng.uniformOpen())]!;
        }
      }
    }
    return categoricalColumn(attr.name, out, attr.categories);
  }
  const values = new Float64Array(n);
  const valid = BitSet.full(n);
  if (attr.type === 'numeric') {
    for (let i = 0; i < n; i++) {
      const b = codes[i]!;
      if (b === attr.nullCode) {
        values[i] = Number.NaN;
        valid.clear(i);
        continue;
      }
      const u = attr.uLo[b]! + rng.uniformOpen() * (attr.uHi[b]! - attr.uLo[b]!);
      values[i] = numericFromUniform(attr.marginal, u);
    }
  } else {
    const groups = groupCells(attr);
    const { lo, hi, integer } = attr.grid;
    for (let i = 0; i < n; i++) {
      if (codes[i] === attr.nullCode) {
        values[i] = Number.NaN;
        valid.clear(i);
        continue;
      }
      const g = groups[codes[i]!]!;
      const c = g.cells[searchCum(g.cum, rng.uniformOpen())]!;
      const a = lo[c]!;
      const b = hi[c]!;
      values[i] = a === b ? a : integer ? a + rng.int(b - a + 1) : a + rng.uniform() * (b - a);
    }
  }
  enforceNumeric(values, valid, cs);
  return numericColumn(attr.name, values, valid);
}

/** The attribute without fit-time lookup tables, for the model state. */
export function serializableAttribute(attr: Attribute): Attribute {
  if (attr.type === 'categorical') {
    const { codeOf: _c, ...rest } = attr;
    return rest;
  }
  if (attr.type === 'dp-categorical') {
    const { cellOfCode: _c, ...rest } = attr;
    return rest;
  }
  return attr;
}
