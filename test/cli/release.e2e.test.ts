/**
 * Issue 5 acceptance through the built CLI: release, verify, gate, policy, blend, collapse, and
 * interruption. Every long run (three releases, two gates, collapse, four interrupted releases) starts
 * at once in the first beforeAll and each suite awaits the run it needs, so the processes share the
 * cores instead of queueing (about 90 s of CPU in all; 2 minutes wall on a busy 2-core machine).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset.js';
import { DEFAULT_POLICY } from '../../src/release/default-policy.js';
import { type Manifest, manifestDigest } from '../../src/release/manifest.js';
import type { Policy } from '../../src/release/policy.js';
import { splitHoldout } from '../../src/release/split.js';
import { tableCsvSha256 } from '../../src/release/table-hash.js';
import { Rng } from '../../src/rng.js';
import { ADULT, CLI, type CliResult, ROOT, runCli } from './run-cli.js';

const REFERENCE = resolve(import.meta.dirname, '../../../shared/reference');
const TRAIN = join(REFERENCE, 'adult_train.csv');
const HOLDOUT = join(REFERENCE, 'adult_holdout.csv');
const SHUFFLED = join(REFERENCE, 'synthetic/shuffle_columns.csv');

const work = mkdtempSync(join(tmpdir(), 'synthgate-release-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
const HEX64 = /^[0-9a-f]{64}$/;
const ADULT_HEADER = readFileSync(ADULT, 'utf8').split('\n')[0]!.split(',');
const RELEASE_FILES = ['manifest.json', 'report.html', 'report.json', 'synthetic.csv'];
/** Files a run may leave behind that start with a dot: temp files (`.<name>.tmp-<pid>-<n>`). */
const dotFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('.')) : []);
/** The stderr lines of a run, without empty ones. */
const lines = (s: string) => s.split('\n').filter((l) => l !== '');

const dirs = {
  pass: join(work, 'pass'),
  waived: join(work, 'waived'),
  failed: join(work, 'failed'),
  killEarlyTerm: join(work, 'kill-early-term'),
  killEarlyInt: join(work, 'kill-early-int'),
  killStagedTerm: join(work, 'kill-staged-term'),
  killStagedInt: join(work, 'kill-staged-int'),
};
const files = {
  strict: join(work, 'strict.json'),
  waiver: join(work, 'waiver.json'),
  permissive: join(work, 'permissive.json'),
  gateCopy: join(work, 'gate-copy.json'),
  gateShuffled: join(work, 'gate-shuffled.json'),
  collapse: join(work, 'collapse.json'),
};

/** The default policy, but demanding quality ≥ 0.999: no generator passes it. */
const strict: Policy = {
  ...structuredClone(DEFAULT_POLICY),
  name: 'strict-quality',
  checks: DEFAULT_POLICY.checks.map((c) => (c.id === 'quality' ? { ...c, threshold: 0.999 } : c)),
};
const WAIVER = {
  check: 'quality',
  justification: 'Pilot release for internal testing; fidelity below target accepted by the DPO (ticket 42).',
  approvedBy: 'J. Doe',
};
const waived: Policy = { ...structuredClone(strict), name: 'strict-quality-waived', waivers: [WAIVER] };
const permissive: Policy = {
  synthgatePolicy: 1,
  name: 'permissive',
  checks: [{ id: 'quality', figure: 'fidelity.quality', op: '>=', threshold: 0.5 }],
};

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether the staged `.synthetic.csv.tmp-…` was seen before the signal was sent. */
  sawStaged: boolean;
  stderr: string;
}

/**
 * Spawn `release` and interrupt it: `early` sends the signal 1.5 s after the start (reading or fitting),
 * `staged` as soon as the synthetic CSV's temp file appears in the out dir (written, not yet renamed:
 * the reports and the manifest are being written), the worst moment for a partial file.
 */
