import type { ColumnSchema } from '../schema/types.js';
import type { BitSet } from '../table/bitset.js';

/**
 * Make sampled numbers obey the schema, in place: integers rounded, floats rounded to the source's
 * decimals, clamped to [min, max]. Shared by every generator so output rules are the same
 * whichever generator made the numbers. Datetimes are clamped by the marginals (observed range)
 * and truncated to the format's resolution by the CSV formatter.
 */
export function enforceNumeric(values: Float64Array, valid: BitSet, cs: ColumnSchema): void {
  if (cs.sdtype !== 'numerical') return;
  const integer = cs.representation === 'integer';
  const scale = integer ? 1 : 10 ** Math.max(0, cs.decimals);
  const { min, max } = cs;
  for (let i = 0; i < values.length; i++) {
    if (!valid.get(i)) continue;
    let v = Math.round(values[i]! * scale) / scale;
    if (v < min) v = min;
    else if (v > max) v = max;
    values[i] = v;
  }
}
