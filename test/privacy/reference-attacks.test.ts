/**
 * Singling-out, linkability and inference on every reference triple of ../shared/reference/
 * (train = adult_train.csv, control = adult_holdout.csv, synthetic = the case), with the parameters of
 * the Anonymeter runs there (reference/README.md): SinglingOutEvaluator(univariate, n_attacks=500),
 * LinkabilityEvaluator(n_attacks=5000, n_neighbors=10, aux_cols as recorded),
 * InferenceEvaluator(secret=income, aux = the other 14 columns, n_attacks=5000).
 * Attack success is random, so intervals are compared, not points.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inference } from '../../src/privacy/inference.js';
import { linkability } from '../../src/privacy/linkability.js';
import { singlingOut } from '../../src/privacy/singling-out.js';
import { Rng } from '../../src/rng.js';
import type { Table } from '../../src/table/table.js';
import { CASES, type CaseName, loadReference, readReferenceJson } from './helpers/adult.js';

interface AnonymeterRisk {
  risk: number;
  ci95: [number, number];
}
interface AnonymeterReference {
  singling_out_univariate: AnonymeterRisk;
  linkability: AnonymeterRisk & { aux_cols: [string[], string[]]; n_neighbors: number };
  inference: AnonymeterRisk & { secret: string };
}

const overlaps = (a: [number, number], b: [number, number]) => a[0] <= b[1] && b[0] <= a[1];

let train: Table;
let holdout: Table;
beforeAll(async () => {
  train = await loadReference('adult_train.csv');
  holdout = await loadReference('adult_holdout.csv');
});

for (const name of Object.keys(CASES) as CaseName[]) {
  describe(`Anonymeter reference: ${name}`, () => {
    // ../shared/reference/anonymeter/<case>.json, from Anonymeter 1.0 (+ its singling-out fix).
    const ref = readReferenceJson<AnonymeterReference>(`anonymeter/${name}.json`);
    let synthetic: Table;
    beforeAll(async () => {
      synthetic = await loadReference(CASES[name]);
    });

    it('univariate singling-out risk interval overlaps Anonymeter’s', () => {
      const r = singlingOut(
        { train, synthetic, holdout },
        { mode: 'univariate', nAttacks: 500, rng: new Rng(0) },
      );
      expect(r.queriesGenerated).toBe(500);
      expect(
        overlaps(r.ci, ref.singling_out_univariate.ci95),
        `ours ${r.ci} vs ${ref.singling_out_univariate.ci95}`,
      ).toBe(true);
      if (name === 'copy_train' || name === 'shuffle_columns') expect(r.value).toBeGreaterThan(0.98);
    });

    it('linkability risk interval overlaps Anonymeter’s', async () => {
      const l = ref.linkability;
      const r = await linkability(
        { train, synthetic, holdout },
        { auxCols: l.aux_cols, nAttacks: 5000, nNeighbors: l.n_neighbors, rng: new Rng(0) },
      );
      expect(overlaps(r.ci, l.ci95), `ours ${r.ci} vs ${l.ci95}`).toBe(true);
      if (name === 'shuffle_columns') expect(r.ci[1]).toBeLessThan(0.01);
    });

    it('inference risk interval (secret income) overlaps Anonymeter’s', async () => {
      const aux = train.names.filter((c) => c !== 'income');
      const r = await inference(
        { train, synthetic, holdout },
        { secret: 'income', auxCols: aux, nAttacks: 5000, rng: new Rng(0) },
      );
      expect(overlaps(r.ci, ref.inference.ci95), `ours ${r.ci} vs ${ref.inference.ci95}`).toBe(true);
    });

    if (name === 'shuffle_columns' || name === 'copy_train') {
      it('multivariate singling out separates a copy from a column shuffle', () => {
        const r = singlingOut(
          { train, synthetic, holdout },
          { mode: 'multivariate', nAttacks: 300, rng: new Rng(0) },
        );
        // Anonymeter's point: a shuffle keeps every rare value (univariate risk ≈ 1) but no real combination.
        if (name === 'shuffle_columns') expect(r.ci[1]).toBeLessThan(0.3);
        else expect(r.value).toBeGreaterThan(0.95);
      });
    }
  });
}
