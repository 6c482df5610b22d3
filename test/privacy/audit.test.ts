import { describe, expect, it } from 'vitest';
import { audit, isMetricError } from '../../src/privacy/audit.js';
import { renderAuditHtml } from '../../src/privacy/report-html.js';
import { auditReportToJson } from '../../src/privacy/report-json.js';
import { Rng } from '../../src/rng.js';
import type { SchemaDocument } from '../../src/schema/types.js';
import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';
import { adultSchema, loadReference } from './helpers/adult.js';

/** The reference metadata plus privacy roles, as a user would declare them once. */
function adultWithRoles(): SchemaDocument {
  const quasi = ['age', 'sex', 'race', 'marital-status', 'education', 'native-country', 'occupation'];
  const s = adultSchema();
  for (const c of s.columns) {
    if (quasi.includes(c.name)) c.role = 'quasi-identifier';
    if (c.name === 'income') c.role = 'sensitive';
  }
  return s;
}

describe('audit on Adult', () => {
  it('runs every metric on the exact copy of train and flags it at maximum risk', async () => {
    const train = await loadReference('adult_train.csv');
    const holdout = await loadReference('adult_holdout.csv');
    const progress: number[] = [];
    const t0 = performance.now();
    const r = await audit({
      train,
      synthetic: train,
      holdout,
      schema: adultWithRoles(),
      rng: new Rng(0),
      onProgress: (f) => progress.push(f),
    });
    const seconds = (performance.now() - t0) / 1000;
    console.log(`audit of Adult (copy of train): ${seconds.toFixed(1)} s`, JSON.stringify(r.timingsMs));
    expect(r.errors).toEqual([]);
    expect(r.columns.quasiIdentifiers).toEqual([
      'age',
      'education',
      'marital-status',
      'occupation',
      'race',
      'sex',
      'native-country',
    ]);
    expect(r.columns.inference).toEqual([{ secret: 'income', aux: r.columns.quasiIdentifiers }]);
    expect(progress.at(-1)).toBeCloseTo(1, 9);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]! - 1e-12);
    const crit = Object.fromEntries(r.criteria.map((c) => [c.criterion, c.risk!]));
    expect(crit['singling out']!.value).toBeGreaterThan(0.95);
    expect(crit.inference!.value).toBeGreaterThan(0.5);
    // Halves of these quasi-identifiers leave one all-categorical group (race, sex, native-country) with
    // thousands of tied neighbours, so links are rare, but still clearly above the control's.
    expect(crit.linkability!.ci[0]).toBeGreaterThan(0);
    if (isMetricError(r.memorization) || isMetricError(r.dcr) || isMetricError(r.membershipInference))
      throw new Error('metric failed');
    expect(r.memorization.value).toBe(1);
    expect(r.dcr.closerToTrain.normalizedExcess.value).toBeGreaterThan(0.95);
    expect(r.membershipInference.auc.value).toBeGreaterThan(0.99);

    const json = JSON.parse(auditReportToJson(r));
    expect(json.synthgateAudit).toBe(1);
    expect(json.dcr.params.exact).toBe(true);
    const html = await renderAuditHtml(r);
    for (const id of [
      'summary',
      'gdpr',
      'singling-out',
      'linkability',
      'inference',
      'memorization',
      'dcr',
      'membership',
      'k-anonymity',
    ])
      expect(html).toContain(`id="${id}"`);
    expect(html).not.toMatch(/NaN|undefined/);
    expect(html).toContain('<svg');
  });
});

const t = (ages: number[], cities: string[], name = 'city <b>(EU)</b>') =>
  new Table([numericColumn('age (years)', Float64Array.from(ages)), categoricalFromStrings(name, cities)]);

describe('audit robustness and disclosure', () => {
  it('records a failing metric as an error entry and still completes the report', async () => {
    const train = t([30, 40, 50, 60], ['a', 'b', 'c', 'd']);
    const holdout = t([31, 41, 51, 61], ['a', 'b', 'c', 'd']);
    // "age (years)" holds categories in the synthetic table: every metric that aligns it fails.
    const synthetic = new Table([
      categoricalFromStrings('age (years)', ['x', 'y']),
      categoricalFromStrings('city <b>(EU)</b>', ['a', 'b']),
    ]);
    const r = await audit({ train, synthetic, holdout, rng: new Rng(0) });
    expect(r.errors.length).toBeGreaterThan(3);
    expect(r.errors.every((e) => e.error.code === 'E_AUDIT_COLUMN_KIND')).toBe(true);
    expect(isMetricError(r.dcr)).toBe(true);
    const html = await renderAuditHtml(r);
    expect(html).toContain('Could not be computed');
    expect(JSON.parse(auditReportToJson(r)).errors.length).toBe(r.errors.length);
  });

  it('never shows a count of 1–9 real rows and escapes column names', async () => {
    const n = 60;
    const rng = new Rng(4);
    const ages = Array.from({ length: n }, () => 20 + rng.int(50) + rng.uniform());
    const cities = Array.from({ length: n }, () => `c${rng.int(3)}`);
    const train = t(ages, cities);
    const holdout = t(
      ages.map((a) => a + 0.5),
      cities,
    );
    // Three verbatim copies among otherwise new rows.
    const synthetic = t(
      ages.map((a, i) => (i < 3 ? a : a + 0.25)),
      cities,
    );
    const r = await audit({
      train,
      synthetic,
      holdout,
      rng: new Rng(0),
      nAttacks: { singlingOut: 20, singlingOutMultivariate: 10, linkability: 20, inference: 20 },
    });
    if (isMetricError(r.memorization)) throw new Error('memorization failed');
    expect(r.memorization.exactMatches.train.count).toBe(3);
    const html = await renderAuditHtml(r);
    const memo = html.slice(html.indexOf('id="memorization"'), html.indexOf('id="dcr"'));
    expect(memo).toContain('&lt; 10');
    expect(memo).not.toMatch(/>3</);
    expect(html).not.toContain('<b>(EU)</b>');
    expect(html).toContain('city &lt;b&gt;(EU)&lt;/b&gt;');
  });
});
