/**
 * Run the built synthgate CLI once and measure it: wall seconds, and peak RSS through GNU time when
 * /usr/bin/time exists (NaN otherwise). Shared by the benchmark scripts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cli = join(root, 'dist/cli/main.js');
export const adult = join(root, 'fixtures/adult.csv');

export function timedCli(args) {
  const useTime = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  const rssKb = useTime ? Number(r.stderr.trim().split('\n').pop()) : Number.NaN;
  return { status: r.status, stderr: r.stderr, seconds, peakRssMB: rssKb / 1024 };
}
