import type { Rng } from '../rng.js';
import type { SchemaDocument } from '../schema/types.js';
import { BitSet } from '../table/bitset.js';
import { type Column, categoricalColumn, numericColumn } from '../table/column.js';
import { Table } from '../table/table.js';
import { type CartTree, leafOf, type PredictorValues } from './cart-tree.js';
import { type ReplacedColumnModel, sampleReplacedColumn } from './copula.js';
import { searchCum } from './marginals.js';
import { enforceNumeric } from './numeric-output.js';
import type { FittedModel, GeneratorState } from './types.js';

/** Parameters of the cart generator (documented in `cartFactory.parameters`). */
export interface CartParams {
  order: string[] | null;
  minLeaf: number;
  cp: number;
  maxDepth: number;
  smoothing: 'density' | 'none';
}

export const CART_STATE_VERSION = 1;

/**
 * Smoothing of a numeric column's donor draws (synthpop `smoothing = "density"`, per leaf): a draw
 * y becomes y + h·N(0, 1) with h the leaf's Silverman bandwidth, unless y is in `keep` (a value held
 * by ≥ 1 % of the column, or a top-coded maximum), then clamped to the observed range.
 */
export interface Smoothing {
  keep: number[];
  min: number;
  max: number;
  /** Bandwidth per leaf of the value tree (0: leaf not smoothed). */
  bandwidth: number[];
}

/** The model of one visited column: trees on the columns visited before it (all of them, in order). */
export type CartColumnModel =
  | {
      name: string;
      kind: 'categorical';
      /** Output dictionary (the training dictionary). */
      categories: string[];
      /** Class standing for null (−1 when the column had none). */
      nullClass: number;
      tree: CartTree;
    }
  | {
      name: string;
      kind: 'numeric';
      /** Two classes, 0 = present, 1 = null; absent when the column had no nulls. */
      nullTree: CartTree | null;
      /** Value tree on the non-null rows; leaves hold the donor values. */
      tree: CartTree;
      smoothing: Smoothing | null;
    };

export type CartColumn = { name: string; kind: 'visit'; position: number } | ReplacedColumnModel;

export interface CartState {
  rows: number;
  /** Modelled columns in visit order. */
  visits: CartColumnModel[];
  /** Schema columns, in schema order. */
  columns: CartColumn[];
}

/** Cumulative class probabilities of each leaf. */
function leafCumulative(tree: CartTree): number[][] {
  return tree.leaves.map((counts) => {
    const total = counts.reduce((a, b) => a + b, 0);
    let acc = 0;
    return counts.map((c, k) => {
      acc += total > 0 ? c / total : 1 / counts.length;
      return k === counts.length - 1 ? 1 : acc;
    });
  });
}

export class CartModel implements FittedModel {
  readonly generator = 'cart';
  readonly schema: SchemaDocument;
  readonly params: CartParams;
  readonly state: CartState;
  private readonly cum: { tree: number[][]; nullTree: number[][] | null }[];

  constructor(schema: SchemaDocument, params: CartParams, state: CartState) {
    this.schema = schema;
    this.params = params;
    this.state = state;
    this.cum = state.visits.map((v) =>
      v.kind === 'categorical'
        ? { tree: leafCumulative(v.tree), nullTree: null }
        : { tree: [], nullTree: v.nullTree ? leafCumulative(v.nullTree) : null },
    );
  }

  sample(n: number, rng: Rng): Table {
    const byName = new Map(this.schema.columns.map((c) => [c.name, c]));
    const preds: PredictorValues[] = [];
    const made = new Map<string, Column>();
    this.state.visits.forEach((v, j) => {
      const crng = rng.fork(`cart:${v.name}`);
      const cs = byName.get(v.name)!;
      if (v.kind === 'categorical') {
        const codes = new Int32Array(n);
        const cum = this.cum[j]!.tree;
        for (let i = 0; i < n; i++) {
          const c = searchCum(cum[leafOf(v.tree, preds, i)]!, crng.uniformOpen());
          codes[i] = c === v.nullClass ? -1 : c;
        }
        const col = categoricalColumn(v.name, codes, v.categories);
        made.set(v.name, col);
        preds.push({
          kind: 'categorical',
          codes,
          missing: v.nullClass >= 0 ? v.nullClass : v.categories.length,
        });
        return;
      }
      const values = new Float64Array(n);
      const valid = BitSet.full(n);
      const nullCum = this.cum[j]!.nullTree;
      const sm = v.smoothing;
      for (let i = 0; i < n; i++) {
        if (v.nullTree && searchCum(nullCum![leafOf(v.nullTree, preds, i)]!, crng.uniformOpen()) === 1) {
          values[i] = Number.NaN;
          valid.clear(i);
          continue;
        }
        const leaf = leafOf(v.tree, preds, i);
        const donors = v.tree.leaves[leaf]!;
        let y = donors[crng.int(donors.length)]!;
        if (sm && sm.bandwidth[leaf]! > 0 && !sm.keep.includes(y)) {
          y += sm.bandwidth[leaf]! * crng.normal();
          y = Math.min(sm.max, Math.max(sm.min, y));
        }
        values[i] = y;
      }
      enforceNumeric(values, valid, cs);
      const col = numericColumn(v.name, values, valid);
      made.set(v.name, col);
      preds.push({ kind: 'numeric', values });
    });
    const cols: Column[] = this.state.columns.map((c) => {
      if (c.kind === 'visit') return made.get(c.name)!;
      return sampleReplacedColumn(c, byName.get(c.name)!, n, rng.fork(`sample:${c.name}`));
    });
    return new Table(cols, n);
  }

  toJSON(): GeneratorState {
    return { stateVersion: CART_STATE_VERSION, params: { ...this.params }, state: this.state };
  }
}
