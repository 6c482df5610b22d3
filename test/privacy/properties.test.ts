/**
 * Invariants of the audit on small generated tables (fast-check): every risk lies in [0, 1], every
 * interval contains its point estimate, the same seed gives the same report, and a copy of the
 * training table always scores worse than an independent sample from the same distribution.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit, isMetricError } from '../../src/privacy/audit.js';
import { dcr } from '../../src/privacy/dcr.js';
import { membershipInference } from '../../src/privacy/membership-inference.js';
import { memorization } from '../../src/privacy/memorization.js';
import { auditReportToJson } from '../../src/privacy/report-json.js';
import { singlingOut } from '../../src/privacy/singling-out.js';
import { Rng } from '../../src/rng.js';
import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';
import { triples } from './helpers/generate.js';

/** Every {value, ci} object inside a report. */
function estimates(x: unknown, path = '', out: { path: string; value: number; ci: [number, number] }[] = []) {
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (typeof o.value === 'number' && Array.isArray(o.ci))
      out.push({ path, value: o.value, ci: o.ci as [number, number] });
    for (const [k, v] of Object.entries(o)) estimates(v, `${path}.${k}`, out);
  }
  return out;
}

const small = { singlingOut: 40, singlingOutMultivariate: 20, linkability: 30, inference: 30 };

describe('audit invariants', () => {
  it('keeps risks in [0, 1] and every interval around its point estimate', async () => {
    await fc.assert(
      fc.asyncProperty(triples(4, 3, 30), fc.nat(1000), async (t, seed) => {
        const r = await audit({ ...t, rng: new Rng(seed), nAttacks: small });
        expect(r.errors).toEqual([]);
        for (const e of estimates(r)) {
          if (!Number.isFinite(e.value)) continue;
          expect(e.ci[0], e.path).toBeLessThanOrEqual(e.value + 1e-12);
          expect(e.ci[1], e.path).toBeGreaterThanOrEqual(e.value - 1e-12);
        }
        const risks = [r.singlingOut.univariate, r.singlingOut.multivariate, r.linkability, ...r.inference];
        for (const x of risks) {
          if (!x || isMetricError(x)) continue;
          for (const v of [x.value, ...x.ci]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
        }
        for (const c of r.criteria) if (c.risk) expect(c.risk.value).toBeLessThanOrEqual(1);
      }),
      { numRuns: 25 },
    );
  });

  it('gives byte-identical reports for the same seed', async () => {
    await fc.assert(
      fc.asyncProperty(triples(4, 3, 30), fc.nat(1000), async (t, seed) => {
        const a = await audit({ ...t, rng: new Rng(seed), nAttacks: small, threads: 1 });
        const b = await audit({ ...t, rng: new Rng(seed), nAttacks: small, threads: 2 });
        expect(auditReportToJson(b, { timings: false })).toBe(auditReportToJson(a, { timings: false }));
      }),
      { numRuns: 10 },
    );
  });
});

/** Rows from one distribution with a continuous column, so independent draws never coincide. */
function sample(rng: Rng, n: number): Table {
  return new Table([
    numericColumn(
      'weight (kg)',
      Float64Array.from({ length: n }, () => 60 + rng.normal() * 12),
    ),
    numericColumn(
      'age',
      Float64Array.from({ length: n }, () => 18 + rng.int(60)),
    ),
    categoricalFromStrings(
      'sex',
      Array.from({ length: n }, () => (rng.uniform() < 0.5 ? 'F' : 'M')),
    ),
    categoricalFromStrings(
      'city',
      Array.from({ length: n }, () => `c${rng.int(6)}`),
    ),
  ]);
}

describe('a copy of train always scores worse than an independent sample', () => {
  it('on memorization, DCR, membership inference and singling-out success', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(10_000), fc.integer({ min: 20, max: 120 }), async (seed, n) => {
        const rng = new Rng(seed);
        const train = sample(rng, n);
        const holdout = sample(rng, n);
        const independent = sample(rng, n);
        const copy = { train, synthetic: train, holdout };
        const fresh = { train, synthetic: independent, holdout };
        const opts = { rng: new Rng(1) };
        expect(memorization(copy, opts).value).toBeGreaterThan(memorization(fresh, opts).value);
        const dc = await dcr(copy, opts);
        const df = await dcr(fresh, opts);
        expect(dc.synthToTrain.median.value).toBeLessThan(df.synthToTrain.median.value);
        expect(dc.closerToTrain.share.value).toBeGreaterThan(df.closerToTrain.share.value);
        expect(dc.nndr.value).toBeLessThan(df.nndr.value);
        const mc = await membershipInference(copy, opts);
        const mf = await membershipInference(fresh, opts);
        expect(mc.auc.value).toBeGreaterThan(mf.auc.value);
        const sc = singlingOut(copy, { mode: 'univariate', nAttacks: 50, rng: new Rng(2) });
        const sf = singlingOut(fresh, { mode: 'univariate', nAttacks: 50, rng: new Rng(2) });
        expect(sc.rates.nSuccess / sc.rates.nAttacks).toBeGreaterThan(
          sf.rates.nSuccess / Math.max(1, sf.rates.nAttacks),
        );
      }),
      { numRuns: 20 },
    );
  });
});
