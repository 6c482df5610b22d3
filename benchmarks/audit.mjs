#!/usr/bin/env node
// Privacy-audit benchmark. Run after `npm run build` (imports dist/):
//
//   node benchmarks/audit.mjs [--case sdv_ctgan_e50] [--only dcr-core,dcr,audit] [--threads N]
//
// Train = ../shared/reference/adult_train.csv (26,049 rows), synthetic = synthetic/<case>.csv
// (26,049 rows; `copy_train` = the training split itself), holdout = adult_holdout.csv (6,512 rows),
// read and typed as the CLI does (readTable → inferSchema on train, with its privacy roles →
// materialize). Each phase runs in its own child process, so its peak RSS is its own:
//   dcr-core  the exact DCR searches themselves: every synthetic row to all 26,049 training rows
//             (nearest and second nearest, for NNDR) and to all 6,512 holdout rows
//             (acceptance: ≤ 15 s on 2 cores; SDMetrics needs ~113 s for one DCR metric on 5,000 rows)
//   dcr       dcr(): all DCR figures (adds random → train, holdout → train, the equal-size comparison)
//   audit     audit() with every metric at its defaults, then the JSON and HTML reports
//             (acceptance: ≤ 60 s on 2 cores, peak RSS ≤ 1 GB)
// Prints one JSON object (last stdout line) in benchmarks/run.mjs's format: one row per phase with
// wall seconds, CPU seconds (user + system, all threads), threads and peak RSS in MiB.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { dist, loadReferenceCase, opt, peakRssMiB, round } from './reference-case.mjs';

/** Wall and CPU time of `fn`. */
async function timed(fn) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6 };
}

async function phase(name, caseName, threads) {
  const { Rng } = await import(dist('rng.js'));
  const { train, synthetic, holdout, schema } = await loadReferenceCase(caseName);
  const tables = { train, synthetic, holdout };
  const row = { phase: name, case: caseName, threads };
  if (name === 'dcr-core') {
    const { alignTables } = await import(dist('privacy/align.js'));
    const { distanceSpace, encodeRows } = await import(dist('privacy/distance.js'));
    const { nearestNeighbors } = await import(dist('privacy/nn-search.js'));
    const t = await timed(async () => {
      const al = alignTables([train, synthetic, holdout], synthetic.names);
      const space = distanceSpace(al, [0]);
      const [tr, sy, ho] = al.tables.map((x) => encodeRows(space, x));
      const toTrain = await nearestNeighbors(tr, sy, { k: 2, threads });
      const toHoldout = await nearestNeighbors(ho, sy, { k: 1, threads });
      return { pairs: sy.n * (tr.n + ho.n), results: toTrain.n + toHoldout.n };
    });
    Object.assign(row, {
      seconds: round(t.seconds),
      cpuSeconds: round(t.cpuSeconds),
      distancePairs: t.value.pairs,
    });
  } else if (name === 'dcr') {
    const { dcr } = await import(dist('privacy/dcr.js'));
    const t = await timed(() => dcr(tables, { rng: new Rng(0), threads }));
    Object.assign(row, {
      seconds: round(t.seconds),
      cpuSeconds: round(t.cpuSeconds),
      closerToTrain: round(t.value.closerToTrain.share.value, 4),
      DCROverfittingProtection: round(t.value.sdmetrics.DCROverfittingProtection.score, 4),
      DCRBaselineProtection: round(t.value.sdmetrics.DCRBaselineProtection.score, 4),
    });
  } else {
    const { audit } = await import(dist('privacy/audit.js'));
    const { auditReportToJson } = await import(dist('privacy/report-json.js'));
    const { renderAuditHtml } = await import(dist('privacy/report-html.js'));
    const t = await timed(() => audit({ ...tables, schema, rng: new Rng(0), threads }));
    const r = await timed(async () => {
      const json = auditReportToJson(t.value);
      const html = await renderAuditHtml(t.value);
      return json.length + html.length;
    });
    const crit = Object.fromEntries(
      t.value.criteria.map((c) => [c.criterion.replace(' ', '-'), c.risk ? round(c.risk.value, 4) : null]),
    );
    Object.assign(row, {
      seconds: round(t.seconds),
      cpuSeconds: round(t.cpuSeconds),
      reportSeconds: round(r.seconds),
      errors: t.value.errors.length,
      ...crit,
      steps: Object.fromEntries(Object.entries(t.value.timingsMs).map(([k, v]) => [k, round(v / 1000)])),
    });
  }
  row.peakRssMiB = peakRssMiB();
  return row;
}

const child = opt('child', null);
const caseName = opt('case', 'sdv_ctgan_e50');
const threads = Number(opt('threads', String(Math.min(8, os.availableParallelism()))));
if (child) {
  console.log(JSON.stringify(await phase(child, caseName, threads)));
} else {
  const phases = (opt('only', 'dcr-core,dcr,audit') ?? '').split(',').filter(Boolean);
  const rows = [];
  for (const p of phases) {
    const load = os.loadavg()[0];
    const r = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--child', p, '--case', caseName, '--threads', String(threads)],
      {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    if (r.status !== 0) throw new Error(`phase ${p} exited ${r.status}`);
    const row = JSON.parse(r.stdout.trim().split('\n').pop());
    const { steps, ...flat } = row;
    rows.push({ ...flat, loadAverage: round(load, 2) });
    if (steps) console.error(`audit steps (s): ${JSON.stringify(steps)}`);
  }
  console.log(
    JSON.stringify({
      title: 'Privacy audit (synthgate audit)',
      dataset: `Adult reference split: train 26,049, holdout 6,512, synthetic ${caseName} 26,049 rows`,
      rows,
      notes:
        'Acceptance: dcr-core ≤ 15 s and audit ≤ 60 s on 2 cores, peak RSS ≤ 1 GB. DCR is exact (no approximate search). ' +
        'cpuSeconds adds all threads; on a shared machine wall time grows with the load average.',
    }),
  );
}
