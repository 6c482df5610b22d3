import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelFile } from '../../src/generators/model-file.js';
import type { TvaeModel } from '../../src/generators/tvae.js';
import { sampleModel } from '../../src/synthesize.js';
import type { CategoricalColumn, NumericColumn } from '../../src/table/column.js';
import { runCli, tempDir } from '../cli/run-cli.js';

const ROOT = join(import.meta.dirname, '../..');

describe('reference model (format version 1)', () => {
  it('still loads and samples rows that obey its schema', async () => {
    const { file, model } = await loadModelFile(join(ROOT, 'models/reference-copula-v1.json'));
    expect(file.formatVersion).toBe(1);
    expect(file.generator).toBe('copula');
    expect(file.training.rows).toBe(32561);
    const t = sampleModel(model, 2000, 5);
    expect(t.numRows).toBe(2000);
    expect(t.names).toEqual(model.schema.columns.map((c) => c.name));
    for (const cs of model.schema.columns) {
      const col = t.column(cs.name);
      if (cs.sdtype === 'numerical') {
        const v = (col as NumericColumn).values;
        for (let i = 0; i < v.length; i++) {
          if (!col.valid.get(i)) continue;
          expect(v[i]).toBeGreaterThanOrEqual(cs.min);
          expect(v[i]).toBeLessThanOrEqual(cs.max);
          expect(Number.isInteger(v[i])).toBe(true);
        }
      } else expect((col as CategoricalColumn).dictionary.length).toBeGreaterThan(0);
    }
    // Same model + seed → same rows.
    expect(sampleModel(model, 50, 5).row(49)).toEqual(t.row(49));
  });
});

describe('reference TVAE model (state version 1, before the autoregressive decoder)', () => {
  it('still loads and samples the very rows the version that wrote it sampled', async () => {
    const { file, model } = await loadModelFile(join(ROOT, 'models/reference-tvae-v1.json'));
    expect(file.generator).toBe('tvae');
    // Loaded as the original decoder (re-saved, it becomes a version-2 state without the path).
    expect((model as TvaeModel).params.autoregressive).toBe(false);
    // models/reference-tvae-v1.sample.csv was written by synthgate at commit ba16198 with the same command.
    const out = join(tempDir(), 'sample.csv');
    const r = await runCli([
      'sample',
      join(ROOT, 'models/reference-tvae-v1.json'),
      '--rows',
      '200',
      '--seed',
      '5',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(
      readFileSync(join(ROOT, 'models/reference-tvae-v1.sample.csv'), 'utf8'),
    );
  });
});
