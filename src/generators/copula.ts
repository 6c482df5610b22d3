import type { Rng } from '../rng.js';
import type { ColumnSchema, SchemaDocument } from '../schema/types.js';
import { BitSet } from '../table/bitset.js';
import { type Column, categoricalColumn, categoricalFromStrings, numericColumn } from '../table/column.js';
import { Table } from '../table/table.js';
import { cholesky, repairCorrelation } from '../util/linalg.js';
import { normalCdf, normalQuantile } from '../util/normal.js';
import { dominantShape, generateIds, generatePii, generateText } from './identifiers.js';
import {
  type CategoricalMarginal,
  categoricalToUniform,
  type DiscreteNumericMarginal,
  fitCategoricalMarginal,
  fitNumericMarginal,
  type NumericMarginal,
  numericFromUniform,
  numericToUniform,
  searchCum,
} from './marginals.js';
import { enforceNumeric } from './numeric-output.js';
import type { FittedModel, Generator, GeneratorFactory, GeneratorState } from './types.js';

/**
 * Gaussian copula generator.
 *
 * Fit: every modelled column becomes one or two dimensions of normal scores z = Φ⁻¹(u):
 * numerical/datetime values through their empirical CDF (ties → uniform within the ECDF step),
 * categorical/boolean through frequency intervals (categories sorted by frequency, a uniform draw
 * inside the category's interval), nulls of a numeric column as an extra binary dimension (so
 * missingness correlates with the other columns), nulls of a categorical column as one more
 * category. The dependence is the Pearson correlation of the scores (pairwise-complete, repaired to
 * the nearest valid correlation matrix).
 * Sample: z ~ N(0, R) via Cholesky, u = Φ(z), inverse marginals; integers rounded, decimals kept,
 * values clamped to schema bounds, categories only from the training dictionary; id columns are
 * regenerated unique, pii and text columns are replaced by fakes (no real value is stored).
 *
 * Parameters: `maxCorrelationRows` (default 200000): rows used to estimate the correlation
 * matrix (a seeded subsample above that; marginals always use every row).
 */
export interface CopulaParams {
  maxCorrelationRows: number;
}

export const COPULA_STATE_VERSION = 1;

type ColumnModel =
  | {
      name: string;
      kind: 'numeric';
      marginal: NumericMarginal;
      valueDim: number;
      nullDim: number | null;
      /** Marginal of the null indicator: order [0 = present, 1 = null]. */
      nullMarginal: CategoricalMarginal | null;
    }
  | { name: string; kind: 'categorical'; categories: string[]; marginal: CategoricalMarginal; dim: number }
  | { name: string; kind: 'allNull' }
  | { name: string; kind: 'id' }
  | { name: string; kind: 'pii'; shape: string | null; nullRate: number }
  | { name: string; kind: 'text'; wordQuantiles: number[]; nullRate: number };

interface CopulaState {
  dims: number;
  columns: ColumnModel[];
  /** d×d correlation of normal scores, row-major. */
  correlation: number[];
}

const DEFAULTS: CopulaParams = { maxCorrelationRows: 200_000 };

export class GaussianCopula implements Generator<CopulaParams> {
  readonly name = 'copula';
  readonly params: CopulaParams;

  constructor(params: Partial<CopulaParams> = {}) {
    this.params = { ...DEFAULTS, ...params };
  }

