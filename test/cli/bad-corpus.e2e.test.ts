/**
 * fixtures/bad through the built CLI: `synthgate synthesize <file> --out <tmp>/out.csv --quiet`.
 * The expected outcome of each file is the "synthgate synthesize" column of fixtures/bad/README.md
 * (this test also checks that table against its own, so the two cannot drift). Whatever the file,
 * the run ends in exit 0 with a valid CSV, or in exit 2 with exactly one `error[E_…] …` line on
 * stderr, no stack trace, and nothing at all in the output folder (no out.csv, no temp file).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/io/read-table.js';
import { ADULT, type CliResult, ROOT, runCli } from './run-cli.js';

const BAD = join(ROOT, 'fixtures/bad');
const work = mkdtempSync(join(tmpdir(), 'synthgate-bad-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `synthgate synthesize` outcome per file, as fixtures/bad/README.md states it. */
type Outcome = { code: string } | 'reads';
const EXPECTED: Record<string, Outcome> = {
  'empty.csv': { code: 'E_EMPTY_FILE' },
  'blank-lines-only.csv': { code: 'E_NO_HEADER' },
  'header-only.csv': { code: 'E_NO_ROWS' },
  'one-row.csv': { code: 'E_NO_ROWS' },
  'ragged-rows.csv': { code: 'E_RAGGED_ROW' },
  'unclosed-quote.csv': { code: 'E_UNCLOSED_QUOTE' },
  'quote-inside-unquoted-field.csv': { code: 'E_INVALID_QUOTE' },
  'text-after-closing-quote.csv': { code: 'E_INVALID_QUOTE' },
  'duplicate-header.csv': { code: 'E_DUPLICATE_HEADER' },
  'empty-header-name.csv': { code: 'E_EMPTY_HEADER_NAME' },
  'binary.csv': { code: 'E_BINARY_FILE' },
  'gzip.csv': { code: 'E_BINARY_FILE' },
  'utf16.csv': { code: 'E_UNSUPPORTED_ENCODING' },
  'invalid-utf8.csv': { code: 'E_INVALID_UTF8' },
  'a-directory': { code: 'E_IS_DIRECTORY' },
  'bad.json': { code: 'E_BAD_JSON' },
  'empty-array.json': { code: 'E_NO_COLUMNS' },
  'not-really.parquet': { code: 'E_BAD_PARQUET' },
  'all-null-column.csv': 'reads',
  'constant-column.csv': 'reads',
  'mixed-numbers-and-text.csv': 'reads',
  'huge-numbers.csv': 'reads',
  'infinity-nan.csv': 'reads',
  'mixed-na-tokens.csv': 'reads',
  'bom-crlf.csv': 'reads',
  'semicolon-delimited.csv': 'reads',
  'tab-delimited.txt': 'reads',
  'pipe-delimited.csv': 'reads',
  'quoted-newlines.csv': 'reads',
  'many-categories.csv': 'reads',
};
/**
 * Files that README says only "reads" for: whether synthesize then ends in 0 or a one-line error is not
 * promised. What they do today (observed, asserted below, and named in the test titles): all exit 0.
 */
const READS_OUTCOME: Record<string, 0 | { code: string }> = Object.fromEntries(
  Object.entries(EXPECTED)
    .filter(([, o]) => o === 'reads')
    .map(([f]) => [f, 0]),
);
/** Schema documents, run as `synthesize fixtures/adult.csv --schema <file>`: the README gives the location, not the code. */
const SCHEMAS: Record<string, string> = {
  'schema-unknown-key.json': 'columns[0].distribution',
  'schema-min-gt-max.json': 'columns[0]',
};
const NOT_INPUTS = ['README.md', 'make-many-categories.mjs'];

interface Run {
  result: CliResult;
  /** The output folder (holds only what the run left behind). */
  dir: string;
  input: string;
}

const runs = new Map<string, Run>();
/** The generated 100k-category file (see fixtures/bad/README.md: not committed, made where needed). */
const manyCategories = join(work, 'many-categories.csv');

function inputPath(file: string): string {
  return file === 'many-categories.csv' ? manyCategories : join(BAD, file);
}

async function runCase(name: string, args: (out: string) => string[], input: string): Promise<void> {
  const dir = join(work, 'runs', name.replace(/[^a-z0-9.-]/gi, '_'));
  mkdirSync(dir, { recursive: true });
  const result = await runCli(args(join(dir, 'out.csv')));
  runs.set(name, { result, dir, input });
}

/** Runs tasks with at most `width` at a time (each is a node process). */
async function pool(tasks: (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: width }, worker));
}

beforeAll(async () => {
  execFileSync(process.execPath, [join(BAD, 'make-many-categories.mjs'), manyCategories]);
  const tasks = [
    ...Object.keys(EXPECTED).map(
      (file) => () =>
        runCase(file, (out) => ['synthesize', inputPath(file), '--out', out, '--quiet'], inputPath(file)),
    ),
    ...Object.keys(SCHEMAS).map(
      (file) => () =>
        runCase(
          file,
          (out) => ['synthesize', ADULT, '--schema', join(BAD, file), '--out', out, '--quiet'],
          ADULT,
        ),
    ),
    () =>
      runCase(
        'non-existent path',
        (out) => ['synthesize', join(BAD, 'no-such-file.csv'), '--out', out, '--quiet'],
        join(BAD, 'no-such-file.csv'),
      ),
  ];
  await pool(tasks, 4);
}, 300_000);

