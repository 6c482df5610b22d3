/**
 * synthgate's public API. Everything exported here is supported; deeper imports are internal.
 *
 * @example
 * import { loadDataset, fitModel, sampleModel, writeTableCsv } from 'synthgate';
 * const ds = await loadDataset('fixtures/adult.csv', { na: ['?'] });
 * const { model } = await fitModel(ds, { generator: 'copula', seed: 1 });
 * await writeTableCsv('out/synthetic.csv', sampleModel(model, 1000, 1), ds.schema);
 */
export { type Dataset, type LoadOptions, loadDataset, loadWithSchema } from './dataset.js';
export * from './errors.js';
export {
  loadModelFile,
  MODEL_FORMAT_VERSION,
  type ModelFile,
  parseModelFile,
} from './generators/model-file.js';
export {
  createGenerator,
  generatorNames,
  getGeneratorFactory,
  registerGenerator,
} from './generators/registry.js';
export type * from './generators/types.js';
export { writeCsv } from './io/csv-writer.js';
export { readTable } from './io/read-table.js';
export { writeTableCsv } from './output.js';
export { Rng } from './rng.js';
export { inferSchema } from './schema/infer.js';
export { loadSchemaFile, schemaToJson } from './schema/load.js';
export { materialize } from './schema/materialize.js';
export * from './schema/types.js';
export { checkSchemaAgainstRaw, parseSchema } from './schema/validate.js';
export { type FitResult, fitModel, sampleModel } from './synthesize.js';
export { BitSet } from './table/bitset.js';
export * from './table/column.js';
export type { RawColumn, RawTable, ReadOptions, SourceInfo } from './table/raw-table.js';
export { DEFAULT_NA_TOKENS } from './table/raw-table.js';
export { concatTables, Table } from './table/table.js';
export { VERSION } from './version.js';
