import { parseDatetime } from '../schema/datetime.js';
import type { SchemaDocument } from '../schema/types.js';
import { BitSet } from '../table/bitset.js';
import { valueAt } from '../table/column.js';
import type { Table } from '../table/table.js';

/**
 * Rows that break the schema: values outside numerical or datetime bounds, categories outside a
 * declared `categories` list, `inequality` constraints (low ≤ high, or < when strict; nulls exempt),
 * and `fixed-combinations` constraints (only combinations present in `reference`, the training data).
 * Returns a bitset of violating rows.
 */
export function constraintViolations(table: Table, schema: SchemaDocument, reference?: Table): BitSet {
  const n = table.numRows;
  const bad = new BitSet(n);
  for (const cs of schema.columns) {
    if (!table.has(cs.name)) continue;
    const col = table.column(cs.name);
    if (cs.sdtype === 'numerical' && col.kind === 'numeric') {
      for (let i = 0; i < n; i++)
        if (col.valid.get(i) && (col.values[i]! < cs.min || col.values[i]! > cs.max)) bad.set(i);
    } else if (cs.sdtype === 'datetime' && col.kind === 'numeric') {
      const lo = cs.min !== undefined ? parseDatetime(cs.min, cs.format) : null;
      const hi = cs.max !== undefined ? parseDatetime(cs.max, cs.format) : null;
      for (let i = 0; i < n; i++) {
        if (!col.valid.get(i)) continue;
        const v = col.values[i]!;
        if ((lo !== null && v < lo) || (hi !== null && v > hi)) bad.set(i);
      }
    } else if (cs.sdtype === 'categorical' && cs.categories && col.kind === 'categorical') {
      const allowed = new Set(cs.categories);
      const ok = col.dictionary.map((s) => allowed.has(s));
      for (let i = 0; i < n; i++) if (col.valid.get(i) && !ok[col.codes[i]!]) bad.set(i);
    }
  }
  for (const c of schema.constraints ?? []) {
    if (c.type === 'inequality') {
      if (!table.has(c.low) || !table.has(c.high)) continue;
      const lo = table.column(c.low);
      const hi = table.column(c.high);
      if (lo.kind !== 'numeric' || hi.kind !== 'numeric') continue;
      for (let i = 0; i < n; i++) {
        if (!lo.valid.get(i) || !hi.valid.get(i)) continue;
        const a = lo.values[i]!;
        const b = hi.values[i]!;
        if (c.strict ? !(a < b) : !(a <= b)) bad.set(i);
      }
    } else if (c.type === 'fixed-combinations' && reference) {
      if (!c.columns.every((name) => table.has(name) && reference.has(name))) continue;
      const key = (t: Table, i: number) =>
        JSON.stringify(c.columns.map((name) => valueAt(t.column(name), i)));
      const seen = new Set<string>();
      for (let i = 0; i < reference.numRows; i++) seen.add(key(reference, i));
      for (let i = 0; i < n; i++) if (!seen.has(key(table, i))) bad.set(i);
    }
  }
  return bad;
}
