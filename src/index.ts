/**
 * synthgate's public API. Everything exported here is supported; deeper imports are internal.
 *
 * @example
 * import { loadDataset, fitModel, sampleModel, writeTableCsv } from 'synthgate';
 * const ds = await loadDataset('fixtures/adult.csv', { na: ['?'] });
 * const { model } = await fitModel(ds, { generator: 'copula', seed: 1 });
 * await writeTableCsv('out/synthetic.csv', sampleModel(model, 1000, 1), ds.schema);
 */
export { loadDataset, loadWithSchema, type Dataset, type LoadOptions } from './dataset.js';
export { fitModel, sampleModel, type FitResult } from './synthesize.js';
export { writeTableCsv } from './output.js';
export { Rng } from './rng.js';
export * from './errors.js';
export { VERSION } from './version.js';

export { Table, concatTables } from './table/table.js';
export { BitSet } from './table/bitset.js';
export * from './table/column.js';
export type { RawTable, RawColumn, SourceInfo, ReadOptions } from './table/raw-table.js';
export { DEFAULT_NA_TOKENS } from './table/raw-table.js';

export { readTable } from './io/read-table.js';
export { writeCsv } from './io/csv-writer.js';

export * from './schema/types.js';
export { inferSchema } from './schema/infer.js';
export { parseSchema, checkSchemaAgainstRaw } from './schema/validate.js';
export { loadSchemaFile, schemaToJson } from './schema/load.js';
export { materialize } from './schema/materialize.js';

export type * from './generators/types.js';
export { createGenerator, registerGenerator, generatorNames, getGeneratorFactory } from './generators/registry.js';
export { loadModelFile, parseModelFile, type ModelFile, MODEL_FORMAT_VERSION } from './generators/model-file.js';
