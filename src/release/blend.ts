import { InputError } from '../errors.js';
import type { Rng } from '../rng.js';
import type { RawTable } from '../table/raw-table.js';

/**
 * Mix real and synthetic rows at a deliberate ratio, with provenance on every row.
 *
 * Works on the raw (string) tables so every value is written exactly as its source wrote it. The
 * blend has `rows` rows (default: the synthetic table's count), of which round(ratio·rows) are real
 * rows drawn without replacement, the rest synthetic rows drawn without replacement; rows are then
 * shuffled. `_source` is `real` or `synthetic:<model hash>`. A blend contains real records: it is
 * for internal use (e.g. training with real-data anchoring), never for release.
 */
export interface BlendResult {
  header: string[];
  rows: string[][];
  realRows: number;
  syntheticRows: number;
}

export function blendTables(
  real: RawTable,
  synthetic: RawTable,
  opts: { ratio: number; rows?: number; syntheticLabel: string; rng: Rng },
): BlendResult {
  const names = real.columns.map((c) => c.name);
  const synthNames = synthetic.columns.map((c) => c.name);
  const missing = names.filter((n) => !synthNames.includes(n));
  const extra = synthNames.filter((n) => !names.includes(n));
  if (missing.length || extra.length)
    throw new InputError(
      'E_COLUMNS_DIFFER',
      `real and synthetic columns differ (${[...missing.map((m) => `missing ${m}`), ...extra.map((e) => `extra ${e}`)].join(', ')})`,
      {
        location: { file: synthetic.source.path },
        hint: 'blend tables with the same columns',
      },
    );
  if (names.includes('_source'))
    throw new InputError('E_COLUMN_EXISTS', 'the input already has a _source column', {
      hint: 'rename or drop it before blending',
    });
  const total = opts.rows ?? synthetic.numRows;
  const nReal = Math.round(opts.ratio * total);
  const nSynth = total - nReal;
  if (nReal > real.numRows)
    throw new InputError(
      'E_BLEND_SIZE',
      `ratio ${opts.ratio} of ${total} rows needs ${nReal} real rows, the real table has ${real.numRows}`,
      {
        hint: 'lower --ratio or --rows',
      },
    );
  if (nSynth > synthetic.numRows)
    throw new InputError(
      'E_BLEND_SIZE',
      `${nSynth} synthetic rows needed, the synthetic table has ${synthetic.numRows}`,
      {
        hint: 'raise --ratio, lower --rows, or sample more synthetic rows',
      },
    );
  const realIdx = opts.rng.fork('real').sampleIndices(real.numRows, nReal);
  const synthIdx = opts.rng.fork('synthetic').sampleIndices(synthetic.numRows, nSynth);
  const cell = (t: RawTable, name: string) => {
    const c = t.columns.find((x) => x.name === name)!;
    const na = c.nullToken ?? '';
    return (i: number) => (c.codes[i]! < 0 ? na : c.dictionary[c.codes[i]!]!);
  };
  const realCells = names.map((n) => cell(real, n));
  const synthCells = names.map((n) => cell(synthetic, n));
  const rows: string[][] = [];
  for (const i of realIdx) rows.push([...realCells.map((f) => f(i)), 'real']);
  for (const i of synthIdx) rows.push([...synthCells.map((f) => f(i)), opts.syntheticLabel]);
  opts.rng.fork('order').shuffle(rows);
  return { header: [...names, '_source'], rows, realRows: nReal, syntheticRows: nSynth };
}
