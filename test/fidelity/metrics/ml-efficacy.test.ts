import { describe, expect, it } from 'vitest';
import { FidelityContext } from '../../../src/fidelity/context.js';
import { runEfficacy } from '../../../src/fidelity/metrics/ml-efficacy.js';
import { Rng } from '../../../src/rng.js';
import { adultSchema, loadHoldout, loadReal, loadSynthetic } from '../adult-fixture.js';

const adult = {
  real: await loadReal(),
  holdout: await loadHoldout(),
  shuffled: await loadSynthetic('shuffle_columns'),
};
const range = (a: number, b: number) => Uint32Array.from({ length: b - a }, (_, i) => a + i);
const opts = { nEstimators: 30, maxDepth: 4 };

describe('ML efficacy (TSTR vs TRTR) on Adult subsets', () => {
  const real = adult.real.take(range(0, 4000));
  const holdout = adult.holdout.take(range(0, 1500));

  function ctx(synthetic = real, target = 'income', withHoldout = true): FidelityContext {
    return new FidelityContext({
      real,
      synthetic,
      ...(withHoldout ? { holdout } : {}),
      schema: adultSchema(),
      target,
      rng: new Rng(3),
    });
  }

  it('binary target: a copy of the training data is exactly as useful (score 1)', async () => {
    const e = await runEfficacy(ctx(), opts);
    expect(e.task).toBe('binary');
    expect(e.testSet).toBe('holdout');
    expect(e.classes).toEqual({ count: 2, positive: '>50K' });
    expect(e.trtr.auc).toBeGreaterThan(0.85);
    expect(e.tstr).toEqual(e.trtr);
    expect(e.score).toBe(1);
    expect(e.rows).toEqual({
      trainReal: 4000,
      trainSynthetic: 4000,
      test: 1500,
      droppedSynthetic: 0,
      droppedTest: 0,
    });
    expect(e.features).not.toContain('income');
  });

  it('binary target: column-shuffled data loses most of the signal', async () => {
    const e = await runEfficacy(ctx(adult.shuffled.take(range(0, 4000))), opts);
    expect(e.tstr.auc!).toBeLessThan(0.65);
    expect(e.score!).toBeLessThan(0.4);
  });

  it('regression and multiclass targets, and the no-holdout split with its warning', async () => {
    const reg = await runEfficacy(ctx(real, 'age'), opts);
    expect(reg.task).toBe('regression');
    expect(reg.primaryMetric).toBe('r2');
    expect(reg.trtr.r2!).toBeGreaterThan(0.2);
    const multi = await runEfficacy(ctx(real, 'race'), opts);
    expect(multi.task).toBe('multiclass');
    expect(multi.classes!.count).toBe(5);
    expect(multi.trtr.auc!).toBeGreaterThan(0.6);
    expect(multi.trtr.f1).toBeDefined();
    const split = await runEfficacy(ctx(real, 'income', false), opts);
    expect(split.testSet).toBe('real-split');
    expect(split.note).toMatch(/optimistic/);
    expect(split.rows.test).toBe(800);
  });
});
