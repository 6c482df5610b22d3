import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { R_SCORE_SENSITIVITY, rScore } from '../../src/generators/bayesnet-structure.js';
import { evenSplit, splitBudget } from '../../src/generators/dp/budget.js';
import { type MechanismTape, PrivacyAccountant } from '../../src/generators/dp/ledger.js';
import {
  exponentialMechanism,
  gaussianDelta,
  gaussianSigma,
  laplaceMechanism,
  releaseThreshold,
  thresholdKeys,
} from '../../src/generators/dp/mechanisms.js';
import { Rng } from '../../src/rng.js';

describe('Laplace mechanism', () => {
  it('adds zero-mean noise with scale Δ/ε (variance 2b²)', () => {
    const rng = new Rng(11);
    const m = 200_000;
    const out = laplaceMechanism(new Float64Array(m).fill(10), 2, 0.5, rng);
    let s = 0;
    let ss = 0;
    let absSum = 0;
    for (const v of out) {
      s += v - 10;
      ss += (v - 10) ** 2;
      absSum += Math.abs(v - 10);
    }
    // b = 2/0.5 = 4: mean 0, E|X| = b = 4, Var = 2b² = 32.
    expect(Math.abs(s / m)).toBeLessThan(0.05);
    expect(absSum / m).toBeCloseTo(4, 1);
    expect(ss / m).toBeGreaterThan(31);
    expect(ss / m).toBeLessThan(33);
  });
});

describe('analytic Gaussian mechanism (Balle & Wang 2018)', () => {
  it('calibrates σ so that δ(σ) equals the target, below the classic bound', () => {
    const sigma = gaussianSigma(1, 1e-5, 1);
    // Balle & Wang's Figure 1 setting: ε = 1, δ = 1e-5, Δ = 1 → σ ≈ 3.73, the classic √(2 ln(1.25/δ))/ε is 4.84.
    expect(sigma).toBeCloseTo(3.7306, 3);
    expect(Math.sqrt(2 * Math.log(1.25 / 1e-5))).toBeCloseTo(4.8448, 3);
    expect(gaussianDelta(sigma, 1, 1)).toBeCloseTo(1e-5, 9);
    expect(gaussianDelta(sigma * 0.99, 1, 1)).toBeGreaterThan(1e-5);
  });

  it('scales linearly with the L2 sensitivity', () => {
    expect(gaussianSigma(0.5, 1e-6, 3)).toBeCloseTo(3 * gaussianSigma(0.5, 1e-6, 1), 6);
  });
});

describe('exponential mechanism', () => {
  it('selects with probability ∝ exp(ε·score/(2Δ))', () => {
    const rng = new Rng(5);
    const scores = [0, 2, 4];
    const eps = 1;
    const counts = [0, 0, 0];
    const m = 60_000;
    for (let i = 0; i < m; i++) counts[exponentialMechanism(scores, 1, eps, rng)]!++;
    const w = scores.map((s) => Math.exp((eps * s) / 2));
    const z = w.reduce((a, b) => a + b, 0);
    w.forEach((wi, i) => {
      const p = wi / z;
      // 4 binomial standard deviations.
      expect(Math.abs(counts[i]! / m - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / m));
    });
  });
});

describe('thresholded release of keys', () => {
  it('releases a key held by one row with probability at most δ, a frequent key almost surely', () => {
    const eps = 1;
    const delta = 0.01;
    expect(releaseThreshold(eps, delta)).toBeCloseTo(1 + Math.log(50), 12);
    const rng = new Rng(3);
    let single = 0;
    const m = 40_000;
    for (let i = 0; i < m; i++) if (thresholdKeys([1, 0, 500], eps, delta, rng).includes(0)) single++;
    expect(single / m).toBeLessThanOrEqual(delta + 4 * Math.sqrt((delta * (1 - delta)) / m));
    expect(single / m).toBeGreaterThan(delta / 2);
    expect(thresholdKeys([1, 0, 500], eps, delta, new Rng(1))).toContain(2);
    expect(thresholdKeys([0, 0], eps, delta, new Rng(1))).toEqual([]);
  });
});

describe('budget splits', () => {
  it('add up to the total exactly and skip absent steps', () => {
    const s = splitBudget(1, {
      rows: 0.01,
      categories: 0,
      marginals: 0.15,
      structure: 0.252,
      conditionals: 0.588,
    });
    expect(s.categories).toBe(0);
    expect(s.rows + s.marginals + s.structure + s.conditionals).toBe(1);
    expect(s.rows).toBeCloseTo(0.01 / 1.0, 12);
    const parts = evenSplit(0.7, 13);
    expect(parts).toHaveLength(13);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(0.7, 15);
  });
});

describe('privacy accountant', () => {
  it('records each step, refuses to overspend, and replays recorded outputs', () => {
    const tape: MechanismTape = { mode: 'record', entries: [] };
    const acc = new PrivacyAccountant(1, 0, new Rng(9), tape);
    acc.publicStep('bounds from the schema', 'public (schema)');
    const a = acc.laplace('counts', [5, 6], 1, 0.4);
    const pick = acc.exponential('choice', [0, 10], 2, 0.6);
    expect(() => acc.laplace('one more', [1], 1, 0.01)).toThrow(/overspent/);
    const ledger = acc.ledger();
    expect(ledger.entries.map((e) => [e.step, e.epsilon, e.mechanism])).toEqual([
      ['bounds from the schema', 0, 'public (schema)'],
      ['counts', 0.4, 'laplace'],
      ['choice', 0.6, 'exponential'],
    ]);
    expect(acc.spent().epsilon).toBeCloseTo(1, 15);

    const replay = new PrivacyAccountant(1, 0, new Rng(123), { mode: 'replay', entries: tape.entries });
    // Different inputs and seed: the recorded outputs come back unchanged.
    expect(Array.from(replay.laplace('counts', [1000, 2000], 1, 0.4))).toEqual(Array.from(a));
    expect(replay.exponential('choice', [99, 0], 2, 0.6)).toBe(pick);
    const diverged = new PrivacyAccountant(1, 0, new Rng(9), { mode: 'replay', entries: tape.entries });
    expect(() => diverged.laplace('not recorded', [1], 1, 0.1)).toThrow(/replay diverged/);
  });

  it('draws the same noise for a step whatever ran before it', () => {
    const a = new PrivacyAccountant(2, 0, new Rng(4));
    a.laplace('first', [0], 1, 1);
    const x = a.laplace('second', [0], 1, 1);
    const b = new PrivacyAccountant(2, 0, new Rng(4));
    const y = b.laplace('second', [0], 1, 1);
    expect(Array.from(x)).toEqual(Array.from(y));
  });
});

describe('R score sensitivity', () => {
  it('adding or removing one row moves the count-unit R score by less than 2 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.nat(), { minLength: 0, maxLength: 60 }),
        fc.nat(),
        (k, m, cells, extra) => {
          const counts = new Float64Array(k * m);
          for (const c of cells) counts[c % (k * m)]! += 1 + (c % 7);
          const plus = Float64Array.from(counts);
          plus[extra % (k * m)]!++;
          const d = Math.abs(rScore(plus, k) - rScore(counts, k));
          return d < R_SCORE_SENSITIVITY;
        },
      ),
      { numRuns: 500, seed: 42 },
    );
  });
});
