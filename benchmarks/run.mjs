#!/usr/bin/env node
/**
 * `npm run bench`: runs each benchmark script in its own Node process (so peak RSS is per job),
 * stores its JSON in benchmarks/results/<name>.json, and rewrites benchmarks/RESULTS.md.
 * A script prints one JSON object on its last stdout line: { title, dataset, rows: [{...}], notes? }.
 * `npm run bench -- synthesize evaluate` runs only the named ones.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(here, 'results');
mkdirSync(resultsDir, { recursive: true });

// Order matters only for the report; each entry is a script in this folder.
const ALL = ['synthesize', 'read-write', 'evaluate', 'audit', 'release', 'generators', 'tvae'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};

for (const name of wanted.length ? wanted : ALL) {
  const script = join(here, `${name}.mjs`);
  if (!existsSync(script)) {
    console.error(`skip ${name}: no ${name}.mjs`);
    continue;
  }
  console.error(`▶ ${name}`);
  const load = os.loadavg()[0];
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--expose-gc', script], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) {
    console.error(`✗ ${name} exited ${r.status}`);
    continue;
  }
  const result = parseResult(name, r.stdout);
  result.machine = { ...machine, loadAverageAtStart: Math.round(load * 100) / 100 };
  result.ranAt = new Date().toISOString();
  result.wallSeconds = (Date.now() - t0) / 1000;
  writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.error(`✓ ${name} (${result.wallSeconds.toFixed(1)} s)`);
}

/**
 * A script's result: its whole stdout as JSON, or its last line. Scripts that print a plain object of
 * phases ({ phase: {...figures} }) instead of { title, dataset, rows } are turned into rows.
 */
function parseResult(name, stdout) {
  let obj;
  try {
    obj = JSON.parse(stdout);
  } catch {
    obj = JSON.parse(stdout.trim().split('\n').pop());
  }
  if (Array.isArray(obj.rows)) return obj;
  const rows = Object.entries(obj)
    .filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v))
    .map(([k, v]) => ({
      job: k,
      ...Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x !== 'object')),
    }));
  return { title: name, dataset: obj.dataset ?? 'see the script', rows };
}

// RESULTS.md from every stored result, so a partial run keeps the other sections.
const fmt = (v) =>
  typeof v === 'number'
    ? Number.isInteger(v)
      ? v.toLocaleString('en-US')
      : v.toPrecision(4)
    : String(v ?? '');
let md =
  '# Benchmark results\n\nWritten by `npm run bench` (benchmarks/run.mjs) from benchmarks/results/*.json. Each section names its dataset and machine; rows marked *baseline* ran in the same process run for comparison.\n';
for (const name of ALL) {
  const f = join(resultsDir, `${name}.json`);
  if (!existsSync(f)) continue;
  const r = JSON.parse(readFileSync(f, 'utf8'));
  md += `\n## ${r.title}\n\nDataset: ${r.dataset}. Machine: ${r.machine.cores} × ${r.machine.cpu}, ${r.machine.memoryGiB ?? machine.memoryGiB} GiB, Node ${r.machine.node}; load average at start ${r.machine.loadAverageAtStart}. Run ${r.ranAt}.\n\n`;
  const cols = [...new Set(r.rows.flatMap((x) => Object.keys(x)))];
  md += `| ${cols.join(' | ')} |\n| ${cols.map(() => '---').join(' | ')} |\n`;
  for (const row of r.rows) md += `| ${cols.map((c) => fmt(row[c])).join(' | ')} |\n`;
  if (r.notes) md += `\n${r.notes}\n`;
}
writeFileSync(join(here, 'RESULTS.md'), md);
console.error(`wrote benchmarks/RESULTS.md (${readdirSync(resultsDir).length} result files)`);
