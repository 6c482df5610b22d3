import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/fidelity/evaluate.js';
import { fidelityReportToJson } from '../../src/fidelity/report-json.js';
import { isFailure } from '../../src/fidelity/report-types.js';
import { Rng } from '../../src/rng.js';
import { adultSchema, loadHoldout, loadReal, loadSynthetic } from './adult-fixture.js';
import { schemaOf, table } from './tiny.js';

const adult = {
  real: await loadReal(),
  ctgan: await loadSynthetic('sdv_ctgan_e50'),
  holdout: await loadHoldout(),
};
const range = (a: number, b: number) => Uint32Array.from({ length: b - a }, (_, i) => a + i);
const fast = {
  detection: { maxRowsPerSide: 1000, nEstimators: 20, maxDepth: 3 },
  efficacy: { nEstimators: 20, maxDepth: 3 },
};

describe('evaluate on an Adult subset (CTGAN)', () => {
  const real = adult.real.take(range(0, 4000));
  const synthetic = adult.ctgan.take(range(0, 4000));
  const holdout = adult.holdout.take(range(0, 1500));
  const run = (seed: number, onProgress?: (f: number, l: string) => void) =>
    evaluate({
      real,
      synthetic,
      holdout,
      schema: adultSchema(),
      target: 'income',
      rng: new Rng(seed),
      ...fast,
      ...(onProgress ? { onProgress } : {}),
    });

  it('fills every part of the report, with timings kept apart', async () => {
    const steps: Array<[number, string]> = [];
    const r = await run(0, (f, l) => steps.push([f, l]));
    expect(r.inputs).toMatchObject({
      realRows: 4000,
      syntheticRows: 4000,
      holdoutRows: 1500,
      target: 'income',
      seed: 0,
      minCellCount: 10,
    });
    expect(r.inputs.columns).toHaveLength(15);
    expect(r.summary.quality).toBeGreaterThan(0.6);
    expect(r.summary.accuracyCeiling!).toBeGreaterThan(r.summary.accuracy!);
    expect(r.summary.detectionAuc!).toBeGreaterThan(0.5);
    expect(r.summary.efficacy).not.toBeNull();
    expect(r.summary.errorCells).toBe(0);
    expect(r.errors).toEqual([]);
    expect(isFailure(r.detection)).toBe(false);
    expect(r.distributions).toHaveLength(15);
    expect(Object.keys(r.timings)).toEqual(
      expect.arrayContaining([
        'columnShapes',
        'columnPairTrends',
        'diagnostics',
        'accuracy',
        'detection',
        'efficacy',
        'total',
      ]),
    );
    // Progress rises monotonically from 0 to 1.
    expect(steps[0]![0]).toBe(0);
    expect(steps.at(-1)).toEqual([1, 'done']);
    for (let i = 1; i < steps.length; i++) expect(steps[i]![0]).toBeGreaterThanOrEqual(steps[i - 1]![0]);
  });

  it('gives a byte-identical JSON report (timings aside) for the same seed', async () => {
    const a = fidelityReportToJson(await run(7), { timings: false });
    const b = fidelityReportToJson(await run(7), { timings: false });
    expect(a).toBe(b);
    expect(a).not.toContain('"timings"');
    const c = fidelityReportToJson(await run(8), { timings: false });
    expect(c).not.toBe(a); // detection samples and folds follow the seed
  });
});

describe('evaluate with bad columns', () => {
  it('records error cells and still completes when the synthetic table lacks a column', async () => {
    const real = table({
      x: [1, 2, 3, 4, 5, 6],
      c: ['a', 'b', 'a', 'b', 'a', 'b'],
      gone: [1, 2, 3, 4, 5, 6],
    });
    const synthetic = table({ x: [1, 2, 3, 4, 5, 7], c: ['a', 'a', 'b', 'b', 'a', 'b'] });
    const r = await evaluate({
      real,
      synthetic,
      schema: schemaOf(real),
      rng: new Rng(0),
      detection: { folds: 2 },
    });
    const cell = r.columnShapes.columns.find((c) => c.column === 'gone')!;
    expect(cell.score).toBeNull();
    expect(cell.error).toMatch(/^E_FIDELITY_COLUMN_MISSING: the synthetic table has no column "gone"/);
    expect(r.columnShapes.score).not.toBeNull();
    expect(r.errors.some((e) => e.metric === 'ColumnShapes' && e.column === 'gone')).toBe(true);
    expect(r.errors.some((e) => e.metric === 'ColumnPairTrends' && e.columns?.includes('gone'))).toBe(true);
    expect(r.summary.errorCells).toBe(r.errors.length);
    expect(r.diagnostics.sdmetrics.dataStructure.missingColumns).toEqual(['gone']);
    // Detection cannot build its features, so it reports why instead of a result.
    expect(isFailure(r.detection)).toBe(true);
  });

  it('leaves id, pii and text columns out of shapes and pairs but checks them for reuse', async () => {
    const real = table({ email: ['a@x', 'b@x', 'c@x', 'd@x'], x: [1, 2, 3, 4] });
    const synthetic = table({ email: ['a@x', 'z@y', 'q@y', 'r@y'], x: [1, 2, 3, 4] });
    const r = await evaluate({
      real,
      synthetic,
      schema: schemaOf(real, { email: 'pii' }),
      rng: new Rng(0),
      detection: false,
    });
    expect(r.columnShapes.columns.map((c) => c.column)).toEqual(['x']);
    expect(r.inputs.columns[0]).toMatchObject({ name: 'email', scored: false });
    expect(r.inputs.columns[0]!.excludedReason).toMatch(/fakes/);
    expect(r.diagnostics.identifierReuse.columns).toEqual([
      { column: 'email', metric: 'IdentifierReuse', score: 0.25 },
    ]);
    expect(r.distributions.map((d) => d.column)).toEqual(['x']);
    expect(r.detection).toBeNull();
    expect(r.efficacy).toBeNull();
  });

  it('rejects an unknown target with a typed error', async () => {
    const t = table({ x: [1, 2] });
    await expect(
      evaluate({ real: t, synthetic: t, schema: schemaOf(t), target: 'nope', rng: new Rng(0) }),
    ).rejects.toMatchObject({
      code: 'E_FIDELITY_TARGET',
    });
  });
});
