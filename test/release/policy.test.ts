import { describe, expect, it } from 'vitest';
import { SchemaError } from '../../src/errors.js';
import { DEFAULT_POLICY } from '../../src/release/default-policy.js';
import { FIGURE_NAMES, isKnownFigure } from '../../src/release/figures.js';
import {
  applyPolicy,
  defaultSide,
  type Figures,
  type Policy,
  type PolicyCheck,
  parsePolicy,
} from '../../src/release/policy.js';

const policyOf = (checks: PolicyCheck[], waivers: Policy['waivers'] = []): Policy => ({
  synthgatePolicy: 1,
  name: 'test',
  checks,
  waivers,
});

const check = (
  id: string,
  figure: string,
  op: PolicyCheck['op'],
  threshold: number,
  extra: Partial<PolicyCheck> = {},
) => ({ id, figure, op, threshold, ...extra }) as PolicyCheck;

describe('applyPolicy', () => {
  const figures: Figures = {
    'privacy.dcr.shareCloserToTrain': { value: 0.5, ci: [0.48, 0.56] },
    'fidelity.quality': { value: 0.85, ci: [0.79, 0.9] },
    'fidelity.columnShapes': { value: 0.9 },
    'privacy.memorization.uniqueTrainRowsCopied': { value: 0 },
    'privacy.kAnonymity.k': { value: 3, ci: [1, 5] },
  };

  it('defaults to the unfavourable CI bound: upper for <= and <, lower for >= and >, the value for ==', () => {
    expect([
      defaultSide('<='),
      defaultSide('<'),
      defaultSide('>='),
      defaultSide('>'),
      defaultSide('=='),
    ]).toEqual(['upper', 'upper', 'lower', 'lower', 'value']);
    const o = applyPolicy(
      policyOf([
        check('dcr', 'privacy.dcr.shareCloserToTrain', '<=', 0.53),
        check('dcr-point', 'privacy.dcr.shareCloserToTrain', '<=', 0.53, { side: 'value' }),
        check('quality', 'fidelity.quality', '>=', 0.8),
        check('quality-upper', 'fidelity.quality', '>=', 0.8, { side: 'upper' }),
        check('shapes', 'fidelity.columnShapes', '>=', 0.8),
      ]),
      figures,
      { dp: false },
    );
    const by = Object.fromEntries(o.checks.map((c) => [c.id, c]));
    // The point estimate 0.50 is fine, but the upper bound 0.56 breaks 0.53: the check fails.
    expect(by.dcr).toMatchObject({
      side: 'upper',
      compared: 0.56,
      value: 0.5,
      ci: [0.48, 0.56],
      verdict: 'fail',
    });
    expect(by['dcr-point']).toMatchObject({ side: 'value', compared: 0.5, verdict: 'pass' });
    expect(by.quality).toMatchObject({ side: 'lower', compared: 0.79, verdict: 'fail' });
    expect(by['quality-upper']).toMatchObject({ side: 'upper', compared: 0.9, verdict: 'pass' });
    // A figure without a CI is judged on its value whatever the side.
    expect(by.shapes).toMatchObject({ side: 'lower', compared: 0.9, verdict: 'pass' });
    expect(by.shapes!.ci).toBeUndefined();
    expect(o).toMatchObject({ policy: 'test', passed: false, failing: ['dcr', 'quality'] });
  });

  it('== compares the value exactly; strict operators fail at the threshold', () => {
    const o = applyPolicy(
      policyOf([
        check('copies-zero', 'privacy.memorization.uniqueTrainRowsCopied', '==', 0),
        check('copies-one', 'privacy.memorization.uniqueTrainRowsCopied', '==', 1),
        check('k-eq', 'privacy.kAnonymity.k', '==', 3),
        check('lt', 'fidelity.columnShapes', '<', 0.9),
        check('le', 'fidelity.columnShapes', '<=', 0.9),
        check('gt', 'fidelity.columnShapes', '>', 0.9),
        check('ge', 'fidelity.columnShapes', '>=', 0.9),
      ]),
      figures,
      { dp: false },
    );
    expect(o.checks.map((c) => [c.id, c.verdict])).toEqual([
      ['copies-zero', 'pass'],
      ['copies-one', 'fail'],
      ['k-eq', 'pass'], // side value: 3, not a CI bound
      ['lt', 'fail'],
      ['le', 'pass'],
      ['gt', 'fail'],
      ['ge', 'pass'],
    ]);
    expect(o.checks[2]).toMatchObject({ side: 'value', compared: 3 });
    expect(o.failing).toEqual(['copies-one', 'lt', 'gt']);
  });

  it('a figure the run did not produce (or a non-finite one) is `missing` and fails', () => {
    const o = applyPolicy(
      policyOf([
        check('linkability', 'privacy.linkability.risk', '<=', 0.05),
        check('nan', 'fidelity.efficacy', '>=', 0.5),
      ]),
      { 'fidelity.efficacy': { value: Number.NaN } },
      { dp: false },
    );
    expect(o.checks[0]).toMatchObject({ verdict: 'missing', compared: null, value: null });
    expect(o.checks[1]).toMatchObject({ verdict: 'missing' });
    expect(o.passed).toBe(false);
    expect(o.failing).toEqual(['linkability', 'nan']);
  });

  it('`when: dp` checks are not applicable without differential privacy, and judged with it', () => {
    const eps = check('epsilon', 'generator.epsilon', '<=', 10, { when: 'dp' });
    const noDp = applyPolicy(policyOf([eps]), {}, { dp: false });
    expect(noDp.checks[0]).toMatchObject({ verdict: 'not-applicable', compared: null, value: null });
    expect(noDp).toMatchObject({ passed: true, failing: [] });
    const spent = applyPolicy(policyOf([eps]), { 'generator.epsilon': { value: 12 } }, { dp: true });
    expect(spent.checks[0]).toMatchObject({ verdict: 'fail', compared: 12 });
    const within = applyPolicy(policyOf([eps]), { 'generator.epsilon': { value: 1 } }, { dp: true });
    expect(within.checks[0]!.verdict).toBe('pass');
    // DP claimed but no ε reported: missing, never a silent pass.
    expect(applyPolicy(policyOf([eps]), {}, { dp: true }).checks[0]!.verdict).toBe('missing');
  });

  it('a waiver turns a failing or missing check into `waived` (passed), records it, and leaves passing checks alone', () => {
    const waivers = [
      { check: 'quality', justification: 'pilot release reviewed by the DPO', approvedBy: 'J. Doe' },
      { check: 'linkability', justification: 'linkability audit not run on this pilot' },
      { check: 'shapes', justification: 'shapes waived although it passes' },
    ];
    const o = applyPolicy(
      policyOf(
        [
          check('quality', 'fidelity.quality', '>=', 0.8),
          check('linkability', 'privacy.linkability.risk', '<=', 0.05),
          check('shapes', 'fidelity.columnShapes', '>=', 0.8),
        ],
        waivers,
      ),
      figures,
      { dp: false },
    );
    expect(o.checks[0]).toMatchObject({ verdict: 'waived', compared: 0.79, waiver: waivers[0] });
    expect(o.checks[1]).toMatchObject({ verdict: 'waived', compared: null, waiver: waivers[1] });
    expect(o.checks[2]!.verdict).toBe('pass');
    expect(o.checks[2]!.waiver).toBeUndefined();
    expect(o).toMatchObject({ passed: true, failing: [] });
  });

  it('the default policy passes a clean figure table and names each failing check', () => {
    const clean: Figures = {
      'privacy.memorization.uniqueTrainRowsCopied': { value: 0 },
      'privacy.memorization.directIdentifiersReplayed': { value: 0 },
      'privacy.dcr.shareCloserToTrain': { value: 0.5, ci: [0.49, 0.51] },
      'privacy.singlingOut.univariate.risk': { value: 0.01, ci: [0, 0.03] },
      'privacy.singlingOut.multivariate.risk': { value: 0.01, ci: [0, 0.03] },
      'privacy.linkability.risk': { value: 0, ci: [0, 0.01] },
      'privacy.inference.maxRisk': { value: 0.01, ci: [0, 0.04] },
      'privacy.membershipInference.auc': { value: 0.5, ci: [0.49, 0.51] },
      'fidelity.quality': { value: 0.9 },
    };
    const ok = applyPolicy(DEFAULT_POLICY, clean, { dp: false });
    expect(ok.passed).toBe(true);
    expect(ok.checks.find((c) => c.id === 'epsilon')!.verdict).toBe('not-applicable');
    const copied = applyPolicy(
      DEFAULT_POLICY,
      { ...clean, 'privacy.memorization.uniqueTrainRowsCopied': { value: 3 } },
      { dp: false },
    );
    expect(copied.failing).toEqual(['unique-rows-copied']);
  });
});

