import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignTables } from '../../src/privacy/align.js';
import { distanceSpace, type EncodedRows, encodeRows, rowDistance } from '../../src/privacy/distance.js';
import { nearestNeighbors } from '../../src/privacy/nn-search.js';
import { Rng } from '../../src/rng.js';
import { triples } from './helpers/generate.js';

/** Brute force: all distances of query q, sorted ascending. */
function bruteSorted(ref: EncodedRows, query: EncodedRows, q: number): number[] {
  const d: number[] = [];
  for (let r = 0; r < ref.n; r++) d.push(rowDistance(query, q, ref, r));
  return d.sort((a, b) => a - b);
}

describe('nearestNeighbors', () => {
  for (const strategy of ['blocked', 'vertical'] as const) {
    for (const tie of [false, true]) {
      it(`is exact against brute force (${strategy}, ${tie ? 'random' : 'first-found'} ties)`, async () => {
        await fc.assert(
          fc.asyncProperty(
            triples(6, 1, 60),
            fc.integer({ min: 1, max: 4 }),
            async ({ train, synthetic }, k) => {
              const al = alignTables([train, synthetic], train.names);
              const space = distanceSpace(al, [0]);
              const ref = encodeRows(space, al.tables[0]!);
              const query = encodeRows(space, al.tables[1]!);
              const res = await nearestNeighbors(ref, query, {
                k,
                strategy,
                tieBreak: tie ? new Rng(7) : undefined,
                maxGroups: 4,
              });
              const kk = Math.min(k, ref.n);
              expect(res.k).toBe(kk);
              for (let q = 0; q < query.n; q++) {
                const want = bruteSorted(ref, query, q).slice(0, kk);
                for (let i = 0; i < kk; i++) {
                  expect(res.dist[q * kk + i]).toBeCloseTo(want[i]!, 9);
                  // The returned index really is at that distance.
                  expect(rowDistance(query, q, ref, res.idx[q * kk + i]!)).toBeCloseTo(want[i]!, 9);
                }
                expect(new Set(Array.from(res.idx.subarray(q * kk, q * kk + kk))).size).toBe(kk);
              }
            },
          ),
          { numRuns: 60 },
        );
      });
    }
  }

  it('breaks ties uniformly at random with a tie-break stream, reproducibly', async () => {
    // 50 identical reference rows: every one is at distance 0 from the query.
    const al = alignTables([triplesFixed(), triplesFixed(1)], ['a']);
    const space = distanceSpace(al, [0]);
    const ref = encodeRows(space, al.tables[0]!);
    const query = encodeRows(space, al.tables[1]!);
    const picks = new Set<number>();
    for (let seed = 0; seed < 40; seed++) {
      const r = await nearestNeighbors(ref, query, { k: 1, tieBreak: new Rng(seed) });
      picks.add(r.idx[0]!);
      const again = await nearestNeighbors(ref, query, { k: 1, tieBreak: new Rng(seed) });
      expect(again.idx[0]).toBe(r.idx[0]);
    }
    expect(picks.size).toBeGreaterThan(15);
  });

  it('gives identical results with and without worker threads', async () => {
    const rng = new Rng(3);
    const n = 3000;
    const make = (m: number) => {
      const num = Float64Array.from({ length: m * 2 }, () => rng.int(50) / 50);
      const cat = Int32Array.from({ length: m * 3 }, () => rng.int(4));
      return { n: m, nNum: 2, nCat: 3, num, cat } satisfies EncodedRows;
    };
    const ref = make(n);
    const query = make(1500);
    const one = await nearestNeighbors(ref, query, { k: 3, threads: 1, tieBreak: new Rng(1) });
    const two = await nearestNeighbors(ref, query, { k: 3, threads: 2, tieBreak: new Rng(1) });
    expect(Array.from(two.dist)).toEqual(Array.from(one.dist));
    expect(Array.from(two.idx)).toEqual(Array.from(one.idx));
  });
});

import { categoricalFromStrings } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';

function triplesFixed(rows = 50): Table {
  return new Table([
    categoricalFromStrings(
      'a',
      Array.from({ length: rows }, () => 'x'),
    ),
  ]);
}
