import type { Rng } from '../rng.js';
import type { ColumnSchema, SchemaDocument } from '../schema/types.js';
import type { Column } from '../table/column.js';
import type { Table } from '../table/table.js';
import { type Attribute, encodeColumn, serializableAttribute } from './bayesnet-attributes.js';
import type { BayesNetColumn, BayesNetParams, BayesNetState } from './bayesnet-model.js';
import { learnStructure } from './bayesnet-structure.js';
import { conditionalFromCounts, familyCounts } from './bayesnet-tables.js';
import { fitReplacedColumn } from './copula.js';
import { quantileBins } from './discretize.js';
import { fitNumericMarginal } from './marginals.js';

/**
 * The Bayesian network fitted without differential privacy: attributes from the data (quantile
 * bins, observed categories), structure by mutual information (scored on at most `structureRows`
 * rows, a seeded subsample above), exact conditional tables on every row.
 */
export function fitExactBayesNet(
  table: Table,
  schema: SchemaDocument,
  rng: Rng,
  params: BayesNetParams,
): BayesNetState {
  const n = table.numRows;
  const attributes: Attribute[] = [];
  const columns: BayesNetColumn[] = [];
  for (const cs of schema.columns) {
    const col = table.column(cs.name);
    if (cs.sdtype === 'id') columns.push({ name: cs.name, kind: 'id' });
    else if (cs.sdtype === 'pii' || cs.sdtype === 'text') columns.push(fitReplacedColumn(cs, col));
    else {
      columns.push({ name: cs.name, kind: 'attribute', attribute: attributes.length });
      attributes.push(exactAttribute(cs, col, params.bins));
    }
  }
  const codes = attributes.map((a) => encodeColumn(a, table.column(a.name)));
  const sizes = attributes.map((a) => a.size);
  const maxCells = params.maxCells ?? Math.max(64, Math.floor(n / 4));
  // Structure scores on a seeded subsample of large tables (tables and marginals use every row).
  const sub =
    n > params.structureRows ? rng.fork('structure-rows').sampleIndices(n, params.structureRows) : null;
  const structure = learnStructure(
    sub
      ? { codes: codes.map((c) => Int32Array.from(sub, (i) => c[i]!)), sizes, n: sub.length }
      : { codes, sizes, n },
    {
      maxParents: params.maxParents,
      maxCells,
      maxCandidates: params.maxCandidates,
      rng: rng.fork('structure'),
    },
  );
  const conditionals = attributes.map((_, a) =>
    Array.from(conditionalFromCounts(familyCounts(a, structure.parents[a]!, codes, sizes, n), sizes[a]!)),
  );
  return {
    rows: n,
    columns,
    attributes: attributes.map(serializableAttribute),
    order: structure.order,
    parents: structure.parents,
    conditionals,
  };
}

/** Attribute of a modelled column from its training values. */
function exactAttribute(cs: ColumnSchema, col: Column, bins: number): Attribute {
  const n = col.valid.size;
  if (col.kind === 'numeric') {
    const idx = col.valid.indices();
    const vals = new Float64Array(idx.length);
    for (let k = 0; k < idx.length; k++) vals[k] = col.values[idx[k]!]!;
    const sorted = Float64Array.from(vals).sort();
    const q = quantileBins(sorted, bins);
    const hasNull = idx.length < n;
    return {
      type: 'numeric',
      name: cs.name,
      size: q.upper.length + (hasNull || q.upper.length === 0 ? 1 : 0),
      nullCode: hasNull || q.upper.length === 0 ? q.upper.length : -1,
      ...q,
      marginal: fitNumericMarginal(vals),
    };
  }
  const counts = new Float64Array(col.dictionary.length);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if (col.valid.get(i)) counts[col.codes[i]!]!++;
    else nulls++;
  }
  const codeOf = new Int32Array(col.dictionary.length).fill(-1);
  const categories: string[] = [];
  col.dictionary.forEach((s, k) => {
    if (counts[k]! > 0) {
      codeOf[k] = categories.length;
      categories.push(s);
    }
  });
  const hasNull = nulls > 0 || categories.length === 0;
  return {
    type: 'categorical',
    name: cs.name,
    size: categories.length + (hasNull ? 1 : 0),
    nullCode: hasNull ? categories.length : -1,
    categories,
    codeOf,
  };
}
