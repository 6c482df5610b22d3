import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADULT, runCli, tempDir } from './run-cli.js';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const NUMERIC = ['age', 'fnlwgt', 'education-num', 'capital-gain', 'capital-loss', 'hours-per-week'];

describe('synthgate synthesize on Adult (issue 2 acceptance)', () => {
  const dir = tempDir();
  const a = join(dir, 'a.csv');
  const b = join(dir, 'b.csv');
  const c = join(dir, 'c.csv');
  let real: Record<string, string>[];
  let synth: Record<string, string>[];

  beforeAll(async () => {
    const runs = await Promise.all([
      runCli(['synthesize', ADULT, '--na', '?', '--out', a, '--seed', '7', '--quiet']),
      runCli(['synthesize', ADULT, '--na', '?', '--out', b, '--seed', '7', '--quiet']),
      runCli(['synthesize', ADULT, '--na', '?', '--out', c, '--seed', '8', '--quiet']),
    ]);
    for (const r of runs) expect(r.stderr).toBe('');
    real = parse(readFileSync(ADULT), { columns: true });
    synth = parse(readFileSync(a), { columns: true });
  });

  it('writes as many rows as the input, columns in source order, and leaves no temp file', () => {
    expect(synth.length).toBe(32561);
    expect(readFileSync(a, 'utf8').split('\n')[0]).toBe(readFileSync(ADULT, 'utf8').split('\n')[0]);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv', 'c.csv']);
  });

  it('same seed → byte-identical CSV; different seed → different CSV', () => {
    expect(sha(a)).toBe(sha(b));
    expect(sha(a)).not.toBe(sha(c));
  });

  it('keeps categories in the training dictionary, numerics in range with source decimals, null rates within 1 pp', () => {
    for (const col of Object.keys(real[0]!)) {
      const realVals = real.map((r) => r[col]!);
      const synthVals = synth.map((r) => r[col]!);
      const nullRate = (v: string[]) => v.filter((x) => x === '?').length / v.length;
      expect(Math.abs(nullRate(realVals) - nullRate(synthVals)), col).toBeLessThanOrEqual(0.01);
      if (NUMERIC.includes(col)) {
        const nums = realVals.filter((x) => x !== '?').map(Number);
        const [min, max] = [Math.min(...nums), Math.max(...nums)];
        for (const v of synthVals) {
          if (v === '?') continue;
          expect(v, col).toMatch(/^-?\d+$/); // integers without ".0"
          expect(Number(v)).toBeGreaterThanOrEqual(min);
          expect(Number(v)).toBeLessThanOrEqual(max);
        }
      } else {
        const dict = new Set(realVals);
        for (const v of new Set(synthVals)) expect(dict.has(v), `${col}: ${v}`).toBe(true);
      }
    }
  });

  it('fit + sample through a model file gives the same bytes as synthesize', async () => {
    const model = join(dir, 'm.json');
    const out = join(dir, 'from-model.csv');
    expect((await runCli(['fit', ADULT, '--na', '?', '--model', model, '--seed', '7', '--quiet'])).code).toBe(
      0,
    );
    expect(
      (await runCli(['sample', model, '--rows', '32561', '--out', out, '--seed', '7', '--quiet'])).code,
    ).toBe(0);
    expect(sha(out)).toBe(sha(a));
    const json = JSON.parse(readFileSync(model, 'utf8'));
    expect(json).toMatchObject({ format: 'synthgate-model', formatVersion: 1, generator: 'copula', seed: 7 });
    expect(json.training.sha256).toBe(sha(ADULT));
    expect(existsSync(join(dir, 'from-model.csv'))).toBe(true);
  });

  it('`--out -` streams CSV to stdout and --json summarizes', async () => {
    const r = await runCli(['synthesize', ADULT, '--na', '?', '--out', '-', '--rows', '10', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(11);
    const j = await runCli([
      'synthesize',
      ADULT,
      '--na',
      '?',
      '--out',
      join(dir, 'j.csv'),
      '--rows',
      '10',
      '--json',
    ]);
    expect(JSON.parse(j.stdout)).toMatchObject({ rows: 10, inputRows: 32561, generator: 'copula' });
  });
});

describe('synthgate CLI basics', () => {
  it('--help works on every command and usage errors exit 1', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of ['inspect', 'fit', 'sample', 'synthesize', 'generators']) {
      const r = await runCli([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout).toContain(`Usage: synthgate ${cmd}`);
    }
    const bad = await runCli(['synthesize', ADULT]);
    expect(bad.code).toBe(1);
    const unknown = await runCli(['synthesize', ADULT, '--out', '-', '--generator', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error\[E_UNKNOWN_GENERATOR\]/);
  });

  it('inspect --out writes a schema that synthesize accepts back', async () => {
    const dir = tempDir();
    const schema = join(dir, 'schema.json');
    const r = await runCli(['inspect', ADULT, '--na', '?', '--out', schema, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('capital-gain');
    const doc = JSON.parse(readFileSync(schema, 'utf8'));
    expect(doc.synthgateSchema).toBe(1);
    const s = await runCli([
      'synthesize',
      ADULT,
      '--schema',
      schema,
      '--out',
      join(dir, 's.csv'),
      '--rows',
      '100',
      '--quiet',
    ]);
    expect(s.code, s.stderr).toBe(0);
  });
});
