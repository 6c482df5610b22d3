import { describe, expect, it } from 'vitest';
import {
  anonymeterSuccessRate,
  binomialUpperTail,
  quantileSorted,
  quantileWithCi,
  residualRisk,
  wilson,
} from '../../src/privacy/stats.js';
import { readReferenceJson } from './helpers/adult.js';

describe('wilson', () => {
  it('matches the textbook Wilson score interval', () => {
    // scipy 1.17: binomtest(81, 263).proportion_ci(method='wilson') = (0.2552885198782742, 0.36620957698280004)
    const w = wilson(81, 263);
    expect(w.value).toBeCloseTo(81 / 263, 12);
    expect(w.ci[0]).toBeCloseTo(0.2552885198782742, 9);
    expect(w.ci[1]).toBeCloseTo(0.36620957698280004, 9);
  });
  it('contains the point estimate at the extremes', () => {
    for (const [k, n] of [
      [0, 10],
      [10, 10],
      [0.5, 3],
      [3, 3],
    ] as const) {
      const w = wilson(k, n);
      expect(w.ci[0]).toBeLessThanOrEqual(w.value);
      expect(w.ci[1]).toBeGreaterThanOrEqual(w.value);
    }
  });
});

describe('Anonymeter rates and risk', () => {
  // ../shared/reference/anonymeter/copy_train.json, from Anonymeter's EvaluationResults on the same counts.
  const ref = readReferenceJson<{
    linkability: {
      n_success: number;
      n_control: number;
      attack_rate: number;
      attack_rate_err: number;
      risk: number;
      ci95: [number, number];
    };
    inference: { n_success: number; n_control: number; risk: number; ci95: [number, number] };
  }>('anonymeter/copy_train.json');

  it('reproduces the linkability success rate and risk from the counts', () => {
    const l = ref.linkability;
    const attack = anonymeterSuccessRate(l.n_success, 5000);
    expect(attack.rate).toBeCloseTo(l.attack_rate, 4);
    expect(attack.error).toBeCloseTo(l.attack_rate_err, 4);
    const risk = residualRisk(attack, anonymeterSuccessRate(l.n_control, 5000));
    expect(risk.value).toBeCloseTo(l.risk, 4);
    expect(risk.ci[0]).toBeCloseTo(l.ci95[0], 4);
    expect(risk.ci[1]).toBeCloseTo(l.ci95[1], 4);
  });

  it('reproduces the inference risk from the counts', () => {
    const i = ref.inference;
    const risk = residualRisk(
      anonymeterSuccessRate(i.n_success, 5000),
      anonymeterSuccessRate(i.n_control, 5000),
    );
    expect(risk.value).toBeCloseTo(i.risk, 4);
    expect(risk.ci[0]).toBeCloseTo(i.ci95[0], 4);
    expect(risk.ci[1]).toBeCloseTo(i.ci95[1], 4);
  });

  it('clips risk and interval to [0, 1]', () => {
    const r = residualRisk(anonymeterSuccessRate(10, 500), anonymeterSuccessRate(50, 500));
    expect(r.value).toBe(0);
    expect(r.ci[0]).toBe(0);
    expect(r.ci[1]).toBeGreaterThanOrEqual(0);
  });
});

describe('binomialUpperTail', () => {
  it('gives exact tail probabilities', () => {
    expect(binomialUpperTail(0, 10)).toBe(1);
    expect(binomialUpperTail(10, 10)).toBeCloseTo(1 / 1024, 15);
    expect(binomialUpperTail(8, 10)).toBeCloseTo(56 / 1024, 14);
    // scipy 1.17: binom.sf(59, 100, 0.5) = 0.028443966820490444
    expect(binomialUpperTail(60, 100)).toBeCloseTo(0.028443966820490444, 12);
    expect(binomialUpperTail(11, 10)).toBe(0);
  });
  it('stays finite for large n', () => {
    const p = binomialUpperTail(13381, 26043);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-4);
  });
});

describe('quantiles', () => {
  it('interpolates like numpy and brackets the median', () => {
    const s = Float64Array.from([1, 2, 3, 4]);
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0.05)).toBeCloseTo(1.15, 12);
    const big = Float64Array.from({ length: 1001 }, (_, i) => i);
    const m = quantileWithCi(big, 0.5);
    expect(m.value).toBe(500);
    expect(m.ci[0]).toBeLessThan(500);
    expect(m.ci[1]).toBeGreaterThan(500);
    expect(m.ci[1] - m.ci[0]).toBeLessThan(80);
  });
});
