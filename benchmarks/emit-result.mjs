/**
 * The ending every table-style benchmark shares: print its rows as a markdown table and its notes on
 * stderr, store the result with the machine and time in benchmarks/results/<name>.json, and print
 * the result as JSON on the last stdout line (the format benchmarks/run.mjs reads).
 *
 * @example
 * emitResult('tvae', { title, dataset, rows, notes }, os.loadavg());
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export function emitResult(name, result, loadStart) {
  const { rows, notes } = result;
  const cols = [...new Set(rows.flatMap((x) => Object.keys(x)))];
  let md = `| ${cols.join(' | ')} |\n| ${cols.map(() => '---').join(' | ')} |\n`;
  for (const row of rows) md += `| ${cols.map((c) => String(row[c] ?? '')).join(' | ')} |\n`;
  console.error(`\n${md}\n${notes}`);
  mkdirSync(join(here, 'results'), { recursive: true });
  const machine = {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    node: process.version,
    loadAverageAtStart: loadStart[0],
  };
  writeFileSync(
    join(here, 'results', `${name}.json`),
    `${JSON.stringify({ ...result, machine, ranAt: new Date().toISOString() }, null, 2)}\n`,
  );
  console.log(JSON.stringify(result));
}