function interruptedRelease(
  out: string,
  signal: 'SIGTERM' | 'SIGINT',
  when: 'early' | 'staged',
): Promise<Interrupted> {
  mkdirSync(out, { recursive: true });
  const args =
    when === 'early'
      ? ['release', ADULT, '--na', '?', '--out', out, '--quiet']
      : [
          'release',
          ADULT,
          '--na',
          '?',
          '--out',
          out,
          '--rows',
          '2000',
          '--policy',
          files.permissive,
          '--quiet',
        ];
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let sawStaged = false;
  let timer: NodeJS.Timeout;
  if (when === 'early') timer = setTimeout(() => child.kill(signal), 1500);
  else
    timer = setInterval(() => {
      if (readdirSync(out).some((f) => f.startsWith('.synthetic.csv.tmp-'))) {
        sawStaged = true;
        child.kill(signal);
        clearInterval(timer);
      }
    }, 5);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      clearInterval(timer);
      done({ code, signal: sig, sawStaged, stderr });
    });
  });
}

/** Runs started at once (see the file comment); each suite awaits what it needs. */
const runs = {} as {
  pass: Promise<CliResult>;
  waived: Promise<CliResult>;
  failed: Promise<CliResult>;
  gateCopy: Promise<CliResult>;
  gateShuffled: Promise<CliResult>;
  collapse: Promise<CliResult>;
  killEarlyTerm: Promise<Interrupted>;
  killEarlyInt: Promise<Interrupted>;
  killStagedTerm: Promise<Interrupted>;
  killStagedInt: Promise<Interrupted>;
};

beforeAll(() => {
  writeFileSync(files.strict, JSON.stringify(strict));
  writeFileSync(files.waiver, JSON.stringify(waived));
  writeFileSync(files.permissive, JSON.stringify(permissive));
  // A synthetic.csv from "an earlier run": a failing release must not leave it beside its verdict.
  mkdirSync(dirs.failed);
  writeFileSync(join(dirs.failed, 'synthetic.csv'), 'age\n1\n');
  const gate = (synthetic: string, json: string) =>
    runCli(['gate', '--train', TRAIN, '--holdout', HOLDOUT, '--synthetic', synthetic, '--json', json]);
  runs.pass = runCli(['release', ADULT, '--na', '?', '--out', dirs.pass, '--json']);
  runs.waived = runCli([
    'release',
    ADULT,
    '--na',
    '?',
    '--out',
    dirs.waived,
    '--policy',
    files.waiver,
    '--json',
  ]);
  runs.failed = runCli([
    'release',
    ADULT,
    '--na',
    '?',
    '--out',
    dirs.failed,
    '--policy',
    files.strict,
    '--rows',
    '2000',
  ]);
  runs.gateCopy = gate(TRAIN, files.gateCopy);
  runs.gateShuffled = gate(SHUFFLED, files.gateShuffled);
  runs.collapse = runCli([
    'collapse',
    ADULT,
    '--na',
    '?',
    '--generations',
    '2',
    '--anchor',
    '0.2',
    '--json',
    files.collapse,
    '--quiet',
  ]);
  runs.killEarlyTerm = interruptedRelease(dirs.killEarlyTerm, 'SIGTERM', 'early');
  runs.killEarlyInt = interruptedRelease(dirs.killEarlyInt, 'SIGINT', 'early');
  runs.killStagedTerm = interruptedRelease(dirs.killStagedTerm, 'SIGTERM', 'staged');
  runs.killStagedInt = interruptedRelease(dirs.killStagedInt, 'SIGINT', 'staged');
});

const LONG = 400_000;