  fit(table: Table, schema: SchemaDocument, rng: Rng): FittedModel {
    const n = table.numRows;
    const columns: ColumnModel[] = [];
    const scores: Float64Array[] = [];
    const addDim = (z: Float64Array) => scores.push(z) - 1;

    for (const cs of schema.columns) {
      const col = table.column(cs.name);
      const crng = rng.fork(`fit:${cs.name}`);
      if (cs.sdtype === 'id') {
        columns.push({ name: cs.name, kind: 'id' });
      } else if (cs.sdtype === 'pii' || cs.sdtype === 'text') {
        columns.push(fitReplacedColumn(cs, col));
      } else if (col.kind === 'numeric') {
        const validIdx = col.valid.indices();
        if (validIdx.length === 0) {
          columns.push({ name: cs.name, kind: 'allNull' });
          continue;
        }
        const vals = new Float64Array(validIdx.length);
        for (let k = 0; k < vals.length; k++) vals[k] = col.values[validIdx[k]!]!;
        const marginal = fitNumericMarginal(vals);
        const u = numericToUniform(vals, crng);
        const z = new Float64Array(n).fill(Number.NaN);
        for (let k = 0; k < vals.length; k++) z[validIdx[k]!] = normalQuantile(u[k]!);
        const valueDim = addDim(z);
        let nullDim: number | null = null;
        let nullMarginal: CategoricalMarginal | null = null;
        if (validIdx.length < n) {
          nullMarginal = fitCategoricalMarginal([validIdx.length, n - validIdx.length]);
          const zn = new Float64Array(n);
          const posOf = [nullMarginal.order.indexOf(0), nullMarginal.order.indexOf(1)];
          for (let i = 0; i < n; i++)
            zn[i] = normalQuantile(
              categoricalToUniform(nullMarginal, posOf[col.valid.get(i) ? 0 : 1]!, crng),
            );
          nullDim = addDim(zn);
        }
        columns.push({ name: cs.name, kind: 'numeric', marginal, valueDim, nullDim, nullMarginal });
      } else {
        const k = col.dictionary.length;
        const counts = new Float64Array(k + 1);
        for (let i = 0; i < n; i++) counts[col.valid.get(i) ? col.codes[i]! : k]!++;
        if (counts[k] === n) {
          columns.push({ name: cs.name, kind: 'allNull' });
          continue;
        }
        const ids = Int32Array.from({ length: k + 1 }, (_, i) => (i === k ? -1 : i));
        const marginal = fitCategoricalMarginal(counts, ids);
        const pos = new Int32Array(k + 1);
        marginal.order.forEach((id, p) => {
          pos[id === -1 ? k : id] = p;
        });
        const z = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const c = col.valid.get(i) ? col.codes[i]! : k;
          z[i] = normalQuantile(categoricalToUniform(marginal, pos[c]!, crng));
        }
        const dim = addDim(z);
        columns.push({ name: cs.name, kind: 'categorical', categories: [...col.dictionary], marginal, dim });
      }
    }
    const correlation = estimateCorrelation(
      scores,
      n,
      this.params.maxCorrelationRows,
      rng.fork('fit:correlation'),
    );
    const state: CopulaState = { dims: scores.length, columns, correlation: Array.from(correlation) };
    return new CopulaModel(schema, this.params, state);
  }
}

/** Model of a column that is regenerated rather than learned: keys, direct identifiers, free text. */
export type ReplacedColumnModel = Extract<ColumnModel, { kind: 'id' | 'pii' | 'text' }>;

/**
 * What a pii or text column keeps (a shape, the null rate, word-count quantiles — never a value).
 * Shared by every generator so identifiers are regenerated the same way whichever one is used.
 */
export function fitReplacedColumn(cs: ColumnSchema, col: Column): ReplacedColumnModel {
  const n = col.valid.size;
  const nullRate = n ? 1 - col.valid.count() / n : 0;
  if (col.kind !== 'categorical') return { name: cs.name, kind: 'pii', shape: null, nullRate };
  const counts = new Array<number>(col.dictionary.length).fill(0);
  for (let i = 0; i < n; i++) if (col.valid.get(i)) counts[col.codes[i]!]!++;
  if (cs.sdtype === 'pii') {
    // Only the dominant *shape* is kept (e.g. `(000) 000-0000`), never a value.
    const shape =
      cs.pii === 'phone' || cs.pii === 'ssn' || cs.pii === 'credit_card'
        ? dominantShape(col.dictionary, counts)
        : null;
    return { name: cs.name, kind: 'pii', shape, nullRate };
  }
  // Text: keep the word-count distribution (11 quantiles), not the words.
  const wc: number[] = [];
  col.dictionary.forEach((s, i) => {
    const w = s.trim().split(/\s+/).filter(Boolean).length;
    for (let r = 0; r < Math.min(counts[i]!, 50); r++) wc.push(w);
  });
  wc.sort((a, b) => a - b);
  const q = wc.length
    ? Array.from({ length: 11 }, (_, k) => wc[Math.round((k / 10) * (wc.length - 1))]!)
    : [5];
  return { name: cs.name, kind: 'text', wordQuantiles: q, nullRate };
}

