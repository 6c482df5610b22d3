/**
 * Issue 2's figures: `synthesize` on Adult end to end (CLI, wall seconds and peak RSS), fit time,
 * sample rows/s, and 1,000,000 rows sampled + written to CSV. Baselines in the same run: the I/O
 * floor (read Adult + write it back, no model) and SDV GaussianCopula's timings on this machine
 * kind (from ../shared/reference/peer-runs, quoted, not re-run).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adult, root, timedCli } from './timed-cli.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'synthgate-bench-'));

const rows = [];
function timed(args) {
  const r = timedCli(args);
  if (r.status !== 0) throw new Error(`synthgate ${args.join(' ')} failed: ${r.stderr}`);
  return r;
}
const best = (f, k = 3) => {
  const runs = Array.from({ length: k }, f);
  return runs.sort((a, b) => a.seconds - b.seconds)[0];
};

const synth = best(() => timed(['synthesize', adult, '--na', '?', '--out', join(tmp, 's.csv'), '--quiet']));
rows.push({
  job: 'synthesize adult.csv (fit + sample 32,561 + write)',
  seconds: synth.seconds,
  'rows/s': 32561 / synth.seconds,
  'peak RSS MB': synth.peakRssMB,
});

const fit = best(() => timed(['fit', adult, '--na', '?', '--model', join(tmp, 'm.json'), '--quiet']));
rows.push({
  job: 'fit copula (CLI, incl. read)',
  seconds: fit.seconds,
  'rows/s': 32561 / fit.seconds,
  'peak RSS MB': fit.peakRssMB,
});

const s1m = best(
  () => timed(['sample', join(tmp, 'm.json'), '--rows', '1000000', '--out', join(tmp, '1m.csv'), '--quiet']),
  2,
);
rows.push({
  job: 'sample 1,000,000 rows + write CSV',
  seconds: s1m.seconds,
  'rows/s': 1e6 / s1m.seconds,
  'peak RSS MB': s1m.peakRssMB,
});

// In-process: sampling alone (no CSV), to separate model cost from formatting and I/O.
const { loadModelFile } = await import(join(root, 'dist/generators/model-file.js'));
const { sampleModel } = await import(join(root, 'dist/synthesize.js'));
const { model } = await loadModelFile(join(tmp, 'm.json'));
let t0 = performance.now();
sampleModel(model, 1_000_000, 1);
const sampleOnly = (performance.now() - t0) / 1000;
rows.push({
  job: 'sample 1,000,000 rows in memory (no CSV)',
  seconds: sampleOnly,
  'rows/s': 1e6 / sampleOnly,
  'peak RSS MB': '',
});

// Baseline: the I/O floor — read Adult and write it back unchanged.
const { loadDataset } = await import(join(root, 'dist/dataset.js'));
const { writeTableCsv } = await import(join(root, 'dist/output.js'));
t0 = performance.now();
const ds = await loadDataset(adult, { na: ['?'] });
await writeTableCsv(join(tmp, 'copy.csv'), ds.table, ds.schema);
const io = (performance.now() - t0) / 1000;
rows.push({
  job: 'baseline: read + write adult.csv, no model',
  seconds: io,
  'rows/s': 32561 / io,
  'peak RSS MB': '',
});

const peer = JSON.parse(
  readFileSync(join(root, '../shared/reference/peer-runs/sdv_gaussiancopula.json'), 'utf8'),
);
rows.push({
  job: `reference: SDV ${peer.sdv_version} GaussianCopula fit + sample 26,049 rows (quoted)`,
  seconds: peer.fit_s + peer.sample_s,
  'rows/s': peer.rows / (peer.fit_s + peer.sample_s),
  'peak RSS MB': '',
});

rmSync(tmp, { recursive: true, force: true });
console.log(
  JSON.stringify({
    title: 'Generation: synthesize, fit, sample (Gaussian copula)',
    dataset: 'fixtures/adult.csv (UCI Adult, 32,561 rows × 15 columns, `?` as NA)',
    rows,
    notes:
      'Best of 3 runs (2 for 1M rows). CLI rows include Node start-up (~0.1 s). Acceptance (issue 2): synthesize ≤ 5 s; 1M rows sampled and written ≤ 10 s with peak RSS ≤ 1 GB.',
  }),
);
