import type { Dataset } from '../dataset.js';
import { evaluate } from '../fidelity/evaluate.js';
import { createGenerator } from '../generators/registry.js';
import { card, escapeHtml, figure, htmlTable, renderPage } from '../report/page.js';
import { vegaLiteToSvg } from '../report/vega.js';
import { Rng } from '../rng.js';
import type { Column } from '../table/column.js';
import { concatTables, type Table } from '../table/table.js';

/**
 * The collapse monitor: what happens when a generator is trained on its own output, generation after
 * generation — the field's known failure mode (Shumailov et al., Nature 2024: "AI models collapse when
 * trained on recursively generated data"): the tails vanish first, then the spread shrinks.
 *
 * Generation 1 is fitted on the real data; generation g > 1 on generation g − 1's output, or — with an
 * anchor share a — on that output with a share a of its rows replaced by real rows (a seeded sample).
 * Every generation is scored against the *original* real data: quality (SDMetrics-style), tail coverage
 * (rare real categories, < 1 %, still present), distinct values per column, standard-deviation ratio of
 * numerics, and detection AUC.
 */
export interface CollapseOptions {
  data: Dataset;
  generator: string;
  params?: Record<string, unknown>;
  generations: number;
  /** Share of real rows mixed into each refit (0 < a < 1); when given, both series run. */
  anchor?: number;
  seed: number;
  onStep?: (label: string) => void;
}

export interface GenerationFigures {
  generation: number;
  quality: number | null;
  qualityAllPairs: number | null;
  tailCoverage: number | null;
  rareCategories: number;
  rareCategoriesKept: number;
  /** Distinct values per column, and their mean ratio to the real data's. */
  distinct: Record<string, number>;
  distinctRatio: number;
  /** Standard deviation of each numeric column over the real one's, and the mean ratio. */
  stdRatio: Record<string, number>;
  stdRatioMean: number;
  detectionAuc: number | null;
}

export interface CollapseSeries {
  anchor: number;
  generations: GenerationFigures[];
}

export interface CollapseReport {
  synthgateCollapse: 1;
  generator: string;
  seed: number;
  rows: number;
  realDistinct: Record<string, number>;
  series: CollapseSeries[];
}

function distinctCount(c: Column): number {
  const seen = new Set<number>();
  for (let i = 0; i < c.valid.size; i++)
    if (c.valid.get(i)) seen.add(c.kind === 'numeric' ? c.values[i]! : c.codes[i]!);
  return c.kind === 'numeric' ? seen.size : new Set([...seen].map((k) => c.dictionary[k])).size;
}

function std(c: Column): number {
  if (c.kind !== 'numeric') return Number.NaN;
  let n = 0;
  let s = 0;
  let ss = 0;
  for (let i = 0; i < c.values.length; i++) {
    if (!c.valid.get(i)) continue;
    const v = c.values[i]!;
    n++;
    s += v;
    ss += v * v;
  }
  return n > 1 ? Math.sqrt(Math.max(0, (ss - (s * s) / n) / (n - 1))) : Number.NaN;
}

async function scoreGeneration(real: Dataset, synth: Table, g: number, rng: Rng): Promise<GenerationFigures> {
  const report = await evaluate({ real: real.table, synthetic: synth, schema: real.schema, rng });
  const distinct: Record<string, number> = {};
  const stdRatio: Record<string, number> = {};
  const ratios: number[] = [];
  const sds: number[] = [];
  for (const cs of real.schema.columns) {
    if (cs.sdtype === 'id' || cs.sdtype === 'pii' || cs.sdtype === 'text') continue;
    const rc = real.table.column(cs.name);
    const sc = synth.column(cs.name);
    distinct[cs.name] = distinctCount(sc);
    const rd = distinctCount(rc);
    if (rd > 0) ratios.push(distinct[cs.name]! / rd);
    if (rc.kind === 'numeric') {
      const r = std(sc) / std(rc);
      if (Number.isFinite(r)) {
        stdRatio[cs.name] = r;
        sds.push(r);
      }
    }
  }
  const tail = report.diagnostics.tailCoverage;
  const mean = (a: number[]) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : Number.NaN);
  return {
    generation: g,
    quality: report.summary.quality,
    qualityAllPairs: report.summary.qualityAllPairs,
    tailCoverage: tail.score,
    rareCategories: tail.rareCategories,
    rareCategoriesKept: tail.coveredRareCategories,
    distinct,
    distinctRatio: mean(ratios),
    stdRatio,
    stdRatioMean: mean(sds),
    detectionAuc: report.summary.detectionAuc,
  };
}

