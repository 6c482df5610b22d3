#!/usr/bin/env node
/**
 * Issue 6's figures: the three generators — copula, bayesnet (without DP, ε = 1, ε = 10) and cart —
 * on Adult (the peers' reference split of ../shared/reference: train 26,049 rows, holdout 6,512 = 20 %,
 * `?` as NA), each in its own Node process so that peak RSS is per generator:
 * fit seconds, seconds to sample 26,049 rows and throughput on 200,000, quality (SDMetrics 0.29
 * default and all pairs), accuracy (1 − TVD, 1- and 2-way) beside the holdout ceiling, TSTR vs TRTR
 * ROC AUC on `income` (tested on the holdout), and — when src/privacy is built — the DCR "closer to
 * train" share (0.5 = like a fresh sample; default release policy ≤ 0.53) before and after the
 * release filter (when src/release is built).
 *
 * Plain Node on dist/ (run `npm run build` first). Prints a markdown table on stderr, writes
 * benchmarks/results/generators.json and prints the JSON object on its last stdout line (the format
 * of benchmarks/run.mjs). `node benchmarks/generators.mjs --job cart` runs one job in this process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitResult } from './emit-result.mjs';
import { evaluateOnIncome, loadAdultSplit } from './reference-case.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const reference = join(root, '../shared/reference');

const JOBS = {
  copula: { generator: 'copula', params: {} },
  bayesnet: { generator: 'bayesnet', params: {} },
  'bayesnet ε=1': { generator: 'bayesnet', params: { epsilon: 1 } },
  'bayesnet ε=10': { generator: 'bayesnet', params: { epsilon: 10 } },
  cart: { generator: 'cart', params: {} },
};

const jobArg = process.argv.indexOf('--job');
if (jobArg >= 0) {
  const name = process.argv[jobArg + 1];
  console.log(JSON.stringify(await runJob(name, JOBS[name])));
} else await main();

/** Import a built module, or null when that part of synthgate is not built (yet). */
async function optional(rel) {
  const file = join(root, 'dist', rel);
  if (!existsSync(file)) return null;
  try {
    return await import(file);
  } catch {
    return null;
  }
}