describe('release on Adult with the default policy', () => {
  let result: CliResult;
  let manifest: Manifest;
  beforeAll(async () => {
    result = await runs.pass;
    manifest = readJson(join(dirs.pass, 'manifest.json'));
  }, LONG);

  it('exits 0 and writes exactly synthetic.csv, report.html, report.json, manifest.json (no temp file)', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(dirs.pass).sort()).toEqual(RELEASE_FILES);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ passed: true, failing: [] });
    // Wall time of the whole release (split, fit, sample, filter, fidelity, every audit, reports).
    console.info(
      `release on Adult: ${summary.seconds} s (run concurrently with the other tests of this file)`,
    );
    const csv: string[][] = parse(readFileSync(join(dirs.pass, 'synthetic.csv')));
    expect(csv[0]).toEqual(ADULT_HEADER);
    expect(csv.length - 1).toBe(26049);
  });

  it('the manifest records input, split and output hashes, row counts, schema, generator, seed, versions, policy, every check', () => {
    expect(manifest).toMatchObject({
      synthgateManifest: 1,
      tool: {
        name: 'synthgate',
        version: readJson(join(ROOT, 'package.json')).version,
        node: process.version,
      },
      seed: 0,
      input: { path: ADULT, sha256: sha(ADULT), rows: 32561, bytes: statSync(ADULT).size },
      split: { holdoutFraction: 0.2, train: { rows: 26049 }, holdout: { rows: 6512 } },
      output: {
        path: 'synthetic.csv',
        sha256: sha(join(dirs.pass, 'synthetic.csv')),
        rows: 26049,
        bytes: statSync(join(dirs.pass, 'synthetic.csv')).size,
      },
      generator: { name: 'copula' },
      differentialPrivacy: null,
      policy: DEFAULT_POLICY,
      outcome: { policy: 'synthgate-default', passed: true, failing: [] },
    });
    expect(manifest.split.train.sha256).toMatch(HEX64);
    expect(manifest.split.holdout.sha256).toMatch(HEX64);
    expect(manifest.generator.modelSha256).toMatch(HEX64);
    expect(manifest.digest).toMatch(HEX64);
    expect(manifest.schema.columns.map((c) => c.name)).toEqual(ADULT_HEADER);
    expect(manifest.command).toEqual(expect.arrayContaining(['release', '--out', dirs.pass]));
    expect(Date.parse(manifest.completedAt)).toBeGreaterThanOrEqual(Date.parse(manifest.createdAt));
    expect(manifest.filter).toMatchObject({ requested: 26049, kept: 26049 });
    // Every check of the policy, with its figure, compared number and verdict.
    expect(manifest.outcome.checks.map((c) => c.id)).toEqual(DEFAULT_POLICY.checks.map((c) => c.id));
    for (const c of manifest.outcome.checks) {
      if (c.id === 'epsilon') {
        expect(c.verdict).toBe('not-applicable');
        continue;
      }
      expect(c.verdict, c.id).toBe('pass');
      expect(manifest.figures[c.figure], c.figure).toBeDefined();
      expect(typeof c.compared).toBe('number');
    }
    for (const r of manifest.reports) expect(r.sha256, r.path).toBe(sha(join(dirs.pass, r.path)));
    expect(manifest.reports.map((r) => r.path).sort()).toEqual(['report.html', 'report.json']);
  });

  it('the split hashes can be re-derived from the input, the schema, the seed and the fraction', async () => {
    const ds = await loadDataset(ADULT, { schema: manifest.schema });
    const split = splitHoldout(
      ds.table.numRows,
      manifest.split.holdoutFraction,
      new Rng(manifest.seed).fork('split'),
    );
    expect(tableCsvSha256(ds.table.take(split.train), manifest.schema).sha256).toBe(
      manifest.split.train.sha256,
    );
    expect(tableCsvSha256(ds.table.take(split.holdout), manifest.schema).sha256).toBe(
      manifest.split.holdout.sha256,
    );
  });

  it('verify exits 0 on the untouched directory', async () => {
    const v = await runCli(['verify', dirs.pass]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stderr).toContain(`verified: ${dirs.pass} is intact; recorded verdict PASS`);
  });

  it('verify exits 3 after one byte of synthetic.csv is edited', async () => {
    const dir = join(work, 'tampered-csv');
    cpSync(dirs.pass, dir, { recursive: true });
    const path = join(dir, 'synthetic.csv');
    const bytes = readFileSync(path);
    const at = bytes.indexOf(0x0a) + 1; // first byte of the first data row: a digit of `age`
    bytes[at] = bytes[at] === 0x35 ? 0x36 : 0x35;
    writeFileSync(path, bytes);
    const v = await runCli(['verify', dir, '--quiet']);
    expect(v.code).toBe(3);
    expect(lines(v.stderr)).toHaveLength(1);
    expect(v.stderr).toMatch(/^error\[E_VERIFY_FAILED\] .*synthetic\.csv was modified/);
  });

  it('verify exits 3 after one figure of manifest.json is edited, even with the digest recomputed', async () => {
    const edited = structuredClone(manifest);
    edited.figures['fidelity.quality']!.value = 0.99;
    const dir = join(work, 'tampered-figure');
    cpSync(dirs.pass, dir, { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(edited, null, 2)}\n`);
    const v = await runCli(['verify', dir, '--quiet']);
    expect(v.code).toBe(3);
    expect(v.stderr).toMatch(/^error\[E_VERIFY_FAILED\] .*manifest digest does not match/);
    // Someone who also recomputes the digest is still caught: the figure no longer follows from report.json.
    edited.digest = manifestDigest(edited);
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(edited, null, 2)}\n`);
    const again = await runCli(['verify', dir, '--quiet']);
    expect(again.code).toBe(3);
    expect(again.stderr).not.toContain('digest');
    expect(again.stderr).toContain(
      'figures in the manifest differ from those in report.json: fidelity.quality',
    );
  });

  it('verify of a directory without a release exits 2 with one error line', async () => {
    const v = await runCli(['verify', join(work, 'no-release-here')]);
    expect(v.code).toBe(2);
    expect(lines(v.stderr)).toHaveLength(1);
    expect(v.stderr).toMatch(/^error\[E_MANIFEST_READ\] cannot read manifest\.json: .+Fix: .+/);
  });

  it('verify --public-key fails on an unsigned manifest', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const key = join(work, 'pub.pem');
    writeFileSync(key, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const v = await runCli(['verify', dirs.pass, '--public-key', key, '--quiet']);
    expect(v.code).toBe(3);
    expect(v.stderr).toContain('manifest is not signed');
  });
});

