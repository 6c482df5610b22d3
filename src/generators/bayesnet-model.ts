import type { Rng } from '../rng.js';
import type { SchemaDocument } from '../schema/types.js';
import type { Column } from '../table/column.js';
import { Table } from '../table/table.js';
import { type Attribute, decodeColumn } from './bayesnet-attributes.js';
import { sampleCodes } from './bayesnet-sample.js';
import { type ReplacedColumnModel, sampleReplacedColumn } from './copula.js';
import type { FittedModel, GeneratorState, PrivacyLedger } from './types.js';

/** Parameters of the bayesnet generator (documented in `bayesnetFactory.parameters`). */
export interface BayesNetParams {
  /** Differential privacy budget; null = no DP. */
  epsilon: number | null;
  delta: number;
  maxParents: number;
  bins: number;
  maxCells: number | null;
  maxCandidates: number;
  structureRows: number;
  dpBins: number;
  dpCells: number;
  theta: number;
  structureShare: number;
  mechanism: 'laplace' | 'gaussian' | null;
}

export const BAYESNET_STATE_VERSION = 1;

/** A schema column in the model: a network attribute, or a regenerated key / identifier / text column. */
export type BayesNetColumn = { name: string; kind: 'attribute'; attribute: number } | ReplacedColumnModel;

export interface BayesNetState {
  /** Training rows (under DP: a noisy count, usable as a default output size). */
  rows: number;
  columns: BayesNetColumn[];
  attributes: Attribute[];
  order: number[];
  parents: number[][];
  /** Per attribute: cumulative P(attribute | parents), configs × size, row-major. */
  conditionals: number[][];
  /** The privacy ledger of a DP fit. */
  privacy?: PrivacyLedger;
}

export class BayesNetModel implements FittedModel {
  readonly generator = 'bayesnet';
  readonly schema: SchemaDocument;
  readonly params: BayesNetParams;
  readonly state: BayesNetState;
  readonly privacy?: PrivacyLedger;
  private readonly cumulative: Float64Array[];

  constructor(schema: SchemaDocument, params: BayesNetParams, state: BayesNetState) {
    this.schema = schema;
    this.params = params;
    this.state = state;
    if (state.privacy) this.privacy = state.privacy;
    this.cumulative = state.conditionals.map((c) => Float64Array.from(c));
  }

  sample(n: number, rng: Rng): Table {
    const s = this.state;
    const codes = sampleCodes(
      s.order,
      s.parents,
      s.attributes.map((a) => a.size),
      this.cumulative,
      n,
      rng.fork('bayesnet:ancestral'),
    );
    const byName = new Map(this.schema.columns.map((c) => [c.name, c]));
    const cols: Column[] = s.columns.map((cm) => {
      const cs = byName.get(cm.name)!;
      const crng = rng.fork(`sample:${cm.name}`);
      if (cm.kind === 'attribute')
        return decodeColumn(s.attributes[cm.attribute]!, cs, codes[cm.attribute]!, crng);
      return sampleReplacedColumn(cm, cs, n, crng);
    });
    return new Table(cols, n);
  }

  toJSON(): GeneratorState {
    return { stateVersion: BAYESNET_STATE_VERSION, params: { ...this.params }, state: this.state };
  }
}
