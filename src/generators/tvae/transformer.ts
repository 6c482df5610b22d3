import type { Rng } from '../../rng.js';
import { BitSet } from '../../table/bitset.js';
import { type Column, categoricalColumn, numericColumn } from '../../table/column.js';
import type { Table } from '../../table/table.js';
import { componentLogDensities, type Gmm1d } from './gmm.js';
import { softmaxDraw } from './softmax-draw.js';

/**
 * TVAE's data transformer (Xu et al. 2019, §4.2 "mode-specific normalization"; CTGAN's
 * `DataTransformer`): every modelled column becomes a span of the training matrix.
 *
 * - Numeric (numerical, datetime as epoch ms): a 1-D Gaussian mixture with modes (μ_k, σ_k); a
 *   value x takes a mode k drawn from its posterior (as the original does), and becomes the
 *   scalar α = (x − μ_k) / (4σ_k) plus the one-hot of k. Nullable columns add a 2-wide one-hot
 *   null indicator (present, null); a null row gets the heaviest mode and α = 0 as placeholder.
 * - Categorical and boolean: one-hot over the dictionary, plus one slot for null when nullable.
 *
 * Layout: all scalars first (one per numeric column), then the one-hot blocks in column order,
 * so the network's loss can slice scalars and softmax blocks as two contiguous ranges.
 *
 * Exactly invertible: unlike the original we do not clip α to [−0.99, 0.99], so
 * `inverse(transform(t))` returns t: numbers are rounded to the column's decimals (integers and
 * epoch milliseconds to whole units), which removes the last-bit error of α·4σ_k + μ_k.
 *
 * @example
 * const tr = new TabularTransformer(specs);
 * const m = tr.transform(table, rng); // Float64Array, rows × tr.dim
 * tr.inverse(m, n);                    // the same columns back
 */
export interface NumericSpec {
  kind: 'numeric';
  name: string;
  gmm: Gmm1d;
  nullable: boolean;
  /** Decimal places kept on output (0 for integers and datetimes). */
  decimals: number;
}

export interface CategoricalSpec {
  kind: 'categorical';
  name: string;
  categories: string[];
  nullable: boolean;
}

export type ColumnSpec = NumericSpec | CategoricalSpec;

/** One softmax block of the layout: [offset, size). */
export interface Block {
  offset: number;
  size: number;
}

/** See `TabularTransformer.scalarRules`. */
export interface ScalarRule {
  modeBlock: number;
  nullBlock: number;
  points: boolean[];
}

interface NumericLayout {
  spec: NumericSpec;
  scalar: number;
  modes: Block;
  nulls: Block | null;
  /** Mode used for null rows: the heaviest. */
  fillMode: number;
}

interface CategoricalLayout {
  spec: CategoricalSpec;
  block: Block;
}

type Layout = { kind: 'numeric'; n: NumericLayout } | { kind: 'categorical'; c: CategoricalLayout };

export class TabularTransformer {
  readonly specs: readonly ColumnSpec[];
  /** Width of a transformed row. */
  readonly dim: number;
  /** Number of scalar (tanh / Gaussian) dimensions, at the start of each row. */
  readonly scalars: number;
  /** Softmax blocks, in layout order, covering [scalars, dim). */
  readonly blocks: readonly Block[];
  private readonly layout: Layout[];

  constructor(specs: readonly ColumnSpec[]) {
    this.specs = specs;
    const scalars = specs.filter((s) => s.kind === 'numeric').length;
    let off = scalars;
    let sc = 0;
    const blocks: Block[] = [];
    const take = (size: number): Block => {
      const b = { offset: off, size };
      off += size;
      blocks.push(b);
      return b;
    };
    this.layout = specs.map((spec): Layout => {
      if (spec.kind === 'numeric') {
        const w = spec.gmm.weights;
        let fillMode = 0;
        for (let k = 1; k < w.length; k++) if (w[k]! > w[fillMode]!) fillMode = k;
        const modes = take(spec.gmm.means.length);
        const nulls = spec.nullable ? take(2) : null;
        return { kind: 'numeric', n: { spec, scalar: sc++, modes, nulls, fillMode } };
      }
      return {
        kind: 'categorical',
        c: { spec, block: take(spec.categories.length + (spec.nullable ? 1 : 0)) },
      };
    });
    this.scalars = scalars;
    this.blocks = blocks;
    this.dim = off;
  }

