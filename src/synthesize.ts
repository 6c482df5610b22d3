import type { Dataset } from './dataset.js';
import { buildModelFile, type ModelFile, modelFileToJson, modelHash } from './generators/model-file.js';
import { createGenerator } from './generators/registry.js';
import type { FitHooks, FittedModel } from './generators/types.js';
import { Rng } from './rng.js';
import type { Table } from './table/table.js';

export interface FitResult {
  model: FittedModel;
  file: ModelFile;
  json: string;
  hash: string;
  seconds: number;
}

/**
 * Fit a generator on a dataset and package the model file.
 *
 * @example
 * const ds = await loadDataset('fixtures/adult.csv', { na: ['?'] });
 * const { model } = await fitModel(ds, { generator: 'copula', seed: 1 });
 * const synth = model.sample(1000, new Rng(1).fork('sample'));
 */
export async function fitModel(
  ds: Dataset,
  opts: { generator: string; params?: Record<string, unknown>; seed: number; hooks?: FitHooks },
): Promise<FitResult> {
  const t0 = performance.now();
  const gen = createGenerator(opts.generator, opts.params ?? {});
  const model = await gen.fit(ds.table, ds.schema, new Rng(opts.seed).fork('fit'), opts.hooks);
  const file = buildModelFile(model, {
    seed: opts.seed,
    trainingSha256: ds.source.sha256,
    trainingRows: ds.table.numRows,
    source: ds.source.path.split(/[\\/]/).pop()!,
  });
  const json = modelFileToJson(file);
  return { model, file, json, hash: modelHash(json), seconds: (performance.now() - t0) / 1000 };
}

/** Sample n rows with a seed: the seed alone fixes the output (independent of the fit's seed). */
export function sampleModel(model: FittedModel, n: number, seed: number): Table {
  return model.sample(n, new Rng(seed).fork('sample'));
}
