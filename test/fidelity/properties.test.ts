/**
 * Property tests (fast-check) of the fidelity scores: every score in its range; identical tables
 * score 1; scores do not depend on row order; a column-shuffled copy keeps the shapes and loses
 * the pair trends. Detection and efficacy train models on random samples, so they are covered by
 * their own tests instead.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/fidelity/evaluate.js';
import type { FidelityReport } from '../../src/fidelity/report-types.js';
import { Rng } from '../../src/rng.js';
import type { Table } from '../../src/table/table.js';
import { schemaOf, table } from './tiny.js';

const rowArb = fc.record({
  a: fc.integer({ min: -50, max: 50 }),
  b: fc.option(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { nil: null }),
  c: fc.constantFrom('x', 'y', 'z', '?'),
  d: fc.option(fc.constantFrom('p', 'q'), { nil: null }),
});
const tableArb = fc.array(rowArb, { minLength: 3, maxLength: 60 }).map((rows) =>
  table({
    a: rows.map((r) => r.a),
    b: rows.map((r) => r.b),
    c: rows.map((r) => r.c),
    d: rows.map((r) => r.d),
  }),
);

async function report(real: Table, synthetic: Table, seed = 0): Promise<FidelityReport> {
  return evaluate({ real, synthetic, schema: schemaOf(real), rng: new Rng(seed), detection: false });
}

/** Every number under a key named `score` (and the summary/quality aggregates) anywhere in the report. */
function allScores(r: FidelityReport): number[] {
  const out: number[] = [];
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'number') {
      if (
        [
          'score',
          'univariate',
          'bivariate',
          'columnShapes',
          'columnPairTrends',
          'relativeToCeiling',
        ].includes(key)
      )
        out.push(v);
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  const { timings: _t, distributions: _d, ...rest } = r;
  walk(rest, '');
  return out;
}

function permuted(t: Table, seed: number): Table {
  return t.take(new Rng(seed).permutation(t.numRows));
}

/** The scores that must not depend on row order. */
function orderFree(r: FidelityReport) {
  return {
    summary: { ...r.summary },
    shapes: r.columnShapes.columns.map((c) => c.score),
    pairs: r.columnPairTrends.pairs.map((p) => [
      p.score,
      p.realCorrelation,
      p.realAssociation,
      p.meetsThreshold,
    ]),
    diagnostics: r.diagnostics,
    accuracy: r.accuracy,
  };
}

function expectClose(a: unknown, b: unknown, path = ''): void {
  if (typeof a === 'number' && typeof b === 'number') {
    expect(Math.abs(a - b), path).toBeLessThanOrEqual(1e-9);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length, path).toBe(b.length);
    for (let i = 0; i < a.length; i++) expectClose(a[i], b[i], `${path}[${i}]`);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(a)) {
      // Examples of unseen categories follow first appearance, which row order changes.
      if (k === 'unseenExamples') continue;
      expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    }
    return;
  }
  expect(a, path).toEqual(b);
}

describe('fidelity score properties', () => {
  it('every score lies in [0, 1]', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, tableArb, async (real, synthetic) => {
        for (const s of allScores(await report(real, synthetic))) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('identical tables score 1 on shapes, pair trends, quality and accuracy', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (real) => {
        const r = await report(real, real);
        expect(r.summary.columnShapes).toBeCloseTo(1, 12);
        expect(r.summary.quality).toBeCloseTo(1, 12);
        expect(r.summary.qualityAllPairs).toBeCloseTo(1, 12);
        for (const v of [r.summary.columnPairTrends, r.summary.columnPairTrendsAllPairs]) {
          if (v !== null) expect(v).toBeCloseTo(1, 12);
        }
        expect(r.accuracy.synthetic.score).toBeCloseTo(1, 12);
        expect(r.accuracy.synthetic.univariate).toBeCloseTo(1, 12);
        expect(r.accuracy.synthetic.bivariate).toBeCloseTo(1, 12);
      }),
      { numRuns: 60 },
    );
  });

  it('scores are invariant to the row order of either table', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, tableArb, fc.integer(), async (real, synthetic, seed) => {
        const a = await report(real, synthetic);
        const b = await report(permuted(real, seed), permuted(synthetic, seed + 1));
        expectClose(orderFree(a), orderFree(b));
      }),
      { numRuns: 40 },
    );
  });

  it('a column-shuffled copy keeps column shapes at 1 and lowers pair trends', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 30, maxLength: 120 }),
        fc.integer(),
        async (xs, seed) => {
          fc.pre(new Set(xs).size >= 10);
          const median = [...xs].sort((p, q) => p - q)[xs.length >> 1]!;
          const real = table({
            x: xs,
            y: xs.map((v) => 2 * v + 1),
            c: xs.map((v) => (v < median ? 'lo' : 'hi')),
          });
          const rng = new Rng(seed);
          // Each column permuted independently: exact marginals, no relationships (like shuffle_columns.csv).
          const shuffled = table({
            x: Array.from(rng.permutation(xs.length), (i) => xs[i]!),
            y: Array.from(rng.permutation(xs.length), (i) => 2 * xs[i]! + 1),
            c: Array.from(rng.permutation(xs.length), (i) => (xs[i]! < median ? 'lo' : 'hi')),
          });
          const r = await report(real, shuffled);
          expect(r.summary.columnShapes).toBe(1);
          expect(r.summary.columnPairTrendsAllPairs!).toBeLessThan(1);
          expect(r.summary.qualityAllPairs!).toBeLessThan(1);
          // x and y are perfectly correlated in the real table, so the default variant scores that pair.
          expect(r.summary.columnPairTrends!).toBeLessThan(1);
        },
      ),
      { numRuns: 40 },
    );
  });
});
