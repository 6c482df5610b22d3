import type { Rng } from '../../rng.js';
import { parseDatetime } from '../../schema/datetime.js';
import type { ColumnSchema, SchemaDocument } from '../../schema/types.js';
import type { NumericColumn } from '../../table/column.js';
import type { Table } from '../../table/table.js';
import { noisyHistogram } from './dp-histogram.js';
import { fitGmm1d, fitGmm1dWeighted, type Gmm1d } from './gmm.js';
import { fitReplacedColumn, type ReplacedColumnModel } from './replaced-columns.js';
import type { ColumnSpec } from './transformer.js';

/**
 * How TVAE treats each schema column, and the transformer specs of the modelled ones:
 * numerical/datetime → mode-normalized numeric span, categorical/boolean → one-hot span,
 * id/pii/text → regenerated (never modelled), columns with no value at all → all-null output.
 *
 * Without DP, modes are fitted to the column's values (EM + BIC, `gmm.ts`) and a column is nullable
 * only if it has nulls. With DP, every decision that would read the data is replaced: modes are
 * fitted to a noisy histogram over public bounds (`dp-histogram.ts`), every column is nullable,
 * none is "all null", and replaced columns learn nothing. Bounds come from the schema (numerical
 * min/max; datetime min/max when the schema has them, else the observed range, which the ledger
 * then reports as not protected).
 *
 * @example
 * const plan = planColumns(table, schema, rng, { maxModes: 10 });
 * new TabularTransformer(plan.specs);
 */
export type PlannedColumn =
  | { name: string; kind: 'modelled' }
  | { name: string; kind: 'allNull'; numeric: boolean }
  | ReplacedColumnModel;

export interface ColumnPlan {
  columns: PlannedColumn[];
  specs: ColumnSpec[];
  /** Output range of datetime columns (epoch ms): numerical columns are bounded by the schema. */
  datetimeRanges: Record<string, [number, number]>;
  /** Datetime columns whose DP bounds had to come from the data (not from the schema). */
  observedBounds: string[];
}

export interface PlanOptions {
  maxModes: number;
  /** DP: per-count noise std of the mode histograms (σ_h·√k). */
  dpHistogramNoise?: number;
}

const isNumericSdtype = (cs: ColumnSchema) => cs.sdtype === 'numerical' || cs.sdtype === 'datetime';

/** Columns that become numeric spans (the DP histogram sensitivity counts them). */
export function modelledNumericColumns(schema: SchemaDocument): string[] {
  return schema.columns.filter(isNumericSdtype).map((c) => c.name);
}

export function planColumns(table: Table, schema: SchemaDocument, rng: Rng, o: PlanOptions): ColumnPlan {
  const dp = o.dpHistogramNoise !== undefined;
  const columns: PlannedColumn[] = [];
  const specs: ColumnSpec[] = [];
  const datetimeRanges: Record<string, [number, number]> = {};
  const observedBounds: string[] = [];
  for (const cs of schema.columns) {
    const col = table.column(cs.name);
    if (cs.sdtype === 'id' || cs.sdtype === 'pii' || cs.sdtype === 'text') {
      columns.push(fitReplacedColumn(cs, col, dp));
      continue;
    }
    const validCount = col.valid.count();
    if (!dp && validCount === 0) {
      columns.push({ name: cs.name, kind: 'allNull', numeric: isNumericSdtype(cs) });
      continue;
    }
    const nullable = dp || validCount < table.numRows;
    if (isNumericSdtype(cs)) {
      if (col.kind !== 'numeric')
        throw new Error(`tvae: ${cs.sdtype} column ${cs.name} is not materialized as numbers`);
      const values = validValues(col);
      const crng = rng.fork(`gmm:${cs.name}`);
      let gmm: Gmm1d;
      let range: [number, number];
      if (dp) {
        const b = publicBounds(cs, values);
        range = b.range;
        if (b.observed) observedBounds.push(cs.name);
        const integer = cs.sdtype === 'datetime' || cs.representation === 'integer';
        const h = noisyHistogram(
          values,
          range[0],
          range[1],
          integer,
          o.dpHistogramNoise!,
          crng.fork('noise'),
        );
        gmm = fitGmm1dWeighted(h.centers, h.counts, crng, { maxModes: o.maxModes });
      } else {
        range = minMax(values);
        gmm = fitGmm1d(values, crng, { maxModes: o.maxModes });
      }
      if (cs.sdtype === 'datetime') datetimeRanges[cs.name] = range;
      const decimals =
        cs.sdtype === 'numerical' && cs.representation === 'float' ? Math.max(0, cs.decimals) : 0;
      specs.push({ kind: 'numeric', name: cs.name, gmm, nullable, decimals });
    } else {
      if (col.kind !== 'categorical')
        throw new Error(`tvae: ${cs.sdtype} column ${cs.name} is not materialized as categories`);
      specs.push({ kind: 'categorical', name: cs.name, categories: [...col.dictionary], nullable });
    }
    columns.push({ name: cs.name, kind: 'modelled' });
  }
  return { columns, specs, datetimeRanges, observedBounds };
}

function validValues(col: NumericColumn): Float64Array {
  const idx = col.valid.indices();
  const out = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = col.values[idx[k]!]!;
  return out;
}

function minMax(v: Float64Array): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < v.length; i++) {
    if (v[i]! < lo) lo = v[i]!;
    if (v[i]! > hi) hi = v[i]!;
  }
  return v.length ? [lo, hi] : [0, 0];
}

/** Bounds treated as public under DP: the schema's, or the observed range for datetimes without them. */
function publicBounds(
  cs: ColumnSchema,
  values: Float64Array,
): { range: [number, number]; observed: boolean } {
  if (cs.sdtype === 'numerical') return { range: [cs.min, cs.max], observed: false };
  if (cs.sdtype === 'datetime' && cs.min && cs.max) {
    const lo = parseDatetime(cs.min, cs.format);
    const hi = parseDatetime(cs.max, cs.format);
    if (lo !== null && hi !== null) return { range: [lo, hi], observed: false };
  }
  return { range: minMax(values), observed: true };
}
