import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { CLI, runCli, tempDir } from '../cli/run-cli.js';

/**
 * `synthgate fit --generator tvae` end to end on the built CLI (`npm test` builds dist/ first):
 * the data-parallel worker threads only exist in the compiled package, so this is where they run.
 */
function writeCsv(path: string, n: number): void {
  const rng = new Rng(11);
  const lines = ['age,income,city,member'];
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    const age = Math.min(90, Math.max(18, Math.round(45 + 12 * z)));
    const income = rng.uniform() < 0.1 ? '' : (30000 + 800 * (age - 18) + 5000 * rng.normal()).toFixed(2);
    const city = z > 0.5 ? 'Lyon' : z > -0.5 ? 'Paris' : 'Nice';
    lines.push(`${age},${income},${city},${z > 0 ? 'yes' : 'no'}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe.skipIf(!existsSync(CLI))('synthgate fit/sample --generator tvae (built CLI)', () => {
  it('trains on 2 worker threads, reproducibly, and samples from the saved model', async () => {
    const dir = tempDir();
    const data = join(dir, 'data.csv');
    writeCsv(data, 1500);
    const fitModel = (model: string) =>
      runCli([
        'fit',
        data,
        '--generator',
        'tvae',
        '--param',
        'epochs=4',
        '--param',
        'threads=2',
        '--seed',
        '5',
        '--model',
        model,
        '--quiet',
      ]);
    const a = await fitModel(join(dir, 'a.json'));
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const b = await fitModel(join(dir, 'b.json'));
    expect(b.code).toBe(0);
    const ma = readFileSync(join(dir, 'a.json'), 'utf8');
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(ma);
    const model = JSON.parse(ma);
    expect(model.generator).toBe('tvae');
    expect(model.model.state.training).toMatchObject({ backend: 'wasm', threads: 2, epochs: 4, rows: 1500 });

    const out = join(dir, 'synth.csv');
    const s = await runCli([
      'sample',
      join(dir, 'a.json'),
      '--rows',
      '300',
      '--out',
      out,
      '--seed',
      '2',
      '--quiet',
    ]);
    expect(s.code).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('age,income,city,member');
    expect(rows).toHaveLength(301);
    for (const r of rows.slice(1)) expect(r).toMatch(/^\d+,(-?\d+(\.\d{1,2})?)?,(Lyon|Paris|Nice),(yes|no)$/);
  });

  it('refuses an unknown tvae parameter with a usage error', async () => {
    const dir = tempDir();
    const data = join(dir, 'data.csv');
    writeCsv(data, 50);
    const r = await runCli([
      'fit',
      data,
      '--generator',
      'tvae',
      '--param',
      'epoch=3',
      '--model',
      join(dir, 'm.json'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/E_BAD_PARAM/);
  });
});