/** Exit 2, one `error[CODE] …` line, no stack trace, an empty output folder. Returns the line. */
function expectOneLineError(run: Run, code: string | RegExp): string {
  const { result, dir } = run;
  expect(result.code, result.stderr).toBe(2);
  expect(`${result.stdout}${result.stderr}`).not.toContain('    at ');
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stderr.endsWith('\n')).toBe(true);
  const line = lines[0]!;
  expect(line).toMatch(/^error\[E_[A-Z0-9_]+\] .+/);
  const actual = /^error\[([A-Z0-9_]+)\]/.exec(line)![1]!;
  if (typeof code === 'string') expect(actual).toBe(code);
  else expect(actual).toMatch(code);
  expect(readdirSync(dir), 'no out.csv and no temp file after an error').toEqual([]);
  return line;
}

/** Exit 0, quiet, exactly out.csv in the folder: a CSV with the input's columns and row count. */
async function expectValidCsv(run: Run): Promise<void> {
  const { result, dir, input } = run;
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  expect(readdirSync(dir)).toEqual(['out.csv']);
  const source = await readTable(input);
  const rows: string[][] = parse(readFileSync(join(dir, 'out.csv')), { relax_column_count: false });
  expect(rows[0]).toEqual(source.columns.map((c) => c.name));
  expect(rows.length - 1).toBe(source.numRows);
}

describe('synthgate synthesize on fixtures/bad', () => {
  it('covers every file of fixtures/bad, and agrees with the README table', () => {
    const files = readdirSync(BAD).filter((f) => !NOT_INPUTS.includes(f));
    expect([...files, 'many-categories.csv'].sort()).toEqual(
      [...Object.keys(EXPECTED), ...Object.keys(SCHEMAS)].sort(),
    );
    const readme = readFileSync(join(BAD, 'README.md'), 'utf8');
    const table = new Map<string, string>();
    for (const line of readme.split('\n')) {
      const m = /^\| `([^`]+?)\/?`[^|]*\|.*\| ([^|]+) \|$/.exec(line);
      if (m) table.set(m[1]!, m[2]!.trim());
    }
    for (const [file, outcome] of Object.entries(EXPECTED)) {
      const said = table.get(file);
      expect(said, file).toBeDefined();
      if (outcome === 'reads') expect(said, file).toBe('reads');
      else expect(said, file).toBe(`${outcome.code} (2)`);
    }
    for (const [file, path] of Object.entries(SCHEMAS))
      expect(table.get(file)).toContain(`SchemaError (2) at \`${path}\``);
  });

  const errors = Object.entries(EXPECTED).flatMap(([file, o]) => (o === 'reads' ? [] : [[file, o.code]]));
  it.each(errors)('%s → exit 2, one line error[%s]', (file, code) => {
    const line = expectOneLineError(runs.get(file)!, code);
    expect(line).toContain(file === 'a-directory' ? 'a-directory' : file);
  });

  const reads = Object.keys(READS_OUTCOME).map((f) => [
    f,
    READS_OUTCOME[f] === 0 ? 'exit 0 with a valid CSV' : 'one-line error',
  ]);
  it.each(reads)('%s (README: reads) → %s', async (file) => {
    const outcome = READS_OUTCOME[file]!;
    if (outcome === 0) await expectValidCsv(runs.get(file)!);
    else expectOneLineError(runs.get(file)!, outcome.code);
  });

  it.each(Object.entries(SCHEMAS))('--schema %s → exit 2, one schema error line at %s', (file, path) => {
    const line = expectOneLineError(runs.get(file)!, /^E_SCHEMA/);
    expect(line).toContain(`file ${join(BAD, file)}`);
    expect(line).toMatch(new RegExp(`at ${path.replace(/[[\]]/g, '\\$&')}[.)]`));
  });

  it('huge-numbers.csv: numbers past 1e21 come back in short exponent form, within the source range', async () => {
    const out = join(work, 'huge-out.csv');
    const r = await runCli([
      'synthesize',
      join(BAD, 'huge-numbers.csv'),
      '--rows',
      '30',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(30);
    for (const row of rows) {
      for (const v of Object.values(row)) expect(v.length).toBeLessThanOrEqual(25);
      const tiny = Number(row.tiny);
      expect(tiny).toBeGreaterThanOrEqual(-1.7976931348623157e308);
      expect(tiny).toBeLessThanOrEqual(2.2250738585072014e-308);
    }
  });

  it('a non-existent path → exit 2, one line error[E_NOT_FOUND]', () => {
    expect(expectOneLineError(runs.get('non-existent path')!, 'E_NOT_FOUND')).toContain('no-such-file.csv');
  });

  it('a directory as --out → exit 2, one line error[E_IS_DIRECTORY], nothing written into it', async () => {
    const dir = join(work, 'out-is-dir');
    mkdirSync(join(dir, 'target'), { recursive: true });
    const result = await runCli([
      'synthesize',
      join(BAD, 'constant-column.csv'),
      '--out',
      join(dir, 'target'),
      '--quiet',
    ]);
    expectOneLineError({ result, dir: join(dir, 'target'), input: '' }, 'E_IS_DIRECTORY');
    expect(readdirSync(dir)).toEqual(['target']);
  });
});
