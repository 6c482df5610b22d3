import type { Command } from 'commander';
import { type Dataset, loadDataset, requireRowsIn } from '../../dataset.js';
import { loadModelFile } from '../../generators/model-file.js';
import { generatorNames, getGeneratorFactory } from '../../generators/registry.js';
import { atomicWriteFile } from '../../io/cleanup.js';
import { writeTableCsv } from '../../output.js';
import { fitModel, sampleModel } from '../../synthesize.js';
import type { CommandContext, GlobalContext } from '../context.js';
import { addOptions } from '../inputs.js';
import { generatorParams, type OptionName, option } from '../options.js';

async function readInput(
  c: CommandContext,
  data: string,
  o: { na?: string[]; schema?: string; delimiter?: string },
): Promise<Dataset> {
  c.progress.step('reading');
  const ds = await loadDataset(data, {
    na: o.na,
    schemaPath: o.schema,
    delimiter: o.delimiter,
    onProgress: (r, t) => c.progress.update(t ? r / t : 0),
  });
  c.progress.finish();
  requireRowsIn(ds, 2, 'fitting a generator');
  return ds;
}

async function fitWithProgress(
  c: CommandContext,
  ds: Dataset,
  o: { generator: string; param?: string[]; epsilon?: number; delta?: number; seed: number },
) {
  c.progress.step(`fitting ${o.generator}`);
  const fit = await fitModel(ds, {
    generator: o.generator,
    params: generatorParams(o),
    seed: o.seed,
    hooks: { onProgress: (f, label) => c.progress.update(f, label) },
  });
  c.progress.finish();
  return fit;
}

/** Options of every command that fits a generator, and of every command that reads a data file. */
const FIT_OPTIONS: readonly OptionName[] = ['generator', 'param', 'epsilon', 'delta', 'schema', 'seed'];
const READ_OPTIONS: readonly OptionName[] = ['na', 'delimiter', 'json', 'quiet'];

export function registerGenerate(program: Command, ctx: GlobalContext): void {
  const fit = program
    .command('fit')
    .description('fit a generator on a data file and write the model (JSON)')
    .argument('<data>', 'training data: CSV, Parquet, JSON or NDJSON')
    .addOption(option('model').makeOptionMandatory());
  addOptions(fit, [...FIT_OPTIONS, ...READ_OPTIONS]).action(async (data: string, o) => {
    const c = ctx.begin(o);
    getGeneratorFactory(o.generator);
    const ds = await readInput(c, data, o);
    const fit = await fitWithProgress(c, ds, o);
    await atomicWriteFile(o.model, fit.json);
    const summary = {
      model: o.model,
      generator: o.generator,
      rows: ds.table.numRows,
      modelSha256: fit.hash,
      fitSeconds: round(fit.seconds),
    };
    if (o.json !== undefined) await c.emitJson(o.json, summary);
    else
      c.log(`fitted ${o.generator} on ${ds.table.numRows} rows in ${fit.seconds.toFixed(2)} s → ${o.model}`);
  });

  program
    .command('sample')
    .description('sample rows from a saved model into a CSV file (or stdout with `--out -`)')
    .argument('<model>', 'model file written by `synthgate fit`')
    .addOption(option('rows').makeOptionMandatory())
    .addOption(option('out').makeOptionMandatory())
    .addOption(option('seed'))
    .addOption(option('json'))
    .addOption(option('quiet'))
    .action(async (modelPath: string, o) => {
      const c = ctx.begin(o);
      const { model } = await loadModelFile(modelPath);
      c.progress.step('sampling');
      const t0 = performance.now();
      const synth = sampleModel(model, o.rows, o.seed);
      c.progress.step('writing');
      const w = await writeTableCsv(o.out, synth, model.schema);
      const seconds = (performance.now() - t0) / 1000;
      const summary = { out: o.out, rows: w.rows, sha256: w.sha256, seconds: round(seconds) };
      if (o.json !== undefined && o.out !== '-') await c.emitJson(o.json, summary);
      else c.log(`sampled ${w.rows} rows in ${seconds.toFixed(2)} s → ${o.out}`);
    });

  const synthesize = program
    .command('synthesize')
    .description('fit + sample in one step: a synthetic CSV with as many rows as the input by default')
    .argument('<data>', 'real data: CSV, Parquet, JSON or NDJSON')
    .addOption(option('out').makeOptionMandatory())
    .addOption(option('rows'))
    .addOption(option('model', { description: 'also save the fitted model here' }));
  addOptions(synthesize, [...FIT_OPTIONS, ...READ_OPTIONS]).action(async (data: string, o) => {
    const c = ctx.begin(o);
    getGeneratorFactory(o.generator);
    const t0 = performance.now();
    const ds = await readInput(c, data, o);
    const fit = await fitWithProgress(c, ds, o);
    if (o.model) await atomicWriteFile(o.model, fit.json);
    const n = o.rows ?? ds.table.numRows;
    c.progress.step('sampling');
    const synth = sampleModel(fit.model, n, o.seed);
    c.progress.step('writing');
    const w = await writeTableCsv(o.out, synth, ds.schema);
    c.progress.finish();
    const seconds = (performance.now() - t0) / 1000;
    const summary = {
      input: data,
      out: o.out,
      generator: o.generator,
      inputRows: ds.table.numRows,
      rows: w.rows,
      sha256: w.sha256,
      modelSha256: fit.hash,
      seconds: round(seconds),
    };
    if (o.json !== undefined && o.out !== '-') await c.emitJson(o.json, summary);
    else
      c.log(
        `synthesized ${w.rows} rows from ${ds.table.numRows} with ${o.generator} in ${seconds.toFixed(2)} s → ${o.out}`,
      );
  });

  program
    .command('generators')
    .description('list the generators and their parameters')
    .addOption(option('json'))
    .action(async (o) => {
      const list = generatorNames().map((n) => {
        const f = getGeneratorFactory(n);
        return { name: f.name, description: f.description, parameters: f.parameters };
      });
      if (o.json !== undefined) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      for (const g of list) {
        process.stdout.write(`${g.name}  ${g.description}\n`);
        for (const [k, v] of Object.entries(g.parameters)) process.stdout.write(`    --param ${k}=…  ${v}\n`);
      }
    });
}

const round = (x: number) => Math.round(x * 1000) / 1000;
