#!/usr/bin/env node
// Fidelity evaluation benchmark. Run after `npm run build` (imports dist/):
//
//   node benchmarks/evaluate.mjs [--case sdv_ctgan_e50] [--only no-target,target,html]
//
// Real = ../shared/reference/adult_train.csv (26,049 rows), synthetic = synthetic/<case>.csv
// (26,049 rows), holdout = adult_holdout.csv (6,512 rows), all read and typed the way the CLI
// does it (readTable → inferSchema on the real table → materialize). Each phase runs in its own
// child process so its peak RSS is its own:
//   no-target  evaluate() without a target: quality (both variants), diagnostics, accuracy with the
//              holdout ceiling, detection, distributions            (acceptance: ≤ 5 s on 2 cores)
//   target     the same with --target income (adds ML efficacy)      (acceptance: ≤ 60 s)
//   html       renderFidelityHtml() of the no-target report
// Prints one JSON object (last stdout line): per phase seconds (read, evaluate, total), per-step
// timings and peak RSS in MiB.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dist, loadReferenceCase, opt, peakRssMiB, round } from './reference-case.mjs';

const seconds = (t0) => (performance.now() - t0) / 1000;

async function phase(name, caseName) {
  const { evaluate } = await import(dist('fidelity/evaluate.js'));
  const { Rng } = await import(dist('rng.js'));
  const { train: real, synthetic, holdout, schema, readSeconds } = await loadReferenceCase(caseName);
  const t0 = performance.now();
  const report = await evaluate({
    real,
    synthetic,
    holdout,
    schema,
    rng: new Rng(0),
    ...(name === 'target' ? { target: 'income' } : {}),
  });
  const evaluateSeconds = seconds(t0);
  let htmlSeconds;
  let htmlBytes;
  if (name === 'html') {
    const { renderFidelityHtml } = await import(dist('fidelity/report-html.js'));
    const t1 = performance.now();
    const html = await renderFidelityHtml(report);
    htmlSeconds = round(seconds(t1));
    htmlBytes = html.length;
  }
  return {
    phase: name,
    realRows: real.numRows,
    syntheticRows: synthetic.numRows,
    holdoutRows: holdout.numRows,
    readSeconds: round(readSeconds),
    evaluateSeconds: round(evaluateSeconds),
    ...(htmlSeconds !== undefined ? { htmlSeconds, htmlBytes } : {}),
    steps: Object.fromEntries(Object.entries(report.timings).map(([k, v]) => [k, round(v)])),
    quality: round(report.summary.quality, 4),
    qualityAllPairs: round(report.summary.qualityAllPairs, 4),
    detectionAuc: report.summary.detectionAuc === null ? null : round(report.summary.detectionAuc, 4),
    efficacy: report.summary.efficacy === null ? null : round(report.summary.efficacy, 4),
    peakRssMiB: peakRssMiB(),
  };
}

const child = opt('phase', null);
const caseName = opt('case', 'sdv_ctgan_e50');
if (child) {
  const r = await phase(child, caseName);
  process.stdout.write(`${JSON.stringify(r)}\n`);
} else {
  const phases = (opt('only', 'no-target,target,html') ?? '').split(',').filter(Boolean);
  const rows = [];
  for (const p of phases) {
    const r = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--phase', p, '--case', caseName],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    if (r.status !== 0) throw new Error(`phase ${p} exited ${r.status}`);
    const row = JSON.parse(r.stdout.trim().split('\n').pop());
    const { steps, ...flat } = row;
    rows.push({
      ...flat,
      steps: Object.entries(steps)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    });
  }
  process.stdout.write(
    `${JSON.stringify({
      title: 'Fidelity evaluation (synthgate evaluate)',
      dataset: `Adult: real adult_train.csv vs synthetic/${caseName}.csv, holdout adult_holdout.csv (../shared/reference)`,
      rows,
      notes:
        'evaluateSeconds covers every metric (quality both variants, diagnostics, accuracy + ceiling, detection on 5,000 rows per side with 5-fold CV, distributions; plus ML efficacy for `target`). Acceptance: no target ≤ 5 s, target ≤ 60 s on 2 cores. SDMetrics 0.29 takes 0.5–0.7 s for its QualityReport alone on this pair (reference/sdmetrics/*.json).',
    })}\n`,
  );
}
