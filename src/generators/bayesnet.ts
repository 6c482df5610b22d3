import { InputError } from '../errors.js';
import type { Rng } from '../rng.js';
import type { SchemaDocument } from '../schema/types.js';
import type { Table } from '../table/table.js';
import { fitPrivateBayesNet } from './bayesnet-dp.js';
import { fitExactBayesNet } from './bayesnet-fit.js';
import {
  BAYESNET_STATE_VERSION,
  BayesNetModel,
  type BayesNetParams,
  type BayesNetState,
} from './bayesnet-model.js';
import { ParamReader } from './bayesnet-params.js';
import type { MechanismTape } from './dp/ledger.js';
import type { Generator, GeneratorFactory } from './types.js';

/**
 * Bayesian-network generator, PrivBayes-style (Zhang, Cormode, Procopiuc, Srivastava & Xiao,
 * "PrivBayes: Private Data Release via Bayesian Networks", ACM TODS 42(4), 2017).
 *
 * Fit: every numerical, datetime, categorical and boolean column becomes a discrete attribute
 * (numbers in bins, null a code of its own); a network of in-degree ≤ `maxParents` is learned
 * greedily (bayesnet-structure.ts); each attribute gets its conditional table given its parents.
 * Sample: codes ancestrally, then values — numbers drawn inside their bin, so integers, decimals
 * and bounds follow the schema; categories only from the training dictionary (or the public list
 * under DP). Keys are regenerated unique, pii and text columns replaced by fakes, as in the copula.
 *
 * Without `epsilon`: bins are ≤ `bins` quantile bins of the data, values drawn back from the
 * column's empirical marginal inside the bin; structure by mutual information; exact tables. No
 * noise, no ledger.
 * With `epsilon` (and optional `delta`): ε-DP (add/remove-one-row neighbours) — see
 * bayesnet-dp.ts for every step and its budget; the model carries a `PrivacyLedger` whose ε sum
 * to `epsilon`.
 *
 * @example
 * const model = createGenerator('bayesnet', { epsilon: 1 }).fit(table, schema, new Rng(1));
 * model.privacy?.entries; // => [{ step: 'row count', epsilon: 0.01, mechanism: 'laplace' }, …]
 */
export class BayesNet implements Generator<BayesNetParams> {
  readonly name = 'bayesnet';
  readonly params: BayesNetParams;

  constructor(params: Record<string, unknown> = {}) {
    this.params = readBayesNetParams(params);
  }

  fit(table: Table, schema: SchemaDocument, rng: Rng): BayesNetModel {
    return new BayesNetModel(schema, this.params, this.fitState(table, schema, rng));
  }

  /** The fitted state; `tape` records or replays the DP mechanisms' outputs (tests). */
  fitState(table: Table, schema: SchemaDocument, rng: Rng, tape?: MechanismTape): BayesNetState {
    if (this.params.epsilon === null) {
      if (table.numRows === 0)
        throw new InputError('E_NO_ROWS', 'bayesnet needs at least one training row', {
          hint: 'give a table with data rows',
        });
      return fitExactBayesNet(table, schema, rng, this.params);
    }
    return fitPrivateBayesNet(table, schema, rng, this.params, tape);
  }
}

export const BAYESNET_DEFAULTS: Omit<BayesNetParams, 'epsilon' | 'delta' | 'mechanism' | 'maxCells'> = {
  maxParents: 4,
  bins: 10,
  maxCandidates: 2000,
  structureRows: 100_000,
  dpBins: 8,
  dpCells: 128,
  theta: 6,
  structureShare: 0.3,
};

export function readBayesNetParams(raw: Record<string, unknown>): BayesNetParams {
  const r = new ParamReader('bayesnet', raw);
  const D = BAYESNET_DEFAULTS;
  const p: BayesNetParams = {
    epsilon: r.number('epsilon', null, { min: 0, exclusiveMin: true }),
    delta: r.number('delta', 0, { min: 0, max: 0.1 }),
    maxParents: r.number('maxParents', D.maxParents, { min: 0, max: 8, integer: true }),
    bins: r.number('bins', D.bins, { min: 2, max: 1000, integer: true }),
    maxCells: r.number('maxCells', null, { min: 1, integer: true }),
    maxCandidates: r.number('maxCandidates', D.maxCandidates, { min: 1, integer: true }),
    structureRows: r.number('structureRows', D.structureRows, { min: 1, integer: true }),
    dpBins: r.number('dpBins', D.dpBins, { min: 1, max: 1000, integer: true }),
    dpCells: r.number('dpCells', D.dpCells, { min: 3, max: 100_000, integer: true }),
    theta: r.number('theta', D.theta, { min: 0, exclusiveMin: true }),
    structureShare: r.number('structureShare', D.structureShare, { min: 0, max: 1, exclusiveMin: true }),
    mechanism: r.choice('mechanism', ['laplace', 'gaussian'] as const, null),
  };
  r.rejectUnknown();
  return p;
}

export const bayesnetFactory: GeneratorFactory = {
  name: 'bayesnet',
  description:
    'Bayesian network (PrivBayes-style): discretized columns, greedy network of bounded in-degree, conditional tables; optional ε-differential privacy with a ledger.',
  parameters: {
    epsilon:
      'differential-privacy budget ε > 0 (default: none, no DP); neighbours = one row added or removed',
    delta:
      'δ for (ε, δ)-DP (default 0): enables category discovery by a noisy threshold and the Gaussian mechanism',
    mechanism:
      'noise for histograms and tables under DP: laplace or gaussian (default: laplace when δ = 0, gaussian when δ > 0)',
    maxParents:
      'largest number of parents per attribute (default 4; under DP θ-usefulness usually allows fewer)',
    bins: 'without DP: most quantile bins per numeric column (default 10; a value held by ≥ 1/bins of the rows gets a bin of its own)',
    maxCells: 'without DP: most cells of a family table (default max(64, rows/4)), so tables stay estimable',
    maxCandidates:
      'most (attribute, parents) candidates scored per structure step; a seeded subsample above (default 2000)',
    structureRows:
      'without DP: most rows scored by the structure search, a seeded subsample above (default 100000; tables use every row)',
    dpBins: 'with DP: most groups per numeric column in the network (default 8)',
    dpCells:
      'with DP: public cells per numeric column over the schema bounds, point cells at min and max included (default 128)',
    theta: 'with DP: θ-usefulness — a family table has at most noisyRows/(θ·noise SD) cells (default 6)',
    structureShare:
      'with DP: share β of the budget left after counts and histograms spent on structure (default 0.3)',
  },
  create: (params) => new BayesNet(params),
  load: (state, schema) => {
    if (state.stateVersion !== BAYESNET_STATE_VERSION)
      throw new Error(
        `bayesnet state version ${state.stateVersion} is not supported (expected ${BAYESNET_STATE_VERSION})`,
      );
    return new BayesNetModel(schema, readBayesNetParams(state.params), state.state as BayesNetState);
  },
};