  /** Rows of `table` (columns by spec name) as a row-major Float64Array of n × dim. */
  transform(table: Table, rng: Rng): Float64Array {
    const n = table.numRows;
    const d = this.dim;
    const out = new Float64Array(n * d);
    for (const l of this.layout) {
      if (l.kind === 'numeric') {
        const { spec, scalar, modes, nulls, fillMode } = l.n;
        const col = table.column(spec.name);
        if (col.kind !== 'numeric') throw new Error(`tvae: column ${spec.name} should be numeric`);
        const crng = rng.fork(`modes:${spec.name}`);
        const k = spec.gmm.means.length;
        const logp = new Float64Array(k);
        for (let i = 0; i < n; i++) {
          const row = i * d;
          const present = col.valid.get(i);
          if (nulls) out[row + nulls.offset + (present ? 0 : 1)] = 1;
          else if (!present)
            throw new Error(`tvae: column ${spec.name} has a null but was fitted without nulls`);
          if (!present) {
            out[row + modes.offset + fillMode] = 1;
            continue;
          }
          const x = col.values[i]!;
          const m = k === 1 ? 0 : drawMode(spec.gmm, x, logp, crng);
          out[row + scalar] = (x - spec.gmm.means[m]!) / (4 * spec.gmm.stds[m]!);
          out[row + modes.offset + m] = 1;
        }
      } else {
        const { spec, block } = l.c;
        const col = table.column(spec.name);
        if (col.kind !== 'categorical') throw new Error(`tvae: column ${spec.name} should be categorical`);
        const map = codeMap(col.dictionary, spec.categories, spec.name);
        for (let i = 0; i < n; i++) {
          let slot: number;
          if (col.valid.get(i)) slot = map[col.codes[i]!]!;
          else if (spec.nullable) slot = spec.categories.length;
          else throw new Error(`tvae: column ${spec.name} has a null but was fitted without nulls`);
          out[i * d + block.offset + slot] = 1;
        }
      }
    }
    return out;
  }

  /**
   * n × scalars loss mask of a transformed matrix: 1 where the scalar carries the value, 0 where
   * it is a placeholder (null row, or a point-mass mode whose value needs no scalar).
   */
  scalarMask(m: ArrayLike<number>, n: number): Float32Array {
    const d = this.dim;
    const s = this.scalars;
    const out = new Float32Array(n * s);
    for (const l of this.layout) {
      if (l.kind !== 'numeric') continue;
      const { spec, scalar, modes, nulls } = l.n;
      for (let i = 0; i < n; i++) {
        const row = i * d;
        if (nulls && m[row + nulls.offset + 1] === 1) continue;
        let k = 0;
        while (k < modes.size - 1 && m[row + modes.offset + k] !== 1) k++;
        out[i * s + scalar] = spec.gmm.points[k] ? 0 : 1;
      }
    }
    return out;
  }

  /**
   * The autoregressive order (see network.ts): the degree, from 1, of every dimension of a row.
   * Items follow the columns: a numeric column is its null indicator (when nullable), then its
   * mode, then its scalar — so the scalar is modelled knowing its mode; a categorical column is
   * its one block.
   */
  itemDegrees(): number[] {
    const deg = new Array<number>(this.dim).fill(0);
    let t = 0;
    const mark = (b: Block) => {
      t++;
      for (let j = 0; j < b.size; j++) deg[b.offset + j] = t;
    };
    for (const l of this.layout) {
      if (l.kind === 'numeric') {
        if (l.n.nulls) mark(l.n.nulls);
        mark(l.n.modes);
        deg[l.n.scalar] = ++t;
      } else mark(l.c.block);
    }
    return deg;
  }

  /**
   * For every scalar: the block indices of its mode and null indicator (−1 when not nullable) and
   * which modes are point masses — what a sampler needs to give the scalar the same placeholder
   * (0) that training saw where it carries nothing (see `placeholderScalars`).
   */
  scalarRules(): ScalarRule[] {
    const blockIndex = new Map(this.blocks.map((b, i) => [b.offset, i]));
    const out: ScalarRule[] = [];
    for (const l of this.layout)
      if (l.kind === 'numeric')
        out[l.n.scalar] = {
          modeBlock: blockIndex.get(l.n.modes.offset)!,
          nullBlock: l.n.nulls ? blockIndex.get(l.n.nulls.offset)! : -1,
          points: [...l.n.spec.gmm.points],
        };
    return out;
  }

