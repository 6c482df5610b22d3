import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RawColumnBuilder } from '../../src/io/raw-column-builder.js';
import { cells } from './helpers.js';

describe('RawColumnBuilder', () => {
  it('codes values in order of first appearance, counts them and nulls NA tokens', () => {
    const b = new RawColumnBuilder('sex', ['', 'NA']);
    for (const v of ['M', 'NA', 'F', 'M', '', 'NA']) b.add(v);
    b.addNull();
    const col = b.finish('VARCHAR');
    expect(Array.from(col.codes)).toEqual([0, -1, 1, 0, -1, -1, -1]);
    expect(col).toMatchObject({
      name: 'sex',
      dictionary: ['M', 'F'],
      counts: [2, 1],
      nullCount: 4,
      nullToken: 'NA',
      sourceType: 'VARCHAR',
    });
  });

  it('has no nullToken when nulls came only as real nulls, and no sourceType unless given', () => {
    const b = new RawColumnBuilder('x', ['NA']);
    b.add('1');
    b.addNull();
    const col = b.finish();
    expect(col.nullToken).toBeNull();
    expect(col.nullCount).toBe(1);
    expect('sourceType' in col).toBe(false);
  });

  it('grows past its initial capacity and trims the codes to the row count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'NA'), { maxLength: 300 }),
        fc.nat(40),
        (values, cap) => {
          const b = new RawColumnBuilder('v', ['NA'], cap);
          for (const v of values) b.add(v);
          const col = b.finish();
          expect(col.codes.length).toBe(values.length);
          expect(cells(col)).toEqual(values.map((v) => (v === 'NA' ? null : v)));
          expect(col.counts.reduce((s, n) => s + n, 0) + col.nullCount).toBe(values.length);
        },
      ),
    );
  });
});