async function runSeries(opts: CollapseOptions, anchor: number): Promise<CollapseSeries> {
  const real = opts.data;
  const n = real.table.numRows;
  const rng = new Rng(opts.seed).fork(`collapse:anchor=${anchor}`);
  const out: GenerationFigures[] = [];
  let trainOn: Table = real.table;
  for (let g = 1; g <= opts.generations; g++) {
    opts.onStep?.(`${anchor ? `anchor ${anchor}` : 'no anchor'}: generation ${g}/${opts.generations}`);
    const model = await createGenerator(opts.generator, opts.params ?? {}).fit(
      trainOn,
      real.schema,
      rng.fork(`fit:${g}`),
    );
    const synth = model.sample(n, rng.fork(`sample:${g}`));
    out.push(await scoreGeneration(real, synth, g, rng.fork(`score:${g}`)));
    if (anchor > 0) {
      const nReal = Math.round(anchor * n);
      const realRows = rng.fork(`anchor:${g}`).sampleIndices(n, nReal);
      trainOn = concatTables([
        synth.take(Uint32Array.from({ length: n - nReal }, (_, i) => i)),
        real.table.take(realRows),
      ]);
    } else trainOn = synth;
  }
  return { anchor, generations: out };
}

export async function runCollapse(opts: CollapseOptions): Promise<CollapseReport> {
  const series = [await runSeries(opts, 0)];
  if (opts.anchor && opts.anchor > 0) series.push(await runSeries(opts, opts.anchor));
  const realDistinct: Record<string, number> = {};
  for (const cs of opts.data.schema.columns)
    if (cs.sdtype !== 'id' && cs.sdtype !== 'pii' && cs.sdtype !== 'text')
      realDistinct[cs.name] = distinctCount(opts.data.table.column(cs.name));
  return {
    synthgateCollapse: 1,
    generator: opts.generator,
    seed: opts.seed,
    rows: opts.data.table.numRows,
    realDistinct,
    series,
  };
}

const label = (a: number) => (a > 0 ? `anchor ${Math.round(a * 100)} % real` : 'no anchor');

export async function renderCollapseHtml(r: CollapseReport): Promise<string> {
  const values = r.series.flatMap((s) =>
    s.generations.flatMap((g) => [
      { series: label(s.anchor), generation: g.generation, metric: 'quality', value: g.quality },
      { series: label(s.anchor), generation: g.generation, metric: 'tail coverage', value: g.tailCoverage },
      {
        series: label(s.anchor),
        generation: g.generation,
        metric: 'distinct values (ratio to real)',
        value: g.distinctRatio,
      },
      {
        series: label(s.anchor),
        generation: g.generation,
        metric: 'std ratio (numerics)',
        value: g.stdRatioMean,
      },
      { series: label(s.anchor), generation: g.generation, metric: 'detection AUC', value: g.detectionAuc },
    ]),
  );
  const charts: string[] = [];
  for (const metric of [
    'tail coverage',
    'quality',
    'distinct values (ratio to real)',
    'std ratio (numerics)',
    'detection AUC',
  ]) {
    const svg = await vegaLiteToSvg({
      width: 320,
      height: 180,
      data: {
        values: values.filter((v) => v.metric === metric && v.value !== null && Number.isFinite(v.value)),
      },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'generation', type: 'ordinal', title: 'generation' },
        y: { field: 'value', type: 'quantitative', title: metric, scale: { zero: false } },
        color: { field: 'series', type: 'nominal', title: null },
      },
    });
    charts.push(figure(metric, svg));
  }
  const last = (s: CollapseSeries) => s.generations[s.generations.length - 1]!;
  const first = r.series[0]!.generations[0]!;
  const cards = r.series.map((s) =>
    card(
      `${label(s.anchor)}: tail coverage, generation 1 → ${last(s).generation}`,
      `${(first.tailCoverage ?? Number.NaN).toFixed(3)} → ${(last(s).tailCoverage ?? Number.NaN).toFixed(3)}`,
      `${last(s).rareCategoriesKept} of ${last(s).rareCategories} rare categories kept`,
      (last(s).tailCoverage ?? 0) < (first.tailCoverage ?? 0) - 0.05 ? 'bad' : 'good',
    ),
  );
  const rows = r.series.flatMap((s) =>
    s.generations.map((g) => [
      escapeHtml(label(s.anchor)),
      String(g.generation),
      fmt(g.quality),
      fmt(g.tailCoverage),
      `${g.rareCategoriesKept}/${g.rareCategories}`,
      fmt(g.distinctRatio),
      fmt(g.stdRatioMean),
      fmt(g.detectionAuc),
    ]),
  );
  return renderPage({
    title: 'Model-collapse monitor',
    subtitle: `${r.generator} refitted on its own output · ${r.rows.toLocaleString('en-US')} rows per generation · seed ${r.seed}`,
    sections: [
      {
        id: 'summary',
        title: 'Summary',
        html: `<div class="cards">${cards.join('')}</div><p>Each generation is fitted on the previous generation's output${
          r.series.length > 1
            ? ', or on that output with a share of real rows mixed back in (the anchor)'
            : ''
        }, and scored against the original real data. Recursive training erases rare values first; an anchor of real rows holds them.</p>`,
      },
      { id: 'charts', title: 'Across generations', html: `<div class="grid">${charts.join('')}</div>` },
      {
        id: 'table',
        title: 'Figures',
        html: htmlTable(
          [
            'Series',
            'Gen.',
            'Quality',
            'Tail coverage',
            'Rare kept',
            'Distinct ratio',
            'Std ratio',
            'Detection AUC',
          ],
          rows,
          {
            numeric: [1, 2, 3, 5, 6, 7],
          },
        ),
      },
    ],
  });
}

const fmt = (x: number | null) => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(3));
