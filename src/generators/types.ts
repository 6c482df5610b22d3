import type { Rng } from '../rng.js';
import type { SchemaDocument } from '../schema/types.js';
import type { Table } from '../table/table.js';

/**
 * One interface for every generator. `fit` learns from a materialized table and its schema with a
 * seeded RNG and returns a fitted model; the model samples tables and serializes to plain JSON.
 *
 * @example
 * const gen = createGenerator('copula', {});
 * const model = gen.fit(table, schema, new Rng(1));
 * const synth = model.sample(1000, new Rng(2));
 * const json = model.toJSON(); // → stored in the model file
 */
export interface Generator<P extends object = object> {
  readonly name: string;
  readonly params: P;
  fit(table: Table, schema: SchemaDocument, rng: Rng, hooks?: FitHooks): FittedModel | Promise<FittedModel>;
}

export interface FitHooks {
  /** Progress for long fits: a fraction in [0, 1] and a short label (e.g. `epoch 3/50 loss 1.23`). */
  onProgress?: (fraction: number, label?: string) => void;
}

export interface FittedModel {
  readonly generator: string;
  readonly schema: SchemaDocument;
  /** Rows drawn: columns in schema order; integers, bounds, decimals and dictionaries already enforced. */
  sample(n: number, rng: Rng): Table;
  /** Generator state as JSON (parameters + learned state), without the schema. */
  toJSON(): GeneratorState;
  /** Differential-privacy ledger, when the fit was DP. */
  readonly privacy?: PrivacyLedger;
}

export interface GeneratorState {
  /** Generator-specific state format version, checked on load. */
  stateVersion: number;
  params: Record<string, unknown>;
  state: unknown;
}

export interface PrivacyLedgerEntry {
  step: string;
  epsilon: number;
  delta?: number;
  mechanism: string;
}

export interface PrivacyLedger {
  epsilon: number;
  delta: number;
  entries: PrivacyLedgerEntry[];
}

/** How each generator class is registered: construct from params, and revive a fitted model from JSON. */
export interface GeneratorFactory {
  readonly name: string;
  readonly description: string;
  /** Parameter docs for `--help` and the README: name → description (with default). */
  readonly parameters: Record<string, string>;
  create(params: Record<string, unknown>): Generator;
  load(state: GeneratorState, schema: SchemaDocument): FittedModel;
}
