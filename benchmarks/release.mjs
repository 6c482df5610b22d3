/**
 * Issue 5's figure: `synthgate release` on Adult end to end (split, fit, sample, filter, fidelity,
 * every audit, policy, reports, manifest) — wall seconds and peak RSS — beside its parts in the same
 * run: `synthesize` alone (the baseline: generation without verification), `evaluate` and `audit`
 * on the release's own train/holdout/synthetic files are not re-run here; their timings are in the
 * release's report.json.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adult, timedCli } from './timed-cli.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'synthgate-bench-release-'));

const rows = [];
const rel = timedCli(['release', adult, '--na', '?', '--out', join(tmp, 'rel'), '--quiet']);
const manifest = JSON.parse(readFileSync(join(tmp, 'rel/manifest.json'), 'utf8'));
rows.push({
  job: 'release adult.csv (copula, default policy)',
  seconds: rel.seconds,
  'peak RSS MB': rel.peakRssMB,
  verdict: manifest.outcome.passed ? 'PASS' : 'FAIL',
  'exit code': rel.status,
});
const ver = timedCli(['verify', join(tmp, 'rel'), '--quiet']);
rows.push({
  job: 'verify the release directory',
  seconds: ver.seconds,
  'peak RSS MB': ver.peakRssMB,
  verdict: ver.status === 0 ? 'intact' : 'problem',
  'exit code': ver.status,
});
const syn = timedCli(['synthesize', adult, '--na', '?', '--out', join(tmp, 's.csv'), '--quiet']);
rows.push({
  job: 'baseline: synthesize only (no verification)',
  seconds: syn.seconds,
  'peak RSS MB': syn.peakRssMB,
  verdict: '',
  'exit code': syn.status,
});
rmSync(tmp, { recursive: true, force: true });
console.log(
  JSON.stringify({
    title: 'Release gate (synthgate release)',
    dataset:
      'fixtures/adult.csv (32,561 rows; 80/20 split: 26,049 train, 6,512 holdout; 26,049 synthetic rows)',
    rows,
    notes:
      'Acceptance (issue 5): release end to end ≤ 60 s on 2 cores and passes the default policy. SDMetrics needs ~113 s for one DCR metric on a 5,000-row subsample on this machine kind (reference/sdmetrics).',
  }),
);