describe('release determinism and waivers', () => {
  let result: CliResult;
  let manifest: Manifest;
  beforeAll(async () => {
    await runs.pass;
    result = await runs.waived;
    manifest = readJson(join(dirs.waived, 'manifest.json'));
  }, LONG);

  it('the same seed gives byte-identical synthetic.csv and identical figures (second run: same seed, waived policy)', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(sha(join(dirs.waived, 'synthetic.csv'))).toBe(sha(join(dirs.pass, 'synthetic.csv')));
    const first: Manifest = readJson(join(dirs.pass, 'manifest.json'));
    expect(manifest.figures).toEqual(first.figures);
    expect(manifest.split).toEqual(first.split);
    expect(manifest.generator.modelSha256).toBe(first.generator.modelSha256);
  });

  it('a waived failing check passes the release, and the manifest and report record the waiver', async () => {
    expect(readdirSync(dirs.waived).sort()).toEqual(RELEASE_FILES);
    expect(manifest.policy.waivers).toEqual([WAIVER]);
    const quality = manifest.outcome.checks.find((c) => c.id === 'quality')!;
    expect(quality).toMatchObject({ verdict: 'waived', threshold: 0.999, waiver: WAIVER });
    expect(quality.compared).toBeLessThan(0.999);
    expect(manifest.outcome).toMatchObject({ passed: true, failing: [] });
    expect(readFileSync(join(dirs.waived, 'report.html'), 'utf8')).toContain(WAIVER.justification);
    const v = await runCli(['verify', dirs.waived, '--quiet']);
    expect(v.code, v.stderr).toBe(0);
  });
});

describe('a failing release', () => {
  let result: CliResult;
  beforeAll(async () => {
    result = await runs.failed;
  }, LONG);

  it('exits 3 naming the failing check, writes the reports and manifest, and no synthetic.csv (a stale one is removed)', () => {
    expect(result.code, result.stderr).toBe(3);
    const last = lines(result.stderr).at(-1)!;
    expect(last).toMatch(
      /^error\[E_GATE_FAILED\] policy "strict-quality" refused the synthetic data: failing checks .*quality/,
    );
    expect(result.stderr).not.toContain('    at ');
    expect(readdirSync(dirs.failed).sort()).toEqual(['manifest.json', 'report.html', 'report.json']);
    const manifest: Manifest = readJson(join(dirs.failed, 'manifest.json'));
    expect(manifest.output).toBeNull();
    expect(manifest.outcome.passed).toBe(false);
    expect(manifest.outcome.failing).toContain('quality');
    expect(manifest.outcome.checks.find((c) => c.id === 'quality')).toMatchObject({
      verdict: 'fail',
      threshold: 0.999,
    });
    const report = readJson(join(dirs.failed, 'report.json'));
    expect(report.verdict).toEqual(manifest.outcome);
    expect(readFileSync(join(dirs.failed, 'report.html'), 'utf8')).toContain('quality');
  });

  it('verify exits 0 (the failure is faithfully recorded), and 3 if a synthetic.csv is slipped in', async () => {
    const v = await runCli(['verify', dirs.failed]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stderr).toContain('recorded verdict FAIL');
    const dir = join(work, 'failed-with-csv');
    cpSync(dirs.failed, dir, { recursive: true });
    cpSync(join(dirs.pass, 'synthetic.csv'), join(dir, 'synthetic.csv'));
    const slipped = await runCli(['verify', dir, '--quiet']);
    expect(slipped.code).toBe(3);
    expect(slipped.stderr).toContain('synthetic.csv exists although the release failed');
  });
});