/** Pairwise-complete Pearson correlation of normal scores, repaired to a valid correlation matrix. */
function estimateCorrelation(scores: Float64Array[], n: number, maxRows: number, rng: Rng): Float64Array {
  const d = scores.length;
  const rows = n > maxRows ? rng.sampleIndices(n, maxRows) : null;
  const m = rows ? rows.length : n;
  const at = (z: Float64Array, k: number) => z[rows ? rows[k]! : k]!;
  const r = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    r[i * d + i] = 1;
    for (let j = i + 1; j < d; j++) {
      let cnt = 0;
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      const zi = scores[i]!;
      const zj = scores[j]!;
      for (let k = 0; k < m; k++) {
        const x = at(zi, k);
        const y = at(zj, k);
        if (Number.isNaN(x) || Number.isNaN(y)) continue;
        cnt++;
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
      }
      let c = 0;
      if (cnt >= 3) {
        const vx = sxx - (sx * sx) / cnt;
        const vy = syy - (sy * sy) / cnt;
        c = vx > 0 && vy > 0 ? (sxy - (sx * sy) / cnt) / Math.sqrt(vx * vy) : 0;
      }
      r[i * d + j] = c;
      r[j * d + i] = c;
    }
  }
  return d ? repairCorrelation(r, d) : r;
}

export class CopulaModel implements FittedModel {
  readonly generator = 'copula';
  readonly schema: SchemaDocument;
  readonly params: CopulaParams;
  readonly state: CopulaState;
  private readonly chol: Float64Array;

  constructor(schema: SchemaDocument, params: CopulaParams, state: CopulaState) {
    this.schema = schema;
    this.params = params;
    this.state = state;
    this.chol = state.dims ? cholesky(Float64Array.from(state.correlation), state.dims) : new Float64Array(0);
  }

  /**
   * Normal scores z = Lε per dimension, for n rows. Column-wise in chunks: each dimension is an
   * axpy over contiguous typed arrays, which the JIT turns into tight loops. Every chunk draws a
   * full CHUNK of normals per dimension even when fewer rows are left, so the first k rows of a
   * sample do not depend on n (sample(50) is a prefix of sample(2000) with the same seed).
   */
  private drawScores(n: number, rng: Rng): Float64Array[] {
    const d = this.state.dims;
    const L = this.chol;
    const z = Array.from({ length: d }, () => new Float64Array(n));
    const CHUNK = 4096;
    const eps = Array.from({ length: d }, () => new Float64Array(CHUNK));
    for (let start = 0; start < n; start += CHUNK) {
      const m = Math.min(CHUNK, n - start);
      for (let k = 0; k < d; k++) {
        const e = eps[k]!;
        for (let i = 0; i < CHUNK; i++) e[i] = rng.normal();
      }
      for (let j = 0; j < d; j++) {
        const out = z[j]!.subarray(start, start + m);
        for (let k = 0; k <= j; k++) {
          const a = L[j * d + k]!;
          if (a === 0) continue;
          const e = eps[k]!;
          for (let i = 0; i < m; i++) out[i] += a * e[i]!;
        }
      }
    }
    return z;
  }

