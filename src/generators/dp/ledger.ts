import type { Rng } from '../../rng.js';
import type { PrivacyLedger, PrivacyLedgerEntry } from '../types.js';
import { exponentialMechanism, gaussianMechanism, laplaceMechanism, thresholdKeys } from './mechanisms.js';

/**
 * Record/replay of mechanism outputs. `record` keeps every output in order; `replay` answers each
 * mechanism call with the recorded output instead of looking at its input. A DP fit replayed on any
 * other table of the same schema must then give the identical model: the proof (by test) that the
 * fit reads the data only through the accountant's mechanisms, i.e. that the model is
 * post-processing of what the ledger accounts for.
 */
export interface MechanismTape {
  mode: 'record' | 'replay';
  entries: { step: string; output: unknown }[];
}

/** Relative slack for floating-point sums of budget shares. */
const BUDGET_SLACK = 1e-9;

/**
 * The only door between a DP fit and the private data's statistics: each method applies one
 * mechanism to statistics the caller computed, charges its ε (and δ) to the budget, and writes a
 * ledger line. Noise for a step comes from `rng.fork(step)`, so it does not depend on the order of
 * other steps. Overspending is a bug and throws.
 *
 * @example
 * const acc = new PrivacyAccountant(1, 0, new Rng(7));
 * const noisy = acc.laplace('histogram of age', counts, 1, 0.1);
 * acc.ledger(); // => { epsilon: 1, delta: 0, entries: [{ step: 'histogram of age', epsilon: 0.1, mechanism: 'laplace' }] }
 */
export class PrivacyAccountant {
  readonly epsilon: number;
  readonly delta: number;
  private readonly rng: Rng;
  private readonly tape: MechanismTape | undefined;
  private readonly entries: PrivacyLedgerEntry[] = [];
  private replayAt = 0;
  private spentEpsilon = 0;
  private spentDelta = 0;

  constructor(epsilon: number, delta: number, rng: Rng, tape?: MechanismTape) {
    if (!(epsilon > 0) || !Number.isFinite(epsilon))
      throw new RangeError(`ε must be a positive finite number, got ${epsilon}`);
    if (!(delta >= 0 && delta < 1)) throw new RangeError(`δ must be in [0, 1), got ${delta}`);
    this.epsilon = epsilon;
    this.delta = delta;
    this.rng = rng;
    this.tape = tape;
  }

  /** A step that uses only public knowledge (the schema, a documented assumption): ε 0. */
  publicStep(step: string, mechanism: string): void {
    this.entries.push({ step, epsilon: 0, mechanism });
  }

  laplace(step: string, values: ArrayLike<number>, l1Sensitivity: number, epsilon: number): Float64Array {
    this.charge(step, epsilon, 0, 'laplace');
    return this.run(
      step,
      () => laplaceMechanism(values, l1Sensitivity, epsilon, this.rng.fork(step)),
      (o) => Float64Array.from(o as number[]),
    );
  }

  gaussian(
    step: string,
    values: ArrayLike<number>,
    l2Sensitivity: number,
    epsilon: number,
    delta: number,
  ): Float64Array {
    this.charge(step, epsilon, delta, 'gaussian (analytic calibration)');
    return this.run(
      step,
      () => gaussianMechanism(values, l2Sensitivity, epsilon, delta, this.rng.fork(step)),
      (o) => Float64Array.from(o as number[]),
    );
  }

  exponential(step: string, scores: ArrayLike<number>, sensitivity: number, epsilon: number): number {
    this.charge(step, epsilon, 0, 'exponential');
    return this.run(
      step,
      () => exponentialMechanism(scores, sensitivity, epsilon, this.rng.fork(step)),
      (o) => o as number,
    );
  }

  threshold(step: string, counts: ArrayLike<number>, epsilon: number, delta: number): number[] {
    this.charge(step, epsilon, delta, 'laplace threshold');
    return this.run(
      step,
      () => thresholdKeys(counts, epsilon, delta, this.rng.fork(step)),
      (o) => [...(o as number[])],
    );
  }

  /** ε and δ spent so far. */
  spent(): { epsilon: number; delta: number } {
    return { epsilon: this.spentEpsilon, delta: this.spentDelta };
  }

  /**
   * Budget left: the declared total less the running sum of the steps. A last step that spends it
   * makes the ledger add up to ε (and δ) exactly in floating point (Sterbenz: total − spent is exact
   * when spent ≥ total/2).
   */
  remaining(): { epsilon: number; delta: number } {
    return { epsilon: this.epsilon - this.spentEpsilon, delta: this.delta - this.spentDelta };
  }

  /** The ledger: declared totals and every step, in order. */
  ledger(): PrivacyLedger {
    return { epsilon: this.epsilon, delta: this.delta, entries: this.entries.map((e) => ({ ...e })) };
  }

  private charge(step: string, epsilon: number, delta: number, mechanism: string): void {
    if (!(epsilon > 0)) throw new Error(`step "${step}" must spend a positive ε, got ${epsilon}`);
    const e = this.spentEpsilon + epsilon;
    const d = this.spentDelta + delta;
    if (e > this.epsilon * (1 + BUDGET_SLACK) || d > this.delta * (1 + BUDGET_SLACK) + Number.MIN_VALUE)
      throw new Error(
        `privacy budget overspent at step "${step}": ε ${e} of ${this.epsilon}, δ ${d} of ${this.delta}`,
      );
    this.spentEpsilon = e;
    this.spentDelta = d;
    this.entries.push(delta > 0 ? { step, epsilon, delta, mechanism } : { step, epsilon, mechanism });
  }

  private run<T>(step: string, apply: () => T, revive: (o: unknown) => T): T {
    const tape = this.tape;
    if (!tape) return apply();
    if (tape.mode === 'record') {
      const out = apply();
      tape.entries.push({ step, output: out instanceof Float64Array ? Array.from(out) : out });
      return out;
    }
    const rec = tape.entries[this.replayAt++];
    if (!rec || rec.step !== step)
      throw new Error(
        `replay diverged at call ${this.replayAt}: expected step "${rec?.step}", got "${step}"`,
      );
    return revive(rec.output);
  }
}