async function runJob(name, job) {
  const { createGenerator } = await import(join(root, 'dist/generators/registry.js'));
  const { Rng } = await import(join(root, 'dist/rng.js'));
  const split = await loadAdultSplit();
  const { train, holdout } = split;
  const n = train.table.numRows;

  const t0 = performance.now();
  const model = await createGenerator(job.generator, job.params).fit(train.table, train.schema, new Rng(1));
  const fitSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const synthetic = model.sample(n, new Rng(2));
  const sampleSeconds = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  model.sample(200_000, new Rng(3));
  const rowsPerSecond = 200_000 / ((performance.now() - t2) / 1000);

  const report = await evaluateOnIncome(split, synthetic);
  const s = report.summary;
  const eff = report.efficacy && !('error' in report.efficacy) ? report.efficacy : null;

  let dcrShare = null;
  let dcrShareCi = null;
  let dcrShareFiltered = null;
  let dcrShareFilteredCi = null;
  const dcrMod = await optional('privacy/dcr.js');
  if (dcrMod) {
    const tables = { train: train.table, synthetic, holdout: holdout.table };
    const r = await dcrMod.dcr(tables, { rng: new Rng(0) });
    dcrShare = r.closerToTrain.share.value;
    dcrShareCi = r.closerToTrain.share.ci ?? null;
    const filterMod = await optional('release/filter.js');
    if (filterMod) {
      const f = await filterMod.filterSynthetic({ ...tables, schema: train.schema });
      const rf = await dcrMod.dcr({ ...tables, synthetic: synthetic.take(f.keep) }, { rng: new Rng(0) });
      dcrShareFiltered = rf.closerToTrain.share.value;
      dcrShareFilteredCi = rf.closerToTrain.share.ci ?? null;
    }
  }
  return {
    job: name,
    generator: job.generator,
    params: job.params,
    fitSeconds,
    sampleSeconds,
    rowsPerSecond,
    quality: s.quality,
    qualityAllPairs: s.qualityAllPairs,
    accuracy: s.accuracy,
    accuracyCeiling: s.accuracyCeiling,
    tstrAuc: eff?.tstr?.auc ?? null,
    trtrAuc: eff?.trtr?.auc ?? null,
    dcrShare,
    dcrShareCi,
    dcrShareFiltered,
    dcrShareFilteredCi,
    epsilonSpent: model.privacy ? model.privacy.entries.reduce((a, e) => a + e.epsilon, 0) : null,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

async function main() {
  const loadStart = os.loadavg();
  const results = [];
  for (const name of Object.keys(JOBS)) {
    console.error(`▶ ${name}`);
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--job', name], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (r.status !== 0) {
      console.error(`✗ ${name} exited ${r.status}`);
      continue;
    }
    results.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  const r2 = (x) => (x == null ? '' : Math.round(x * 100) / 100);
  const r4 = (x) => (x == null ? '' : Math.round(x * 10000) / 10000);
  const ci = (v, c) => (v == null ? '' : c ? `${r4(v)} [${r4(c[0])}, ${r4(c[1])}]` : String(r4(v)));
  const rows = results.map((x) => ({
    generator: x.job,
    'fit s': r2(x.fitSeconds),
    'sample 26,049 s': r2(x.sampleSeconds),
    'sample rows/s': Math.round(x.rowsPerSecond),
    'quality (default)': r4(x.quality),
    'quality (all pairs)': r4(x.qualityAllPairs),
    'accuracy / ceiling': x.accuracy == null ? '' : `${r4(x.accuracy)} / ${r4(x.accuracyCeiling)}`,
    'TSTR AUC': r4(x.tstrAuc),
    'TRTR AUC': r4(x.trtrAuc),
    'DCR share': ci(x.dcrShare, x.dcrShareCi),
    'DCR share after filter': ci(x.dcrShareFiltered, x.dcrShareFilteredCi),
    'peak RSS MiB': Math.round(x.peakRssMiB),
  }));
  // SDV's GaussianCopula on the same split and machine kind, scored by SDMetrics 0.29 (quoted, not re-run).
  const sdvFile = join(reference, 'sdmetrics/sdv_gaussiancopula.json');
  const peerFile = join(reference, 'peer-runs/sdv_gaussiancopula.json');
  if (existsSync(sdvFile)) {
    const sdm = JSON.parse(readFileSync(sdvFile, 'utf8'));
    const peer = existsSync(peerFile) ? JSON.parse(readFileSync(peerFile, 'utf8')) : {};
    rows.push({
      generator: 'reference: SDV GaussianCopula, quoted',
      'fit s': peer.fit_s ?? '',
      'sample 26,049 s': peer.sample_s ?? '',
      'quality (default)': sdm.quality.overall,
      'quality (all pairs)': sdm.quality_all_pairs.overall,
    });
  }
  const loadEnd = os.loadavg();
  const notes =
    `Load average (1 min) ${loadStart[0].toFixed(2)} at start, ${loadEnd[0].toFixed(2)} at end, on ${os.cpus().length} cores: times on a shared machine are pessimistic. ` +
    'DCR share: share of synthetic rows closer to a training row than to a holdout row at equal sizes (0.5 = like unseen real rows; default release policy ≤ 0.53 on the upper bound); "after filter": once the release filter has dropped exact and near copies. ' +
    'Acceptance (issue 6): bayesnet all-pairs quality ≥ 0.93, TSTR within 0.03 of TRTR, fit ≤ 20 s, sample ≥ 200k rows/s; ε = 1 accuracy ≥ 0.90, ε = 10 ≥ 0.93; cart all-pairs ≥ 0.95, TSTR within 0.015, fit ≤ 30 s.';
  const result = {
    title: 'Generators on Adult (issue 6)',
    dataset: 'Adult train/holdout split of ../shared/reference (26,049 / 6,512 rows, `?` as NA)',
    rows,
    notes,
    results,
  };
  emitResult('generators', result, loadStart);
}