  /** Argmax of every softmax block of an n × dim matrix: n × blocks.length choices. */
  argmaxChoices(m: ArrayLike<number>, n: number): Int32Array {
    const d = this.dim;
    const nb = this.blocks.length;
    const out = new Int32Array(n * nb);
    for (let i = 0; i < n; i++)
      for (let b = 0; b < nb; b++) {
        const { offset, size } = this.blocks[b]!;
        let best = 0;
        for (let j = 1; j < size; j++) if (m[i * d + offset + j]! > m[i * d + offset + best]!) best = j;
        out[i * nb + b] = best;
      }
    return out;
  }

  /** Inverse of `transform` on an n × dim matrix (blocks read by argmax). */
  inverse(m: ArrayLike<number>, n: number): Column[] {
    const d = this.dim;
    const s = this.scalars;
    const scal = new Float64Array(n * s);
    for (let i = 0; i < n; i++) for (let j = 0; j < s; j++) scal[i * s + j] = m[i * d + j]!;
    return this.fromChoices(scal, this.argmaxChoices(m, n), n);
  }

  /**
   * Columns from normalized scalars (n × scalars) and block choices (n × blocks): the decoding
   * step shared by `inverse` and sampling. `snapPoints` (sampling) emits a point-mass mode's
   * value exactly, whatever its scalar: a decoder's scalar is shared by all modes of a column,
   * so without it a spike such as capital-gain = 0 leaks into small non-zero values.
   */
  fromChoices(
    scal: Float64Array,
    choices: Int32Array,
    n: number,
    opts: { snapPoints?: boolean } = {},
  ): Column[] {
    const s = this.scalars;
    const nb = this.blocks.length;
    const blockIndex = new Map(this.blocks.map((b, i) => [b.offset, i]));
    return this.layout.map((l) => {
      if (l.kind === 'numeric') {
        const { spec, scalar, modes, nulls } = l.n;
        const mb = blockIndex.get(modes.offset)!;
        const nbIdx = nulls ? blockIndex.get(nulls.offset)! : -1;
        const values = new Float64Array(n);
        const valid = BitSet.full(n);
        const scale = 10 ** spec.decimals;
        for (let i = 0; i < n; i++) {
          if (nbIdx >= 0 && choices[i * nb + nbIdx] === 1) {
            values[i] = Number.NaN;
            valid.clear(i);
            continue;
          }
          const k = choices[i * nb + mb]!;
          const x =
            opts.snapPoints && spec.gmm.points[k]
              ? spec.gmm.means[k]!
              : scal[i * s + scalar]! * 4 * spec.gmm.stds[k]! + spec.gmm.means[k]!;
          // `+ 0` turns a rounded −0 into 0.
          values[i] = Math.round(x * scale) / scale + 0;
        }
        return numericColumn(spec.name, values, valid);
      }
      const { spec, block } = l.c;
      const b = blockIndex.get(block.offset)!;
      const codes = new Int32Array(n);
      const valid = BitSet.full(n);
      const k = spec.categories.length;
      for (let i = 0; i < n; i++) {
        const c = choices[i * nb + b]!;
        if (c >= k) {
          codes[i] = -1;
          valid.clear(i);
        } else codes[i] = c;
      }
      return categoricalColumn(spec.name, codes, spec.categories, valid);
    });
  }

  /** Plain-JSON form (the specs), for the model file. */
  toJSON(): ColumnSpec[] {
    return this.specs.map((s) => structuredClone(s));
  }
}

/** A mode drawn from the value's posterior over the mixture components. */
function drawMode(g: Gmm1d, x: number, logp: Float64Array, rng: Rng): number {
  componentLogDensities(g, x, logp);
  return softmaxDraw(logp, 0, logp.length, rng, logp);
}

/** Codes of a column's dictionary → slots in the fitted category list. */
function codeMap(dictionary: readonly string[], categories: readonly string[], name: string): Int32Array {
  const index = new Map(categories.map((c, i) => [c, i]));
  return Int32Array.from(dictionary, (v) => {
    const slot = index.get(v);
    if (slot === undefined) throw new Error(`tvae: column ${name} has category "${v}" unseen at fit time`);
    return slot;
  });
}
