import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { blendTables } from '../../src/release/blend.js';
import { Rng } from '../../src/rng.js';
import { rawTableOf } from './helpers.js';

const LABEL = `synthetic:${'ab'.repeat(32)}`;
/** 10 distinct real rows (one with a null, written `?`) and 20 distinct synthetic rows. */
const realRows = Array.from({ length: 10 }, (_, i) => [`r${i}`, i === 3 ? '?' : String(i)]);
const synthRows = Array.from({ length: 20 }, (_, i) => [`s${i}`, String(100 + i)]);
const real = rawTableOf('real.csv', ['name', 'n'], realRows);
const synthetic = rawTableOf('synthetic.csv', ['name', 'n'], synthRows);

const key = (r: readonly string[]) => r.join('\u0000');

describe('blendTables', () => {
  it('mixes round(ratio·rows) real rows with synthetic ones, each labelled in _source', () => {
    const b = blendTables(real, synthetic, { ratio: 0.3, syntheticLabel: LABEL, rng: new Rng(1) });
    expect(b.header).toEqual(['name', 'n', '_source']);
    expect([b.rows.length, b.realRows, b.syntheticRows]).toEqual([20, 6, 14]);
    const realSet = new Set(realRows.map(key));
    const synthSet = new Set(synthRows.map(key));
    const realOut = b.rows.filter((r) => r[2] === 'real');
    const synthOut = b.rows.filter((r) => r[2] === LABEL);
    expect([realOut.length, synthOut.length]).toEqual([6, 14]);
    // Every row is a source row written exactly as the source wrote it (nulls as its token), drawn without replacement.
    for (const r of realOut) expect(realSet.has(key(r.slice(0, 2)))).toBe(true);
    for (const r of synthOut) expect(synthSet.has(key(r.slice(0, 2)))).toBe(true);
    expect(new Set(b.rows.map(key)).size).toBe(20);
    // Rows are shuffled, not real-first.
    expect(b.rows.slice(0, 6).every((r) => r[2] === 'real')).toBe(false);
  });

  it('writes a null as the source null token', () => {
    const all = blendTables(real, synthetic, { ratio: 1, rows: 10, syntheticLabel: LABEL, rng: new Rng(0) });
    expect(all.rows.find((r) => r[0] === 'r3')).toEqual(['r3', '?', 'real']);
  });

  it('matches columns by name when the synthetic table orders them differently', () => {
    const swapped = rawTableOf(
      'swapped.csv',
      ['n', 'name'],
      synthRows.map(([a, b]) => [b!, a!]),
    );
    const b = blendTables(real, swapped, { ratio: 0, syntheticLabel: LABEL, rng: new Rng(2) });
    expect(b.header).toEqual(['name', 'n', '_source']);
    for (const r of b.rows) expect(Number(r[1]) - 100).toBe(Number(r[0]!.slice(1)));
  });

  it('is deterministic for a seed', () => {
    const opts = { ratio: 0.5, syntheticLabel: LABEL };
    const a = blendTables(real, synthetic, { ...opts, rng: new Rng(5) });
    expect(blendTables(real, synthetic, { ...opts, rng: new Rng(5) }).rows).toEqual(a.rows);
    expect(blendTables(real, synthetic, { ...opts, rng: new Rng(6) }).rows).not.toEqual(a.rows);
  });

  it('property: real share is round(ratio·rows) for every feasible ratio and size', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        (ratio, rows) => {
          fc.pre(Math.round(ratio * rows) <= 10);
          const b = blendTables(real, synthetic, { ratio, rows, syntheticLabel: LABEL, rng: new Rng(3) });
          expect(b.rows.length).toBe(rows);
          expect(b.rows.filter((r) => r[2] === 'real').length).toBe(Math.round(ratio * rows));
        },
      ),
      { numRuns: 100 },
    );
  });

  function blendError(f: () => unknown): InputError {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return e as InputError;
    }
    throw new Error('expected an InputError');
  }

  it('refuses mismatched columns, an existing _source column, and sizes the inputs cannot fill', () => {
    const other = rawTableOf('other.csv', ['name', 'age'], [['x', '1']]);
    const cols = blendError(() =>
      blendTables(real, other, { ratio: 0.3, syntheticLabel: LABEL, rng: new Rng(0) }),
    );
    expect(cols.code).toBe('E_COLUMNS_DIFFER');
    expect(cols.message).toContain('missing n, extra age');
    expect(cols.location.file).toBe('other.csv');

    const withSource = rawTableOf('src.csv', ['name', '_source'], [['x', 'real']]);
    expect(
      blendError(() =>
        blendTables(withSource, withSource, { ratio: 0, syntheticLabel: LABEL, rng: new Rng(0) }),
      ).code,
    ).toBe('E_COLUMN_EXISTS');

    const tooFewReal = blendError(() =>
      blendTables(real, synthetic, { ratio: 0.6, syntheticLabel: LABEL, rng: new Rng(0) }),
    );
    expect(tooFewReal.code).toBe('E_BLEND_SIZE');
    expect(tooFewReal.message).toBe('ratio 0.6 of 20 rows needs 12 real rows, the real table has 10');
    const tooFewSynthetic = blendError(() =>
      blendTables(real, synthetic, { ratio: 0.1, rows: 30, syntheticLabel: LABEL, rng: new Rng(0) }),
    );
    expect(tooFewSynthetic.code).toBe('E_BLEND_SIZE');
    expect(tooFewSynthetic.message).toBe('27 synthetic rows needed, the synthetic table has 20');
  });
});
