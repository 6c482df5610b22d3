import { describe, expect, it } from 'vitest';
import { roundForJson } from '../../src/fidelity/report-json.js';
import type { FidelityReport } from '../../src/fidelity/report-types.js';
import type { PrivacyLedger } from '../../src/generators/types.js';
import type { AuditReport } from '../../src/privacy/audit.js';
import {
  auditFigures,
  FIGURE_NAMES,
  fidelityFigures,
  generatorFigures,
  isKnownFigure,
} from '../../src/release/figures.js';

const est = (value: number, lo: number, hi: number) => ({
  value,
  ci: [lo, hi] as [number, number],
  ciMethod: 'test',
});
const failed = (metric: string) => ({ metric, error: { code: 'E_TEST', message: `${metric} failed` } });

/** Only the fields `fidelityFigures` reads; the rest of a FidelityReport is irrelevant to it. */
function fakeFidelity(overrides: Record<string, number | null> = {}): FidelityReport {
  return {
    summary: {
      quality: 0.9,
      qualityAllPairs: 0.95,
      columnShapes: 0.97,
      columnPairTrends: 0.83,
      diagnostic: 1,
      accuracy: 0.88,
      accuracyCeiling: 0.93,
      detectionAuc: 0.7,
      detection: 0.6,
      efficacy: null,
      ...overrides,
    },
    diagnostics: { tailCoverage: { score: 0.98 } },
  } as unknown as FidelityReport;
}

/** Only the fields `auditFigures` reads. */
function fakeAudit(overrides: Record<string, unknown> = {}): AuditReport {
  return {
    memorization: {
      metric: 'memorization',
      value: 0.001,
      ci: [0, 0.002],
      exactMatches: { train: { share: est(0.001, 0, 0.002) }, holdout: { share: est(0.0005, 0, 0.001) } },
      uniqueReproduced: { train: { reproduced: 2 } },
      identifierReplay: [{ replayedTrain: 1 }, { replayedTrain: 3 }],
    },
    dcr: {
      metric: 'dcr',
      value: 0.5,
      ci: [0.49, 0.51],
      closerToTrain: { share: est(0.5, 0.49, 0.51) },
      baselineRatio: est(0.25, 0.24, 0.26),
      nndr: est(0.96, 0.95, 0.97),
    },
    singlingOut: { univariate: est(0.02, 0.01, 0.04), multivariate: est(0.003, 0, 0.01) },
    linkability: est(0.001, 0, 0.004),
    inference: [
      { ...est(0.02, 0, 0.11), secret: 'income' },
      { ...est(0.05, 0.03, 0.07), secret: 'sex' },
    ],
    membershipInference: {
      ...est(0.505, 0.496, 0.516),
      auc: est(0.505, 0.496, 0.516),
      tprAtFpr: est(0.009, 0.005, 0.013),
    },
    kAnonymity: { metric: 'k-anonymity', value: 1, ci: [1, 1], exactValues: { k: 1 } },
    ...overrides,
  } as unknown as AuditReport;
}

describe('fidelityFigures', () => {
  it('names every fidelity figure from the report summary and tail coverage, without CIs', () => {
    const f = fidelityFigures(fakeFidelity());
    expect(Object.keys(f).sort()).toEqual(
      [
        'fidelity.quality',
        'fidelity.qualityAllPairs',
        'fidelity.columnShapes',
        'fidelity.columnPairTrends',
        'fidelity.diagnostic',
        'fidelity.accuracy',
        'fidelity.accuracyCeiling',
        'fidelity.detectionAuc',
        'fidelity.detection',
        'fidelity.tailCoverage',
      ].sort(),
    );
    expect(f['fidelity.quality']).toMatchObject({ value: 0.9 });
    expect(f['fidelity.quality']!.ci).toBeUndefined();
    expect(f['fidelity.tailCoverage']!.value).toBe(0.98);
    for (const [name, fig] of Object.entries(f)) {
      expect(FIGURE_NAMES).toContain(name);
      expect(fig.label).toBeTruthy();
    }
  });

  it('a metric that failed or did not run (null, NaN) gives no figure', () => {
    const f = fidelityFigures(fakeFidelity({ quality: null, detectionAuc: Number.NaN, efficacy: 0.97 }));
    expect(f['fidelity.quality']).toBeUndefined();
    expect(f['fidelity.detectionAuc']).toBeUndefined();
    expect(f['fidelity.efficacy']!.value).toBe(0.97);
  });
});

