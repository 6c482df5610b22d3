import { describe, expect, it } from 'vitest';
import { FidelityContext } from '../../../src/fidelity/context.js';
import { detectionScore, runDetection } from '../../../src/fidelity/metrics/detection.js';
import { Rng } from '../../../src/rng.js';
import { adultSchema, loadReal, loadSynthetic } from '../adult-fixture.js';

const adult = { real: await loadReal(), copula: await loadSynthetic('sdv_gaussiancopula') };
const range = (a: number, b: number) => Uint32Array.from({ length: b - a }, (_, i) => a + i);

describe('detection score', () => {
  it('is clip(2·(1 − AUC), 0, 1)', () => {
    expect(detectionScore(0.5)).toBe(1);
    expect(detectionScore(0.75)).toBe(0.5);
    expect(detectionScore(1)).toBe(0);
    expect(detectionScore(0.3)).toBe(1);
  });
});

describe('runDetection on Adult', () => {
  const real = adult.real;
  const opts = { maxRowsPerSide: 1500, nEstimators: 30, maxDepth: 3 };

  it('cannot tell two halves of the real data apart (AUC near 0.5)', async () => {
    const ctx = new FidelityContext({
      real: real.take(range(0, 3000)),
      synthetic: real.take(range(3000, 6000)),
      schema: adultSchema(),
      rng: new Rng(1),
    });
    const d = await runDetection(ctx, opts);
    expect(d.rowsPerSide).toBe(1500);
    expect(d.foldAuc).toHaveLength(5);
    expect(d.auc).toBeGreaterThan(0.4);
    expect(d.auc).toBeLessThan(0.6);
    expect(d.score).toBeGreaterThan(0.8);
  });

  it('tells real rows from SDV GaussianCopula rows, and names the giveaway columns', async () => {
    const ctx = new FidelityContext({
      real,
      synthetic: adult.copula,
      schema: adultSchema(),
      rng: new Rng(1),
    });
    const d = await runDetection(ctx, opts);
    expect(d.auc).toBeGreaterThan(0.85);
    expect(d.score).toBeLessThan(0.3);
    expect(d.topFeatures[0]!.importance).toBeGreaterThan(0.1);
    const again = await runDetection(
      new FidelityContext({
        real,
        synthetic: adult.copula,
        schema: adultSchema(),
        rng: new Rng(1),
      }),
      opts,
    );
    expect(again).toEqual(d);
  });
});
