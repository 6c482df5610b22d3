/**
 * `synthgate evaluate` and `synthgate audit` through the built CLI on the peers' Adult reference split
 * (../shared/reference/README.md): real/train = adult_train.csv, holdout = adult_holdout.csv,
 * synthetic = synthetic/sdv_gaussiancopula.csv (SDV GaussianCopulaSynthesizer, defaults, seed 0).
 * No `--na`: like every peer run, `?` stays an ordinary category.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runCli } from './run-cli.js';

const REFERENCE = resolve(import.meta.dirname, '../../../shared/reference');
const TRAIN = join(REFERENCE, 'adult_train.csv');
const HOLDOUT = join(REFERENCE, 'adult_holdout.csv');
const SYNTHETIC = join(REFERENCE, 'synthetic/sdv_gaussiancopula.csv');
const dir = mkdtempSync(join(tmpdir(), 'synthgate-eval-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = {
  reportJson: join(dir, 'r.json'),
  reportHtml: join(dir, 'r.html'),
  auditJson: join(dir, 'a.json'),
};
let evaluated: CliResult;
let audited: CliResult;

beforeAll(async () => {
  [evaluated, audited] = await Promise.all([
    runCli([
      'evaluate',
      '--real',
      TRAIN,
      '--synthetic',
      SYNTHETIC,
      '--json',
      files.reportJson,
      '--html',
      files.reportHtml,
      '--quiet',
    ]),
    runCli([
      'audit',
      '--train',
      TRAIN,
      '--synthetic',
      SYNTHETIC,
      '--holdout',
      HOLDOUT,
      '--json',
      files.auditJson,
      '--quiet',
    ]),
  ]);
}, 300_000);

describe('synthgate evaluate (SDMetrics 0.29 agreement through the CLI)', () => {
  it('exits 0 and writes the JSON and a self-contained HTML report with charts', () => {
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stderr).toBe('');
    expect(evaluated.stdout).toMatch(/quality \(SDMetrics 0\.29 default\)\s+0\.8\d{3}/);
    const html = readFileSync(files.reportHtml, 'utf8');
    expect(html).toContain('<svg');
    expect(html.trimStart().toLowerCase().startsWith('<!doctype html>')).toBe(true);
  });

  it('quality figures match SDMetrics within ±0.01', () => {
    // Source: ../shared/reference/sdmetrics/sdv_gaussiancopula.json (SDMetrics 0.29.0, real = adult_train,
    // synthetic = sdv_gaussiancopula): quality.overall 0.8254, column_shapes 0.8995, column_pair_trends
    // 0.7512 (13 of 105 pairs); quality_all_pairs.overall 0.8807, column_pair_trends 0.8619; diagnostic 1.0.
    const ref = JSON.parse(readFileSync(join(REFERENCE, 'sdmetrics/sdv_gaussiancopula.json'), 'utf8'));
    const r = JSON.parse(readFileSync(files.reportJson, 'utf8'));
    expect(r.inputs).toMatchObject({ realRows: 26049, syntheticRows: 26049 });
    const pairs: [string, number, number][] = [
      ['quality', r.summary.quality, ref.quality.overall],
      ['columnShapes', r.summary.columnShapes, ref.quality.column_shapes],
      ['columnPairTrends', r.summary.columnPairTrends, ref.quality.column_pair_trends],
      ['qualityAllPairs', r.summary.qualityAllPairs, ref.quality_all_pairs.overall],
      [
        'columnPairTrendsAllPairs',
        r.summary.columnPairTrendsAllPairs,
        ref.quality_all_pairs.column_pair_trends,
      ],
      ['diagnostic', r.summary.diagnostic, ref.diagnostic.overall],
    ];
    for (const [name, ours, theirs] of pairs) {
      expect(typeof ours, name).toBe('number');
      expect(Math.abs(ours - theirs), `${name}: ours ${ours}, SDMetrics ${theirs}`).toBeLessThanOrEqual(0.01);
    }
  });
});

/** An estimate as the audit JSON writes it. */
interface Est {
  value: number;
  ci: [number, number];
}

function expectCiContains(name: string, e: Est | undefined): void {
  expect(e, name).toBeDefined();
  const { value, ci } = e!;
  expect(Number.isFinite(value), name).toBe(true);
  expect(ci, name).toHaveLength(2);
  expect(ci[0], `${name}: lower ≤ value`).toBeLessThanOrEqual(value);
  expect(value, `${name}: value ≤ upper`).toBeLessThanOrEqual(ci[1]);
}

describe('synthgate audit', () => {
  it('exits 0 and reports every attack with a 95 % CI that contains its value', () => {
    expect(audited.code, audited.stderr).toBe(0);
    expect(audited.stderr).toBe('');
    const a = JSON.parse(readFileSync(files.auditJson, 'utf8'));
    expect(a.inputs).toEqual({ trainRows: 26049, syntheticRows: 26049, holdoutRows: 6512 });
    expect(a.errors).toEqual([]);
    const estimates: Record<string, Est> = {
      'singling-out (univariate)': a.singlingOut.univariate,
      'singling-out (multivariate)': a.singlingOut.multivariate,
      linkability: a.linkability,
      memorization: a.memorization,
      'memorization: exact copies of training rows': a.memorization.exactMatches.train.share,
      DCR: a.dcr,
      'DCR share closer to train': a.dcr.closerToTrain.share,
      'membership inference': a.membershipInference,
      'membership-inference AUC': a.membershipInference.auc,
    };
    expect(a.inference.length).toBeGreaterThan(0);
    for (const inf of a.inference) estimates[`inference of ${inf.secret}`] = inf;
    for (const [name, e] of Object.entries(estimates)) expectCiContains(name, e);
  });

  it("agrees with the peers' figures where they are exact", () => {
    const a = JSON.parse(readFileSync(files.auditJson, 'utf8'));
    // Source: ../shared/reference/sdmetrics/sdv_gaussiancopula.json, exact_match.synthetic_rows_in_train 0.0
    // and synthetic_rows_in_control 0.0: SDV's copula copies no training or holdout row.
    expect(a.memorization.exactMatches.train.count).toBe(0);
    expect(a.memorization.exactMatches.holdout.count).toBe(0);
    // A fresh sample is closer to train than to an equal-size holdout about half the time
    // (../shared/reference/sdmetrics/sdv_gaussiancopula.json: DCROverfittingProtection closer_to_training 0.503).
    expect(a.dcr.closerToTrain.share.ci[0]).toBeLessThan(0.53);
    expect(a.dcr.closerToTrain.share.ci[1]).toBeGreaterThan(0.47);
  });
});
