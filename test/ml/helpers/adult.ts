import path from 'node:path';
import { readTable } from '../../../src/io/read-table.js';
import { materialize } from '../../../src/schema/materialize.js';
import type { ColumnSchema, SchemaDocument } from '../../../src/schema/types.js';
import type { Table } from '../../../src/table/table.js';
// The reference folder and Adult's numeric columns, shared with the fidelity tests.
import { ADULT_NUMERIC, REFERENCE_DIR } from '../../fidelity/adult-fixture.js';

/**
 * Reads a CSV of the Adult reference split (path relative to REFERENCE_DIR) with the project's reader and
 * materializes it under the peers' metadata: the six numeric columns numerical, every other column
 * categorical, `?` kept as a category (as the peer runs did).
 */
export async function readAdult(file: string): Promise<Table> {
  const raw = await readTable(path.join(REFERENCE_DIR, file));
  const columns: ColumnSchema[] = raw.columns.map((c) =>
    ADULT_NUMERIC.includes(c.name)
      ? {
          name: c.name,
          sdtype: 'numerical',
          representation: 'integer',
          min: 0,
          max: Number.MAX_SAFE_INTEGER,
          decimals: 0,
        }
      : { name: c.name, sdtype: 'categorical' },
  );
  const schema: SchemaDocument = { synthgateSchema: 1, na: [], columns };
  return materialize(raw, schema);
}

/** 1 where the income column is ">50K", else 0. */
export function incomeLabels(t: Table): Float64Array {
  const c = t.column('income');
  if (c.kind !== 'categorical') throw new Error('income must be categorical');
  return Float64Array.from(c.codes, (k) => (c.dictionary[k] === '>50K' ? 1 : 0));
}