describe('auditFigures', () => {
  it('names every privacy figure with its 95 % CI where the metric has one', () => {
    const f = auditFigures(fakeAudit());
    expect(f).toMatchObject({
      'privacy.memorization.exactCopyShare': { value: 0.001, ci: [0, 0.002] },
      'privacy.memorization.exactCopyShareHoldout': { value: 0.0005, ci: [0, 0.001] },
      'privacy.memorization.uniqueTrainRowsCopied': { value: 2 },
      'privacy.memorization.directIdentifiersReplayed': { value: 4 },
      'privacy.dcr.shareCloserToTrain': { value: 0.5, ci: [0.49, 0.51] },
      'privacy.dcr.baselineRatio': { value: 0.25, ci: [0.24, 0.26] },
      'privacy.dcr.nndr': { value: 0.96, ci: [0.95, 0.97] },
      'privacy.singlingOut.univariate.risk': { value: 0.02, ci: [0.01, 0.04] },
      'privacy.singlingOut.multivariate.risk': { value: 0.003, ci: [0, 0.01] },
      'privacy.linkability.risk': { value: 0.001, ci: [0, 0.004] },
      'privacy.inference.income.risk': { value: 0.02, ci: [0, 0.11] },
      'privacy.inference.sex.risk': { value: 0.05, ci: [0.03, 0.07] },
      'privacy.membershipInference.auc': { value: 0.505, ci: [0.496, 0.516] },
      'privacy.membershipInference.tprAt1Fpr': { value: 0.009, ci: [0.005, 0.013] },
      'privacy.kAnonymity.k': { value: 1 },
    });
    // The worst inference risk is the one with the highest upper bound (income: 0.11), not the highest value (sex).
    expect(f['privacy.inference.maxRisk']).toMatchObject({ value: 0.02, ci: [0, 0.11] });
    expect(f['privacy.inference.maxRisk']!.label).toContain('income');
    expect(Object.keys(f).every(isKnownFigure)).toBe(true);
  });

  it('a metric error removes its figures (so a policy check on them is `missing`), the others stay', () => {
    const f = auditFigures(
      fakeAudit({
        memorization: failed('memorization'),
        dcr: failed('dcr'),
        singlingOut: { univariate: failed('singling-out-univariate'), multivariate: est(0.003, 0, 0.01) },
        linkability: null,
        inference: [failed('inference'), { ...est(0.05, 0.03, 0.07), secret: 'sex' }],
        membershipInference: failed('membership-inference'),
        kAnonymity: failed('k-anonymity'),
      }),
    );
    expect(Object.keys(f).sort()).toEqual([
      'privacy.inference.sex.risk',
      'privacy.singlingOut.multivariate.risk',
    ]);
  });
});

describe('generatorFigures', () => {
  it('reports ε and δ only for a differentially private generator', () => {
    expect(generatorFigures(undefined)).toEqual({});
    const ledger = { epsilon: 1.5, delta: 1e-6 } as PrivacyLedger;
    expect(generatorFigures(ledger)).toMatchObject({
      'generator.epsilon': { value: 1.5 },
      'generator.delta': { value: 1e-6 },
    });
  });
});

describe('worst inference risk', () => {
  it('is chosen the same from the in-memory report and from report.json (bounds closer than 1e-6)', () => {
    const est = (value: number, hi: number, secret: string) => ({
      value,
      ci: [0, hi],
      ciMethod: 't',
      secret,
      metric: 'inference',
    });
    const err = (metric: string) => ({ metric, error: { code: null, message: 'x' } });
    const audit = {
      memorization: err('memorization'),
      dcr: err('dcr'),
      singlingOut: { univariate: err('a'), multivariate: err('b') },
      linkability: null,
      inference: [est(0.01, 0.1, 'sex'), est(0.02, 0.1000001, 'income')],
      membershipInference: err('mi'),
      kAnonymity: err('k'),
    } as unknown as AuditReport;
    // release (judge): figures from the in-memory report, then rounded; verify: from report.json (rounded).
    const atRelease = roundForJson(auditFigures(audit));
    const atVerify = roundForJson(auditFigures(roundForJson(audit) as AuditReport));
    expect(atVerify).toEqual(atRelease);
  });
});