describe('a release interrupted by a signal leaves no synthetic.csv and no partial file', () => {
  const cases = [
    ['SIGTERM', 'early', 'killEarlyTerm', 143],
    ['SIGINT', 'early', 'killEarlyInt', 130],
    ['SIGTERM', 'staged', 'killStagedTerm', 143],
    ['SIGINT', 'staged', 'killStagedInt', 130],
  ] as const;
  it.each(cases)(
    '%s %s (after 1.5 s / while synthetic.csv is staged)',
    async (signal, when, key, exitCode) => {
      const r = await runs[key];
      if (when === 'staged') {
        // Once a temp file exists, synthgate's handlers run: temp files removed, exit 128 + signal number.
        expect(r.sawStaged, 'the staged CSV was seen before the signal').toBe(true);
        expect(r.code, r.stderr).toBe(exitCode);
      } else
        expect(r.code === exitCode || r.signal === signal, `${r.code} ${r.signal} ${r.stderr}`).toBe(true);
      expect(r.stderr).not.toContain('    at ');
      const dir = dirs[key];
      expect(existsSync(join(dir, 'synthetic.csv'))).toBe(false);
      expect(dotFiles(dir)).toEqual([]);
    },
    LONG,
  );
});

describe('gate on tables made elsewhere', () => {
  it(
    'an exact copy of the training table fails with exit 3, naming the failing checks',
    async () => {
      const r = await runs.gateCopy;
      expect(r.code, r.stderr).toBe(3);
      const last = lines(r.stderr).at(-1)!;
      expect(last).toMatch(/^error\[E_GATE_FAILED\] /);
      for (const id of ['unique-rows-copied', 'dcr-share', 'membership-inference', 'singling-out-univariate'])
        expect(last).toContain(id);
      const verdict = readJson(files.gateCopy).verdict;
      for (const id of ['unique-rows-copied', 'dcr-share', 'membership-inference', 'singling-out-univariate'])
        expect(verdict.failing).toContain(id);
    },
    LONG,
  );

  it(
    'a column-shuffled copy passes the memorization checks and fails univariate singling-out',
    async () => {
      const r = await runs.gateShuffled;
      expect(r.code, r.stderr).toBe(3);
      const verdict = readJson(files.gateShuffled).verdict;
      const by = Object.fromEntries(
        verdict.checks.map((c: { id: string; verdict: string }) => [c.id, c.verdict]),
      );
      expect(by).toMatchObject({
        'unique-rows-copied': 'pass',
        'identifiers-replayed': 'pass',
        'dcr-share': 'pass',
        'membership-inference': 'pass',
        'singling-out-univariate': 'fail',
      });
      expect(lines(r.stderr).at(-1)).toContain('singling-out-univariate');
    },
    LONG,
  );
});

