import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset.js';
import { Cart } from '../../src/generators/cart.js';
import type { CartModel } from '../../src/generators/cart-model.js';
import { dcr } from '../../src/privacy/dcr.js';
import { filterSynthetic } from '../../src/release/filter.js';
import { Rng } from '../../src/rng.js';
import type { Table } from '../../src/table/table.js';
import { evaluateOnAdult, loadAdultSplit } from './helpers.js';

/**
 * cart on Adult, the peers' reference split (../shared/reference/README.md). Acceptance (issue 6):
 * all-pairs quality ≥ 0.95, TSTR AUC on income within 0.015 of TRTR, fit ≤ 30 s, and after the
 * release filter no sign of memorization. For scale: synthpop's CART sits at a DCR "closer to
 * train" share of 0.605 on Adult (issue 6), SDMetrics 0.29 scores SDV's GaussianCopula 0.8807
 * all-pairs (reference/sdmetrics/sdv_gaussiancopula.json, `quality_all_pairs.overall`).
 */
let train: Dataset;
let holdout: Dataset;
let model: CartModel;
let synth: Table;
let fitSeconds: number;

beforeAll(async () => {
  ({ train, holdout } = await loadAdultSplit());
  const t0 = performance.now();
  model = new Cart().fit(train.table, train.schema, new Rng(1));
  fitSeconds = (performance.now() - t0) / 1000;
  synth = model.sample(train.table.numRows, new Rng(2));
});

describe('cart on Adult', () => {
  it('quality, ML efficacy and fit time', async () => {
    const report = await evaluateOnAdult({ train, holdout }, synth, 'income');
    const eff = report.efficacy as { tstr: { auc: number }; trtr: { auc: number } };
    console.log(
      `cart Adult: fit ${fitSeconds.toFixed(2)} s, quality ${report.summary.quality?.toFixed(4)} / all pairs ${report.summary.qualityAllPairs?.toFixed(4)}, ` +
        `accuracy ${report.summary.accuracy?.toFixed(4)}, TSTR ${eff.tstr.auc.toFixed(4)} vs TRTR ${eff.trtr.auc.toFixed(4)}`,
    );
    // Measured on the 2-core dev machine: all pairs 0.989, TSTR 0.923 vs TRTR 0.931 (gap 0.008), fit 0.6–1.5 s.
    expect(report.summary.qualityAllPairs!).toBeGreaterThanOrEqual(0.97);
    expect(report.summary.quality!).toBeGreaterThanOrEqual(0.97);
    expect(eff.trtr.auc - eff.tstr.auc).toBeLessThanOrEqual(0.015);
    // Fit time is a benchmark figure (benchmarks/generators.mjs), not an assertion.
  });

  it('after the release filter: no exact copies, DCR share near ½', async () => {
    const f = await filterSynthetic({
      train: train.table,
      holdout: holdout.table,
      synthetic: synth,
      schema: train.schema,
    });
    const kept = synth.take(f.keep);
    const r = await dcr({ train: train.table, synthetic: kept, holdout: holdout.table }, { rng: new Rng(0) });
    const share = r.closerToTrain.share;
    console.log(
      `cart Adult after filter: dropped ${JSON.stringify(f.dropped)}, DCR closer-to-train share ${share.value.toFixed(4)} ` +
        `[${share.ci?.map((x) => x.toFixed(4)).join(', ')}], exact copies ${r.synthToTrain.shareZero.toFixed(5)}`,
    );
    expect(r.synthToTrain.shareZero).toBe(0);
    // Default release policy: share ≤ 0.53 on its upper bound. Measured 0.515 [0.509, 0.521] (synthpop: 0.605).
    expect(share.ci![1]).toBeLessThanOrEqual(0.53);
  });
});
