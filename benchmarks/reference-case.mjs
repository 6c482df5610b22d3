/**
 * What the evaluate and audit benchmarks share: argument lookup, dist/ imports, peak RSS, rounding,
 * and one reference case of ../shared/reference read and typed the way the CLI does (readTable →
 * inferSchema on the training split → materialize all three tables).
 *
 * @example
 * const { train, synthetic, holdout, schema } = await loadReferenceCase('sdv_ctgan_e50');
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REF = resolve(ROOT, '../shared/reference');

const args = process.argv.slice(2);
/** The value after `--name` on the command line, or `dflt`. */
export const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? dflt : args[i + 1];
};
export const dist = (p) => pathToFileURL(join(ROOT, 'dist', p)).href;
export const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
export const round = (x, d = 3) => Number(x.toFixed(d));

/** Train, synthetic/<caseName>.csv (`copy_train`: the training split itself) and holdout, typed by train's schema. */
export async function loadReferenceCase(caseName) {
  const { readTable } = await import(dist('io/read-table.js'));
  const { inferSchema } = await import(dist('schema/infer.js'));
  const { materialize } = await import(dist('schema/materialize.js'));
  const t0 = performance.now();
  const rawTrain = await readTable(join(REF, 'adult_train.csv'));
  const schema = inferSchema(rawTrain);
  const train = materialize(rawTrain, schema);
  const synthetic =
    caseName === 'copy_train'
      ? train
      : materialize(await readTable(join(REF, 'synthetic', `${caseName}.csv`)), schema);
  const holdout = materialize(await readTable(join(REF, 'adult_holdout.csv')), schema);
  return { train, synthetic, holdout, schema, readSeconds: (performance.now() - t0) / 1000 };
}

/** The Adult split loaded as the generator benchmarks use it (`?` = missing, holdout typed by train's schema). */
export async function loadAdultSplit() {
  const { loadDataset, loadWithSchema } = await import(dist('dataset.js'));
  const train = await loadDataset(join(REF, 'adult_train.csv'), { na: ['?'] });
  const holdout = await loadWithSchema(join(REF, 'adult_holdout.csv'), train.schema, ['?']);
  return { train, holdout };
}

/** `evaluate` of a synthetic Adult table against the split with TSTR/TRTR on income, without detection. */
export async function evaluateOnIncome({ train, holdout }, synthetic) {
  const { evaluate } = await import(dist('fidelity/evaluate.js'));
  const { Rng } = await import(dist('rng.js'));
  return evaluate({
    real: train.table,
    synthetic,
    holdout: holdout.table,
    schema: train.schema,
    target: 'income',
    rng: new Rng(0),
    detection: false,
  });
}
