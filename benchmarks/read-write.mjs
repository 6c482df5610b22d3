#!/usr/bin/env node
// Ingest/output benchmark. Run after `npm run build` (imports dist/):
//
//   node benchmarks/read-write.mjs [--reads 5] [--rows 1000000] [--big] [--big-bytes 1000000000] [--only a,b]
//
// Each phase runs in its own child process so its peak RSS is its own. Phases:
//   read-adult       readCsv(fixtures/adult.csv) `--reads` times (32,561 rows × 15 columns, 3.5 MB)
//   write            writeCsv of `--rows` rows × 15 short strings (Adult rows, cycled) to a temp file
//   stringify-stream the same rows through csv-stringify's stream API (baseline)
//   stringify-sync   the same rows through csv-stringify/sync on chunks of 10,000 rows (baseline)
//   read-big         (--big) readCsv of a ~1 GB CSV made in the temp folder from Adult rows, then deleted
// Prints one JSON object: per phase rows, seconds, rows/s, MB/s and peak RSS (MiB).
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ADULT = join(ROOT, 'fixtures/adult.csv');
const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? dflt : Number(args[i + 1]);
};

const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = (t0) => (performance.now() - t0) / 1000;
const round = (x, d = 3) => Number(x.toFixed(d));

/** Adult's data rows as arrays of strings (plain split: the file has no quoted fields). */
function adultRows() {
  const lines = readFileSync(ADULT, 'utf8').trimEnd().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

function* cycled(rows, n) {
  for (let i = 0; i < n; i++) yield rows[i % rows.length];
}

const phases = {
  async 'read-adult'() {
    const { readCsv } = await import(join(ROOT, 'dist/io/csv-reader.js'));
    const reads = flag('reads', 5);
    const times = [];
    let rows = 0;
    for (let i = 0; i < reads; i++) {
      const t0 = performance.now();
      rows = (await readCsv(ADULT, { naTokens: ['', '?'] })).numRows;
      times.push(seconds(t0));
    }
    const bytes = statSync(ADULT).size;
    const best = Math.min(...times);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    return {
      rows,
      reads,
      seconds: times.map((t) => round(t)),
      bestSeconds: round(best),
      meanSeconds: round(mean),
      rowsPerSecond: Math.round(rows / mean),
      mbPerSecond: round(bytes / 1e6 / mean, 1),
    };
  },

  async write() {
    const { writeCsv } = await import(join(ROOT, 'dist/io/csv-writer.js'));
    const n = flag('rows', 1_000_000);
    const { header, rows } = adultRows();
    const dir = mkdtempSync(join(tmpdir(), 'synthgate-bench-'));
    try {
      const t0 = performance.now();
      const result = await writeCsv(join(dir, 'out.csv'), header, cycled(rows, n));
      const s = seconds(t0);
      return { rows: result.rows, bytes: result.bytes, seconds: round(s), rowsPerSecond: Math.round(n / s) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },

  async 'stringify-stream'() {
    const { stringify } = await import('csv-stringify');
    const n = flag('rows', 1_000_000);
    const { header, rows } = adultRows();
    const dir = mkdtempSync(join(tmpdir(), 'synthgate-bench-'));
    try {
      const t0 = performance.now();
      const s = stringify();
      const out = createWriteStream(join(dir, 'out.csv'));
      s.pipe(out);
      s.write(header);
      for (const row of cycled(rows, n)) if (!s.write(row)) await once(s, 'drain');
      s.end();
      await once(out, 'finish');
      const sec = seconds(t0);
      return { rows: n, seconds: round(sec), rowsPerSecond: Math.round(n / sec) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },

  async 'stringify-sync'() {
    const { stringify } = await import('csv-stringify/sync');
    const n = flag('rows', 1_000_000);
    const { header, rows } = adultRows();
    const dir = mkdtempSync(join(tmpdir(), 'synthgate-bench-'));
    try {
      const t0 = performance.now();
      const out = createWriteStream(join(dir, 'out.csv'));
      let chunk = [header];
      for (const row of cycled(rows, n)) {
        chunk.push(row);
        if (chunk.length === 10_000) {
          if (!out.write(stringify(chunk))) await once(out, 'drain');
          chunk = [];
        }
      }
      out.end(stringify(chunk));
      await once(out, 'finish');
      const sec = seconds(t0);
      return { rows: n, seconds: round(sec), rowsPerSecond: Math.round(n / sec) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },

  async 'read-big'() {
    const { readCsv } = await import(join(ROOT, 'dist/io/csv-reader.js'));
    const target = flag('big-bytes', 1_000_000_000);
    const dir = mkdtempSync(join(tmpdir(), 'synthgate-bench-'));
    const path = join(dir, 'big.csv');
    try {
      const text = readFileSync(ADULT, 'utf8');
      const body = Buffer.from(text.slice(text.indexOf('\n') + 1));
      const out = createWriteStream(path);
      out.write(text.slice(0, text.indexOf('\n') + 1));
      let written = 0;
      while (written < target) {
        if (!out.write(body)) await once(out, 'drain');
        written += body.length;
      }
      out.end();
      await once(out, 'finish');
      const bytes = statSync(path).size;
      const rssBefore = peakRssMiB();
      const t0 = performance.now();
      const raw = await readCsv(path, { naTokens: ['', '?'] });
      const s = seconds(t0);
      const codesMiB = Math.round((raw.numRows * raw.columns.length * 4) / 2 ** 20);
      return {
        bytes,
        rows: raw.numRows,
        seconds: round(s, 1),
        rowsPerSecond: Math.round(raw.numRows / s),
        mbPerSecond: round(bytes / 1e6 / s, 1),
        peakRssBeforeReadMiB: rssBefore,
        codesMiB,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

const phase = args[args.indexOf('--phase') + 1];
if (args.includes('--phase')) {
  const result = await phases[phase]();
  process.stdout.write(`${JSON.stringify({ ...result, peakRssMiB: peakRssMiB() })}\n`);
} else {
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
  const all = [
    'read-adult',
    'write',
    'stringify-stream',
    'stringify-sync',
    ...(args.includes('--big') ? ['read-big'] : []),
  ];
  const run = only ?? all;
  const results = {};
  for (const name of run) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args, '--phase', name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    });
    if (child.status !== 0) throw new Error(`phase ${name} failed with exit ${child.status}`);
    results[name] = JSON.parse(child.stdout.trim().split('\n').at(-1));
  }
  process.stdout.write(`${JSON.stringify({ node: process.version, ...results }, null, 2)}\n`);
}