describe('policy init / policy check', () => {
  it('init writes the default policy, which check accepts', async () => {
    const path = join(work, 'p.json');
    const init = await runCli(['policy', 'init', '--out', path, '--quiet']);
    expect(init.code, init.stderr).toBe(0);
    expect(readJson(path)).toEqual(DEFAULT_POLICY);
    const check = await runCli(['policy', 'check', path]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toBe(
      `policy "synthgate-default": ${DEFAULT_POLICY.checks.length} checks, 0 waivers — valid\n`,
    );
  });

  it('a policy with an unknown key exits 2 with one error[E_POLICY] line (check and release alike)', async () => {
    const path = join(work, 'unknown-key.json');
    writeFileSync(path, JSON.stringify({ ...DEFAULT_POLICY, maxRisk: 0.05 }));
    const check = await runCli(['policy', 'check', path]);
    expect(check.code).toBe(2);
    expect(lines(check.stderr)).toHaveLength(1);
    expect(check.stderr).toMatch(
      /^error\[E_POLICY\] unknown key "maxRisk" \(file .*unknown-key\.json, at maxRisk\)\. Fix: .+\n$/,
    );
    const out = join(work, 'never-written');
    const release = await runCli(['release', ADULT, '--na', '?', '--out', out, '--policy', path]);
    expect(release.code).toBe(2);
    expect(release.stderr).toMatch(/^error\[E_POLICY\] /);
    expect(existsSync(out)).toBe(false);
  });
});

describe('blend', () => {
  it(
    'mixes 30 % real rows with the released ones, labels each row, and warns',
    async () => {
      await runs.pass;
      const out = join(work, 'b.csv');
      const manifest: Manifest = readJson(join(dirs.pass, 'manifest.json'));
      const synthetic = join(dirs.pass, 'synthetic.csv');
      const r = await runCli([
        'blend',
        '--real',
        ADULT,
        '--synthetic',
        synthetic,
        '--ratio',
        '0.3',
        '--out',
        out,
        '--manifest',
        join(dirs.pass, 'manifest.json'),
        '--na',
        '?',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/^warning: .*7815 REAL rows.*must not be shared/m);
      const rows: string[][] = parse(readFileSync(out));
      expect(rows[0]).toEqual([...ADULT_HEADER, '_source']);
      const body = rows.slice(1);
      expect(body).toHaveLength(26049);
      const label = `synthetic:${manifest.generator.modelSha256}`;
      const real = body.filter((row) => row.at(-1) === 'real');
      const synth = body.filter((row) => row.at(-1) === label);
      expect(real).toHaveLength(Math.round(0.3 * 26049));
      expect(real.length + synth.length).toBe(body.length);
      // Each row is copied verbatim from its source (nulls written back as `?`).
      const key = (row: string[]) => row.slice(0, ADULT_HEADER.length).join(',');
      const adultRows = new Set(readFileSync(ADULT, 'utf8').trim().split('\n').slice(1));
      const syntheticRows = new Set(readFileSync(synthetic, 'utf8').trim().split('\n').slice(1));
      expect(real.every((row) => adultRows.has(key(row)))).toBe(true);
      expect(synth.every((row) => syntheticRows.has(key(row)))).toBe(true);
    },
    LONG,
  );
});

describe('collapse', () => {
  it(
    'runs 2 generations with and without a 0.2 anchor, with figures in range',
    async () => {
      const r = await runs.collapse;
      expect(r.code, r.stderr).toBe(0);
      const c = readJson(files.collapse);
      expect(c).toMatchObject({ synthgateCollapse: 1, generator: 'copula', seed: 0, rows: 32561 });
      expect(c.series.map((s: { anchor: number }) => s.anchor)).toEqual([0, 0.2]);
      for (const s of c.series) {
        expect(s.generations.map((g: { generation: number }) => g.generation)).toEqual([1, 2]);
        for (const g of s.generations) {
          const where = `anchor ${s.anchor}, generation ${g.generation}`;
          expect(g.quality, where).toBeGreaterThan(0.5);
          expect(g.quality, where).toBeLessThanOrEqual(1);
          expect(g.tailCoverage, where).toBeGreaterThanOrEqual(0);
          expect(g.tailCoverage, where).toBeLessThanOrEqual(1);
          expect(g.rareCategoriesKept, where).toBeLessThanOrEqual(g.rareCategories);
          expect(g.rareCategories, where).toBeGreaterThan(0);
          expect(g.detectionAuc, where).toBeGreaterThanOrEqual(0);
          expect(g.detectionAuc, where).toBeLessThanOrEqual(1);
          expect(g.distinctRatio, where).toBeGreaterThan(0);
          expect(g.stdRatioMean, where).toBeGreaterThan(0);
          expect(Object.keys(g.distinct).sort(), where).toEqual([...ADULT_HEADER].sort());
        }
      }
    },
    LONG,
  );
});