/** The SchemaError parsePolicy throws, with its code and location. */
function policyError(json: unknown, known?: (n: string) => boolean): SchemaError {
  try {
    parsePolicy(json, 'p.json', known);
  } catch (e) {
    expect(e).toBeInstanceOf(SchemaError);
    return e as SchemaError;
  }
  throw new Error('parsePolicy accepted an invalid policy');
}

/** A policy document as JSON gives it: loose enough to be broken on purpose. */
interface Doc {
  checks: Record<string, unknown>[];
  waivers: Record<string, unknown>[];
  [key: string]: unknown;
}

describe('parsePolicy', () => {
  const valid = (): Doc => ({
    synthgatePolicy: 1,
    name: 'p',
    checks: [
      { id: 'quality', figure: 'fidelity.quality', op: '>=', threshold: 0.8 },
      { id: 'dcr', figure: 'privacy.dcr.shareCloserToTrain', op: '<=', threshold: 0.53, side: 'upper' },
    ],
    waivers: [{ check: 'quality', justification: 'reviewed by the DPO on 2024-05-01' }],
  });

  it('accepts a valid policy and the default policy (every default figure is a known one)', () => {
    expect(parsePolicy(valid(), 'p.json', isKnownFigure).checks).toHaveLength(2);
    expect(parsePolicy(JSON.parse(JSON.stringify(DEFAULT_POLICY)), 'default', isKnownFigure)).toEqual(
      DEFAULT_POLICY,
    );
    for (const c of DEFAULT_POLICY.checks) expect(FIGURE_NAMES).toContain(c.figure);
  });

  it.each([
    [
      'an unknown top-level key',
      (p: Doc) => {
        p.thresholds = {};
      },
      'thresholds',
      /unknown key "thresholds"/,
    ],
    [
      'an unknown check key',
      (p: Doc) => {
        p.checks[1].max = 1;
      },
      'checks[1].max',
      /unknown key "max"/,
    ],
    [
      'a bad operator',
      (p: Doc) => {
        p.checks[0].op = '=>';
      },
      'checks[0].op',
      /"op" must be one of/,
    ],
    [
      'a duplicate check id',
      (p: Doc) => {
        p.checks[1].id = 'quality';
      },
      'checks[1].id',
      /duplicate check id "quality"/,
    ],
    [
      'a missing threshold',
      (p: Doc) => {
        delete p.checks[0].threshold;
      },
      'checks[0].threshold',
      /must be a number/,
    ],
    [
      'a bad side',
      (p: Doc) => {
        p.checks[0].side = 'middle';
      },
      'checks[0].side',
      /upper, lower or value/,
    ],
    [
      'a bad when',
      (p: Doc) => {
        p.checks[0].when = 'always';
      },
      'checks[0].when',
      /may only be "dp"/,
    ],
    [
      'an unknown criterion',
      (p: Doc) => {
        p.checks[0].criterion = 'vibes';
      },
      'checks[0].criterion',
      /unknown criterion/,
    ],
    [
      'another version',
      (p: Doc) => {
        p.synthgatePolicy = 2;
      },
      'synthgatePolicy',
      /unsupported policy version 2/,
    ],
    [
      'no name',
      (p: Doc) => {
        delete p.name;
      },
      'name',
      /non-empty "name"/,
    ],
    [
      'checks not an array',
      (p: Doc) => {
        (p as Record<string, unknown>).checks = {};
      },
      'checks',
      /must be an array/,
    ],
    [
      'a waiver without justification',
      (p: Doc) => {
        delete p.waivers[0].justification;
      },
      'waivers[0].justification',
      /written justification/,
    ],
    [
      'a waiver with a token justification',
      (p: Doc) => {
        p.waivers[0].justification = 'ok';
      },
      'waivers[0].justification',
      /10 characters or more/,
    ],
    [
      'a waiver of a check the policy lacks',
      (p: Doc) => {
        p.waivers[0].check = 'nope';
      },
      'waivers[0].check',
      /waiver names no check of this policy: "nope"/,
    ],
    [
      'an unknown waiver key',
      (p: Doc) => {
        p.waivers[0].expires = 'never';
      },
      'waivers[0].expires',
      /unknown key/,
    ],
  ] as [string, (p: Doc) => void, string, RegExp][])(
    'rejects %s with E_POLICY at its path',
    (_what, edit, path, message) => {
      const p = valid();
      edit(p);
      const e = policyError(p, isKnownFigure);
      expect(e.code).toBe('E_POLICY');
      expect(e.location).toEqual({ file: 'p.json', path });
      expect(e.message).toMatch(message);
      expect(e.exitCode).toBe(2);
      expect(e.toLine()).toMatch(/^error\[E_POLICY\] .+\(file p\.json, at .+\)\. Fix: .+/);
      expect(e.toLine()).not.toContain('\n');
    },
  );

  it('rejects a non-object document at the root', () => {
    for (const doc of [null, [], 'policy', 3])
      expect(policyError(doc).location).toEqual({ file: 'p.json', path: '' });
  });

  it('rejects an unknown figure only when given a figure list (isKnownFigure), per-column inference risks allowed', () => {
    const p = valid();
    p.checks[0]!.figure = 'fidelity.qualty';
    expect(() => parsePolicy(p, 'p.json')).not.toThrow();
    const e = policyError(p, isKnownFigure);
    expect(e.location.path).toBe('checks[0].figure');
    expect(e.message).toBe('unknown figure "fidelity.qualty"');
    expect(isKnownFigure('privacy.inference.income.risk')).toBe(true);
    expect(isKnownFigure('privacy.inference.income')).toBe(false);
    expect(isKnownFigure('privacy.membershipInference.auc')).toBe(true);
  });
});

describe('parsePolicy types', () => {
  it('rejects known keys of the wrong type', () => {
    const base = {
      synthgatePolicy: 1,
      name: 'p',
      checks: [{ id: 'q', figure: 'fidelity.quality', op: '>=', threshold: 0.8 }],
    };
    expect(() => parsePolicy({ ...base, description: 7 }, 'p.json')).toThrow(/description/);
    expect(() => parsePolicy({ ...base, checks: [{ ...base.checks[0], description: 5 }] }, 'p.json')).toThrow(
      /description/,
    );
    const waiver = { check: 'q', justification: 'long enough text' };
    expect(() => parsePolicy({ ...base, waivers: [{ ...waiver, approvedBy: 3 }] }, 'p.json')).toThrow(
      /approvedBy/,
    );
    expect(() => parsePolicy({ ...base, waivers: [{ ...waiver, date: false }] }, 'p.json')).toThrow(/date/);
  });
});
