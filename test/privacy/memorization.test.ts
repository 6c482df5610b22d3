import { describe, expect, it } from 'vitest';
import { memorization } from '../../src/privacy/memorization.js';
import { Rng } from '../../src/rng.js';
import { categoricalFromStrings, numericColumn } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';

const table = (ages: (number | null)[], cities: (string | null)[], emails?: string[]) =>
  new Table([
    numericColumn(
      'age (years)',
      Float64Array.from(ages, (a) => (a === null ? Number.NaN : a)),
    ),
    categoricalFromStrings('city', cities),
    ...(emails ? [categoricalFromStrings('email', emails)] : []),
  ]);

describe('memorization', () => {
  it('counts verbatim copies exactly, across different dictionaries, null equal to null', () => {
    const train = table([30, 40, 40, null, 50], ['Oslo', 'Rome', 'Rome', 'Oslo', null]);
    // Dictionary order differs from train's; rows 0, 1, 3 are copies; row 2 differs in one cell.
    const synthetic = table([40, 30, 50, null, 41], ['Rome', 'Oslo', 'Lyon', 'Oslo', 'Rome']);
    const holdout = table([41, 60], ['Rome', 'Lyon']);
    const m = memorization({ train, synthetic, holdout }, { rng: new Rng(0) });
    expect(m.exactMatches.train.count).toBe(3);
    expect(m.value).toBeCloseTo(3 / 5, 12);
    expect(m.ci[0]).toBeLessThan(0.6);
    expect(m.ci[1]).toBeGreaterThan(0.6);
    expect(m.exactMatches.holdout.count).toBe(1);
    // Unique training rows: (30, Oslo), (null, Oslo), (50, null); (40, Rome) occurs twice. Two unique rows reproduced.
    expect(m.uniqueReproduced.train.uniqueRows).toBe(3);
    expect(m.uniqueReproduced.train.reproduced).toBe(2);
    expect(m.uniqueReproduced.holdout).toMatchObject({ uniqueRows: 2, reproduced: 1 });
  });

  it('reports a copy of train at the maximum and an unrelated table at zero', () => {
    const train = table([1, 2, 3, 4], ['a', 'b', 'c', 'd']);
    const holdout = table([5, 6, 7, 8], ['e', 'f', 'g', 'h']);
    const copy = memorization({ train, synthetic: train, holdout }, { rng: new Rng(1) });
    expect(copy.value).toBe(1);
    expect(copy.uniqueReproduced.train.share.value).toBe(1);
    expect(copy.exactMatches.holdout.count).toBe(0);
    const other = memorization({ train, synthetic: holdout, holdout }, { rng: new Rng(1) });
    expect(other.value).toBe(0);
  });

  it('counts replayed direct-identifier values with a holdout baseline', () => {
    const train = table([1, 2, 3], ['a', 'b', 'c'], ['ann@x.org', 'bob@y.org', 'cy@z.org']);
    const holdout = table([4, 5], ['d', 'e'], ['dee@x.org', 'eve@y.org']);
    const synthetic = table([9, 9, 9], ['q', 'q', 'q'], ['bob@y.org', 'new@n.org', 'eve@y.org']);
    const m = memorization(
      { train, synthetic, holdout },
      { rng: new Rng(0), columns: ['age (years)', 'city'], identifierColumns: ['email'] },
    );
    expect(m.identifierReplay).toHaveLength(1);
    expect(m.identifierReplay[0]).toMatchObject({
      column: 'email',
      distinctTrain: 3,
      replayedTrain: 1,
      distinctHoldout: 2,
      replayedHoldout: 1,
    });
  });
});
