/** Small hand-made tables for metric unit tests. */
import { FidelityContext } from '../../src/fidelity/context.js';
import { Rng } from '../../src/rng.js';
import type { ColumnSchema, SchemaDocument, Sdtype } from '../../src/schema/types.js';
import { type Column, categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';

export type Cell = number | string | null;

/** A table from columns of values: numbers (or null) → numeric, strings (or null) → categorical. */
export function table(cols: Record<string, readonly Cell[]>): Table {
  const columns: Column[] = Object.entries(cols).map(([name, values]) => {
    const numeric = values.every((v) => v === null || typeof v === 'number');
    if (numeric)
      return numericColumn(
        name,
        Float64Array.from(values, (v) => (v === null ? Number.NaN : (v as number))),
      );
    return categoricalFromStrings(
      name,
      values.map((v) => (v === null ? null : String(v))),
    );
  });
  return new Table(columns);
}

/** A schema for `t`: numeric columns numerical, others categorical, unless `sdtypes` says otherwise. */
export function schemaOf(t: Table, sdtypes: Record<string, Sdtype> = {}): SchemaDocument {
  const columns: ColumnSchema[] = t.columns.map((c) => {
    const sdtype = sdtypes[c.name] ?? (c.kind === 'numeric' ? 'numerical' : 'categorical');
    switch (sdtype) {
      case 'numerical':
        return { name: c.name, sdtype, representation: 'float', min: 0, max: 0, decimals: 0 };
      case 'datetime':
        return { name: c.name, sdtype, format: 'YYYY-MM-DD' };
      case 'boolean':
        return { name: c.name, sdtype, trueToken: 'true', falseToken: 'false' };
      case 'id':
        return { name: c.name, sdtype, pattern: 'integer' };
      case 'pii':
        return { name: c.name, sdtype, pii: 'email' };
      case 'text':
        return { name: c.name, sdtype };
      default:
        return { name: c.name, sdtype: 'categorical' };
    }
  });
  return { synthgateSchema: 1, columns };
}

export function ctxOf(
  real: Table,
  synthetic: Table,
  opts: {
    holdout?: Table;
    sdtypes?: Record<string, Sdtype>;
    target?: string;
    seed?: number;
    minCellCount?: number;
  } = {},
): FidelityContext {
  return new FidelityContext({
    real,
    synthetic,
    ...(opts.holdout ? { holdout: opts.holdout } : {}),
    schema: schemaOf(real, opts.sdtypes),
    ...(opts.target ? { target: opts.target } : {}),
    rng: new Rng(opts.seed ?? 0),
    ...(opts.minCellCount ? { minCellCount: opts.minCellCount } : {}),
  });
}