  sample(n: number, rng: Rng): Table {
    const z = this.drawScores(n, rng.fork('copula:normals'));
    const byName = new Map(this.schema.columns.map((c) => [c.name, c]));
    const cols: Column[] = this.state.columns.map((cm) => {
      const cs = byName.get(cm.name)!;
      const crng = rng.fork(`sample:${cm.name}`);
      switch (cm.kind) {
        case 'numeric': {
          const values = new Float64Array(n);
          const valid = BitSet.full(n);
          const zv = z[cm.valueDim]!;
          const zn = cm.nullDim === null ? null : z[cm.nullDim]!;
          const nullCuts = cm.nullMarginal ? scoreCuts(cm.nullMarginal.cum) : null;
          const m = cm.marginal;
          const cuts = m.type === 'discrete' ? scoreCuts(m.cum) : null;
          for (let i = 0; i < n; i++) {
            if (zn && cm.nullMarginal!.order[searchCum(nullCuts!, zn[i]!)] === 1) {
              values[i] = Number.NaN;
              valid.clear(i);
            } else if (cuts) values[i] = (m as DiscreteNumericMarginal).values[searchCum(cuts, zv[i]!)]!;
            else values[i] = numericFromUniform(m, clampOpen(normalCdf(zv[i]!)));
          }
          enforceNumeric(values, valid, cs);
          return numericColumn(cm.name, values, valid);
        }
        case 'categorical': {
          const codes = new Int32Array(n);
          const zc = z[cm.dim]!;
          const cuts = scoreCuts(cm.marginal.cum);
          const order = cm.marginal.order;
          for (let i = 0; i < n; i++) codes[i] = order[searchCum(cuts, zc[i]!)]!;
          return categoricalColumn(cm.name, codes, cm.categories);
        }
        case 'allNull':
          return cs.sdtype === 'numerical' || cs.sdtype === 'datetime'
            ? numericColumn(cm.name, new Float64Array(n).fill(Number.NaN), new BitSet(n))
            : categoricalColumn(cm.name, new Int32Array(n).fill(-1), [], new BitSet(n));
        default:
          // id, pii and text: regenerated, never modelled.
          return sampleReplacedColumn(cm, cs, n, crng);
      }
    });
    return new Table(cols, n);
  }

  toJSON(): GeneratorState {
    return { stateVersion: COPULA_STATE_VERSION, params: { ...this.params }, state: this.state };
  }
}

/**
 * Cumulative probabilities mapped to normal-score cut points: searching z among Φ⁻¹(cum) gives the
 * same category as searching Φ(z) among cum, without a Φ evaluation per row.
 */
function scoreCuts(cum: readonly number[]): number[] {
  return cum.map((p) => (p >= 1 ? Number.POSITIVE_INFINITY : normalQuantile(p)));
}

/** Keep u strictly inside (0, 1) so inverse marginals never see the endpoints. */
function clampOpen(p: number): number {
  return p <= 0 ? Number.MIN_VALUE : p >= 1 ? 1 - Number.EPSILON : p;
}

/** n fresh values of a regenerated column (unique keys, fake identifiers, lorem text), nulls at the kept rate. */
export function sampleReplacedColumn(cm: ReplacedColumnModel, cs: ColumnSchema, n: number, rng: Rng): Column {
  if (cm.kind === 'id')
    return categoricalFromStrings(
      cm.name,
      generateIds(cs as Extract<ColumnSchema, { sdtype: 'id' }>, n, rng),
    );
  const vals: (string | null)[] =
    cm.kind === 'pii'
      ? generatePii((cs as Extract<ColumnSchema, { sdtype: 'pii' }>).pii, n, rng, cm.shape)
      : generateText(n, rng, cm.wordQuantiles);
  const nrng = rng.fork('nulls');
  for (let i = 0; i < n; i++) if (nrng.uniform() < cm.nullRate) vals[i] = null;
  return categoricalFromStrings(cm.name, vals);
}

export const copulaFactory: GeneratorFactory = {
  name: 'copula',
  description:
    'Gaussian copula: empirical marginals + correlation of normal scores. Fast; flattens interactions.',
  parameters: {
    maxCorrelationRows:
      'rows used to estimate the correlation matrix (default 200000; a seeded subsample above)',
  },
  create: (params) => new GaussianCopula(params as Partial<CopulaParams>),
  load: (state, schema) => {
    if (state.stateVersion !== COPULA_STATE_VERSION)
      throw new Error(
        `copula state version ${state.stateVersion} is not supported (expected ${COPULA_STATE_VERSION})`,
      );
    return new CopulaModel(
      schema,
      { ...DEFAULTS, ...(state.params as Partial<CopulaParams>) },
      state.state as CopulaState,
    );
  },
};
