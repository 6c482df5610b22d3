/**
 * Issue 7's figures: TVAE on Adult (train 26,049 rows, holdout 6,512, `?` as NA).
 * - A full fit with the default parameters on the default backend (tfjs-node if installed, else
 *   wasm): wall and CPU seconds, training throughput in rows·epochs per second, then 26,049 rows
 *   sampled and scored by `evaluate` (all-pairs and default quality, TSTR vs TRTR ROC AUC on
 *   `income`, tested on the holdout); then the same with the original TVAE decoder
 *   (`autoregressive=false`) as the baseline.
 * - Training throughput of the pure-JavaScript cpu backend in the same run (a short fit: the cpu
 *   backend is an order of magnitude slower), and of wasm on the same short fit with 1 and 2
 *   threads.
 * - SDV 1.38.1 TVAE on the same split and machine kind, quoted from ../shared/reference.
 *
 * Plain Node on dist/ (run `npm run build` first). Prints a markdown table on stderr, writes
 * benchmarks/results/tvae.json, and prints the JSON object on its last stdout line (the format of
 * benchmarks/run.mjs). `node benchmarks/tvae.mjs --quick` skips the full fit.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitResult } from './emit-result.mjs';
import { evaluateOnIncome, loadAdultSplit } from './reference-case.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const reference = join(root, '../shared/reference');
const quick = process.argv.includes('--quick');

const { Tvae } = await import(join(root, 'dist/generators/tvae.js'));
const { Rng } = await import(join(root, 'dist/rng.js'));

const loadStart = os.loadavg();
const split = await loadAdultSplit();
const train = split.train;
const n = train.table.numRows;

/** Fit with timing: wall and CPU seconds of the whole fit and of the training loop alone. */
async function timedFit(params, seed = 1) {
  let trainStart = null;
  let trainEnd = null;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const model = await new Tvae(params).fit(train.table, train.schema, new Rng(seed).fork('fit'), {
    onProgress: (f, label) => {
      if (label?.startsWith('tvae: training on')) trainStart = performance.now();
      if (f === 1) trainEnd = performance.now();
    },
  });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const trainSeconds = ((trainEnd ?? performance.now()) - (trainStart ?? t0)) / 1000;
  const epochs = model.state.training.epochs;
  return {
    model,
    wall,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    trainSeconds,
    throughput: (n * epochs) / trainSeconds,
    epochs,
  };
}

const rows = [];
const r3 = (x) => (x == null ? '' : Math.round(x * 1000) / 1000);
const r4 = (x) => (x == null ? '' : Math.round(x * 10000) / 10000);

// Short fits, same parameters: throughput only. The cpu backend runs only with 2 threads (it is
// an order of magnitude slower); wasm with 1 and 2, to show the worker-thread speed-up.
const SHORT = 3;
for (const [backend, threads] of [
  ['wasm', 1],
  ['wasm', 2],
  ['cpu', 2],
]) {
  const f = await timedFit({ backend, threads, epochs: SHORT });
  rows.push({
    job: `training throughput, ${SHORT} epochs`,
    backend: f.model.backend,
    threads: f.model.state.training.threads,
    epochs: SHORT,
    'fit s': r3(f.wall),
    'train s': r3(f.trainSeconds),
    'rows·epochs/s': Math.round(f.throughput),
  });
  console.error(`${backend}×${threads}: ${Math.round(f.throughput)} rows·epochs/s`);
}

/** A full fit with `params`, 26,049 rows sampled and scored by `evaluate` (TSTR/TRTR on income). */
async function fullRun(params, job) {
  const f = await timedFit(params);
  const t0 = performance.now();
  const synthetic = f.model.sample(n, new Rng(1).fork('sample'));
  const sampleSeconds = (performance.now() - t0) / 1000;
  const report = await evaluateOnIncome(split, synthetic);
  const q = report.quality;
  const eff = report.efficacy;
  const r = {
    backend: f.model.backend,
    threads: f.model.state.training.threads,
    autoregressive: f.model.params.autoregressive,
    epochs: f.epochs,
    fitSeconds: f.wall,
    fitCpuSeconds: f.cpuSeconds,
    trainSeconds: f.trainSeconds,
    throughput: f.throughput,
    sampleSeconds,
    sampleRowsPerSecond: n / sampleSeconds,
    allPairs: q.allPairs.score,
    default: q.default.score,
    tstrAuc: eff?.tstr?.auc ?? null,
    trtrAuc: eff?.trtr?.auc ?? null,
    finalLoss: f.model.state.training.losses.at(-1),
  };
  rows.push({
    job,
    backend: r.backend,
    threads: r.threads,
    epochs: r.epochs,
    'fit s': r3(r.fitSeconds),
    'fit CPU s': r3(r.fitCpuSeconds),
    'train s': r3(r.trainSeconds),
    'rows·epochs/s': Math.round(r.throughput),
    'sample s': r3(r.sampleSeconds),
    'all-pairs quality': r4(r.allPairs),
    'default quality': r4(r.default),
    'TSTR AUC': r4(r.tstrAuc),
    'TRTR AUC': r4(r.trtrAuc),
    'TSTR gap': r4(r.trtrAuc - r.tstrAuc),
  });
  return r;
}

let full = null;
let original = null;
if (!quick) {
  full = await fullRun({}, 'fit + sample 26,049 rows, default parameters (autoregressive decoder)');
  // Baseline in the same run: the original TVAE decoder (columns drawn independently given z).
  original = await fullRun(
    { autoregressive: false },
    'baseline: the same with the original decoder (autoregressive=false)',
  );
}

// SDV's TVAE on the same split, 2 torch threads, same machine kind (quoted, not re-run).
for (const e of [50, 300]) {
  const peer = JSON.parse(readFileSync(join(reference, `peer-runs/sdv_tvae_e${e}.json`), 'utf8'));
  const sdm = JSON.parse(readFileSync(join(reference, `sdmetrics/sdv_tvae_e${e}.json`), 'utf8'));
  rows.push({
    job: `reference: SDV ${peer.sdv_version} TVAE (PyTorch), quoted`,
    backend: 'torch',
    threads: peer.torch_threads,
    epochs: e,
    'fit s': peer.fit_s,
    'rows·epochs/s': Math.round((peer.train_rows * e) / peer.fit_s),
    'sample s': peer.sample_s,
    'all-pairs quality': sdm.quality_all_pairs.overall,
    'default quality': sdm.quality.overall,
  });
}

const loadEnd = os.loadavg();
const notes =
  `Throughput = training rows × epochs / seconds of the training loop (preprocessing excluded). Load average (1 min) ${loadStart[0].toFixed(2)} at start, ${loadEnd[0].toFixed(2)} at end, on ${os.cpus().length} cores: wall times on a shared machine are pessimistic; CPU seconds show the work done. ` +
  'Acceptance (issue 7): all-pairs quality ≥ 0.88, TSTR AUC within 0.03 of TRTR, fit ≤ 90 s on 2 cores. ' +
  'tfjs-backend-wasm is single-threaded under Node (4.22 disables its threads there), so TVAE trains data-parallel on worker threads (default 2); tfjs-node, when installed, is picked automatically. SDV throughput counts its whole fit time (preprocessing included).';
const result = {
  title: 'TVAE on TensorFlow.js (issue 7)',
  dataset: 'Adult train/holdout split of ../shared/reference (26,049 / 6,512 rows, `?` as NA)',
  rows,
  notes,
  full,
  original,
};

emitResult('tvae', result, loadStart);
