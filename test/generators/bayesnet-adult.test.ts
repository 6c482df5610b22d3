import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset.js';
import { BayesNet } from '../../src/generators/bayesnet.js';
import { Rng } from '../../src/rng.js';
import { evaluateOnAdult, loadAdultSplit } from './helpers.js';

/**
 * bayesnet on Adult, the peers' reference split (../shared/reference/README.md: adult_train.csv
 * 26,049 rows, adult_holdout.csv 6,512 rows, `?` = missing). Acceptance (issue 6): without DP
 * all-pairs quality ≥ 0.93, TSTR AUC on income within 0.03 of TRTR, fit ≤ 20 s, sampling
 * ≥ 200k rows/s; ε = 1: accuracy ≥ 0.90, ε = 10: ≥ 0.93 (holdout ceiling ≈ 0.98). For scale:
 * SDMetrics 0.29 scores SDV's GaussianCopula 0.8807 all-pairs on this split
 * (reference/sdmetrics/sdv_gaussiancopula.json, `quality_all_pairs.overall`).
 */
let train: Dataset;
let holdout: Dataset;

beforeAll(async () => {
  ({ train, holdout } = await loadAdultSplit());
});

describe('bayesnet on Adult', () => {
  it('without DP: quality, ML efficacy, fit and sampling speed', async () => {
    const t0 = performance.now();
    const model = new BayesNet().fit(train.table, train.schema, new Rng(1));
    const fitSeconds = (performance.now() - t0) / 1000;
    const synth = model.sample(train.table.numRows, new Rng(2));
    model.sample(20_000, new Rng(3));
    // Throughput on CPU time (sampling is single-threaded): wall time on the shared 2-core machine
    // depends on what else runs; the best of three runs.
    let rowsPerSecond = 0;
    for (let k = 0; k < 3; k++) {
      const c0 = process.cpuUsage();
      model.sample(200_000, new Rng(4 + k));
      const c = process.cpuUsage(c0);
      rowsPerSecond = Math.max(rowsPerSecond, 200_000 / ((c.user + c.system) / 1e6));
    }
    const report = await evaluateOnAdult({ train, holdout }, synth, 'income');
    const eff = report.efficacy as { tstr: { auc: number }; trtr: { auc: number } };
    console.log(
      `bayesnet Adult: fit ${fitSeconds.toFixed(2)} s, sample ${(rowsPerSecond / 1000).toFixed(0)}k rows per CPU second, ` +
        `quality ${report.summary.quality?.toFixed(4)} / all pairs ${report.summary.qualityAllPairs?.toFixed(4)}, ` +
        `TSTR ${eff.tstr.auc.toFixed(4)} vs TRTR ${eff.trtr.auc.toFixed(4)}`,
    );
    // Measured on the 2-core dev machine: all pairs 0.987, TSTR 0.909 vs TRTR 0.931, fit 0.6–1.5 s, ~1M rows/s.
    expect(report.summary.qualityAllPairs!).toBeGreaterThanOrEqual(0.95);
    expect(report.summary.quality!).toBeGreaterThanOrEqual(0.95);
    expect(eff.trtr.auc - eff.tstr.auc).toBeLessThanOrEqual(0.03);
    // Fit time and sampling throughput are benchmark figures (benchmarks/generators.mjs), not assertions.
  });

  for (const [epsilon, floor] of [
    [1, 0.93],
    [10, 0.95],
  ] as const) {
    it(`with ε = ${epsilon}: accuracy against the holdout ceiling`, async () => {
      const model = new BayesNet({ epsilon }).fit(train.table, train.schema, new Rng(1));
      const synth = model.sample(train.table.numRows, new Rng(2));
      const report = await evaluateOnAdult({ train, holdout }, synth);
      console.log(
        `bayesnet Adult ε=${epsilon}: accuracy ${report.summary.accuracy?.toFixed(4)} (ceiling ${report.summary.accuracyCeiling?.toFixed(4)}), ` +
          `quality all pairs ${report.summary.qualityAllPairs?.toFixed(4)}`,
      );
      const ledger = model.privacy!;
      expect(ledger.entries.reduce((s, e) => s + e.epsilon, 0)).toBeCloseTo(epsilon, 10);
      // Acceptance: ≥ 0.90 at ε = 1, ≥ 0.93 at ε = 10. Measured: 0.955–0.960 and 0.976 (ceiling 0.978).
      expect(report.summary.accuracy!).toBeGreaterThanOrEqual(floor);
      expect(report.summary.accuracyCeiling!).toBeGreaterThan(0.97);
    });
  }
});
