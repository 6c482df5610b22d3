import { card, escapeHtml, figure, htmlTable, renderPage, type Section } from '../report/page.js';
import { vegaLiteToSvg } from '../report/vega.js';
import type { ColumnDistribution } from './distributions.js';
import {
  accuracySpec,
  columnShapesSpec,
  detectionAucSpec,
  detectionFeaturesSpec,
  distributionSpec,
  efficacySpec,
  pairTrendsHeatmapSpec,
} from './report-charts.js';
import { type FidelityReport, isFailure } from './report-types.js';
import type { ColumnScore } from './types.js';

/**
 * The fidelity report as one self-contained HTML page: a summary card row, then sections for
 * column shapes, per-column real-vs-synthetic distributions, pair trends (heat map), diagnostics,
 * accuracy against the holdout ceiling, detection and ML efficacy, and a methods note. Charts are
 * Vega-Lite rendered to inline SVG on the server; the distribution charts use the privacy-safe
 * cells of `report.distributions` (or `charts` when given), so no cell with fewer than
 * `minCellCount` real rows and no real min/max is shown. No script, no external request.
 *
 * @example
 * await writeFile('report.html', await renderFidelityHtml(report));
 */
export async function renderFidelityHtml(
  report: FidelityReport,
  charts: readonly ColumnDistribution[] = report.distributions,
  opts: { title?: string; subtitle?: string; generatedAt?: string } = {},
): Promise<string> {
  const sections = await fidelitySections(report, charts);
  const i = report.inputs;
  return renderPage({
    title: opts.title ?? 'Synthetic data fidelity report',
    subtitle:
      opts.subtitle ??
      `${fmtInt(i.syntheticRows)} synthetic rows vs ${fmtInt(i.realRows)} real rows${
        i.holdoutRows !== null ? ` (holdout ${fmtInt(i.holdoutRows)})` : ''
      } · ${i.columns.length} columns${i.target ? ` · target “${i.target}”` : ''} · seed ${i.seed}`,
    sections,
    ...(opts.generatedAt ? { generatedAt: opts.generatedAt } : {}),
  });
}

/** The fidelity report's sections (for its own page, and for the release report that embeds them). */
export async function fidelitySections(
  report: FidelityReport,
  charts: readonly ColumnDistribution[] = report.distributions,
): Promise<Section[]> {
  return [
    summarySection(report),
    await shapesSection(report),
    await distributionsSection(report, charts),
    await pairTrendsSection(report),
    diagnosticsSection(report),
    await accuracySection(report),
    await detectionSection(report),
    await efficacySection(report),
    methodsSection(report),
  ];
}

function fmt(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
}

function fmtPct(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)} %`;
}

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

function tone(x: number | null | undefined, good = 0.9, warn = 0.75): 'good' | 'warn' | 'bad' | undefined {
  if (x === null || x === undefined || !Number.isFinite(x)) return undefined;
  return x >= good ? 'good' : x >= warn ? 'warn' : 'bad';
}

function scoreCell(x: number | null | undefined, note?: string): string {
  const t = tone(x);
  const v = fmt(x);
  return `${t ? `<span class="${t}">${v}</span>` : v}${note ? ` <span class="muted">${escapeHtml(note)}</span>` : ''}`;
}

function cellText(c: ColumnScore | undefined): string {
  if (!c) return '<span class="muted">n/a</span>';
  if (c.error) return `<span class="bad" title="${escapeHtml(c.error)}">error</span>`;
  return scoreCell(c.score);
}

async function svg(spec: Record<string, unknown>): Promise<string> {
  return vegaLiteToSvg(spec);
}

function summarySection(r: FidelityReport): Section {
  const s = r.summary;
  const q = r.quality;
  const cards = [
    card(
      'Quality (SDMetrics default)',
      fmt(s.quality),
      `${q.default.pairsScored} of ${q.default.pairsTotal} pairs scored`,
      tone(s.quality),
    ),
    card(
      'Quality (all pairs)',
      fmt(s.qualityAllPairs),
      'mean of shapes and all pair trends',
      tone(s.qualityAllPairs),
    ),
    card('Column shapes', fmt(s.columnShapes), 'KS / TV complement', tone(s.columnShapes)),
    card(
      'Column pair trends',
      fmt(s.columnPairTrends),
      `all pairs: ${fmt(s.columnPairTrendsAllPairs)}`,
      tone(s.columnPairTrends),
    ),
    card('Diagnostic', fmt(s.diagnostic), 'validity and structure', tone(s.diagnostic, 0.99, 0.9)),
    card(
      'Accuracy',
      fmt(s.accuracy),
      s.accuracyCeiling !== null ? `holdout ceiling ${fmt(s.accuracyCeiling)}` : 'no holdout: no ceiling',
      tone(s.accuracyCeiling !== null && s.accuracy !== null ? s.accuracy / s.accuracyCeiling : s.accuracy),
    ),
    card(
      'Detection',
      fmt(s.detection),
      s.detectionAuc !== null ? `classifier AUC ${fmt(s.detectionAuc)}` : r.detection ? 'failed' : 'skipped',
      tone(s.detection, 0.5, 0.2),
    ),
    card(
      'ML efficacy',
      fmt(s.efficacy),
      r.efficacy && !isFailure(r.efficacy)
        ? `TSTR ${fmt(r.efficacy.tstr[r.efficacy.primaryMetric])} vs TRTR ${fmt(r.efficacy.trtr[r.efficacy.primaryMetric])} (${r.efficacy.primaryMetric === 'auc' ? 'AUC' : 'R²'})`
        : r.efficacy
          ? 'failed'
          : 'no target given',
      tone(s.efficacy, 0.85, 0.6),
    ),
  ].join('');
  const excluded = r.inputs.columns.filter((c) => !c.scored);
  const notes: string[] = [];
  if (excluded.length > 0) {
    notes.push(
      `<div class="callout">Not scored for shape and pair trends: ${excluded
        .map((c) => `<code>${escapeHtml(c.name)}</code> (${escapeHtml(c.sdtype)})`)
        .join(
          ', ',
        )}. Identifier, PII and free-text columns are regenerated or faked, so matching their real values would be a leak rather than fidelity; they are checked in the diagnostics.</div>`,
    );
  }
  if (r.errors.length > 0) {
    notes.push(
      `<div class="callout warn"><strong>${r.errors.length} metric cell${r.errors.length === 1 ? '' : 's'} could not be computed</strong> (the other figures are unaffected):<ul>${r.errors
        .slice(0, 12)
        .map(
          (e) =>
            `<li>${escapeHtml(e.metric)}${e.column ? ` · <code>${escapeHtml(e.column)}</code>` : ''}${
              e.columns ? ` · <code>${escapeHtml(e.columns.join(' × '))}</code>` : ''
            }: ${escapeHtml(e.error)}</li>`,
        )
        .join('')}</ul></div>`,
    );
  }
  return {
    id: 'summary',
    title: 'Summary',
    html: `<p class="lead">Scores range from 0 to 1; higher is better. Quality reproduces SDMetrics 0.29’s QualityReport (the default scores only column pairs with a strong real association).</p><div class="cards">${cards}</div>${notes.join('')}`,
  };
}

async function shapesSection(r: FidelityReport): Promise<Section> {
  const rows = r.columnShapes.columns.map((c) => [
    `<code>${escapeHtml(c.column)}</code>`,
    escapeHtml(c.metric),
    c.error ? `<span class="bad">${escapeHtml(c.error)}</span>` : scoreCell(c.score, c.note),
  ]);
  const chart = r.columnShapes.columns.some((c) => c.score !== null)
    ? figure('Score per column', await svg(columnShapesSpec(r.columnShapes.columns)), {
        note: 'lowest first',
      })
    : '<p class="muted">No column could be scored.</p>';
  return {
    id: 'shapes',
    title: 'Column shapes',
    html: `<p class="lead">How closely each column’s distribution is reproduced: 1 − Kolmogorov–Smirnov statistic for numbers and dates, 1 − total variation distance for categories. Mean: <strong>${fmt(r.columnShapes.score)}</strong>.</p><div class="split">${chart}<div>${htmlTable(['Column', 'Metric', 'Score'], rows, { numeric: [2] })}</div></div>`,
  };
}

async function distributionsSection(
  r: FidelityReport,
  charts: readonly ColumnDistribution[],
): Promise<Section> {
  const figs: string[] = [];
  for (const d of charts) {
    const caption = `${d.column}`;
    if (d.kind === 'hidden' || d.cells.length === 0) {
      figs.push(
        `<figure class="chart"><figcaption>${escapeHtml(caption)} <span class="muted">${escapeHtml(d.sdtype)}</span></figcaption><p class="muted">Chart hidden: ${escapeHtml(d.note ?? 'nothing to show')}.</p></figure>`,
      );
      continue;
    }
    const notes = [d.sdtype];
    if (d.suppressedCells > 0)
      notes.push(`${d.suppressedCells} small cell${d.suppressedCells === 1 ? '' : 's'} merged`);
    if (d.note) notes.push(d.note);
    figs.push(figure(caption, await svg(distributionSpec(d)), { note: notes.join(' · ') }));
  }
  return {
    id: 'distributions',
    title: 'Distributions',
    html: `<p class="lead">Share of rows per bin or category, real vs synthetic. To keep the report from revealing individuals, every bar holds either no real row or at least ${r.inputs.minCellCount}: sparse bins are merged with a neighbour, rare categories go into “Other”, and the outer bins are open-ended so the real minimum and maximum never appear.</p><div class="charts">${figs.join('')}</div>`,
  };
}

async function pairTrendsSection(r: FidelityReport): Promise<Section> {
  const t = r.columnPairTrends;
  const columns = r.inputs.columns.filter((c) => c.scored).map((c) => c.name);
  const heat = t.pairs.some((p) => p.score !== null)
    ? figure('Pair trend score per column pair', await svg(pairTrendsHeatmapSpec(t.pairs, columns)), {
        wide: true,
        note: 'outlined: pairs scored by the SDMetrics default (strong real association)',
      })
    : '<p class="muted">No column pair could be scored.</p>';
  const strong = t.pairs
    .filter((p) => p.meetsThreshold)
    .map((p) => [
      `<code>${escapeHtml(p.columns[0])}</code> × <code>${escapeHtml(p.columns[1])}</code>`,
      escapeHtml(p.metric === 'CorrelationSimilarity' ? 'correlation' : 'contingency'),
      p.metric === 'CorrelationSimilarity'
        ? `r = ${fmt(p.realCorrelation)}`
        : `V = ${fmt(p.realAssociation)}`,
      p.metric === 'CorrelationSimilarity'
        ? `r = ${fmt(p.syntheticCorrelation)}`
        : '<span class="muted">—</span>',
      scoreCell(p.score),
    ]);
  const worst = t.pairs
    .filter((p) => p.score !== null)
    .sort((a, b) => a.score! - b.score!)
    .slice(0, 8)
    .map((p) => [
      `<code>${escapeHtml(p.columns[0])}</code> × <code>${escapeHtml(p.columns[1])}</code>`,
      p.metric === 'CorrelationSimilarity' ? 'correlation' : 'contingency',
      scoreCell(p.score),
    ]);
  return {
    id: 'pair-trends',
    title: 'Column pair trends',
    html: `<p class="lead">Whether relationships between columns survive: correlation similarity (1 − |r<sub>real</sub> − r<sub>synthetic</sub>|/2) for numeric pairs, contingency similarity (1 − TVD of the joint table) otherwise. Default (|r| &gt; ${t.thresholds.realCorrelation}, Cramér’s V &gt; ${t.thresholds.realAssociation}): <strong>${fmt(t.default.score)}</strong> over ${t.default.pairsScored} pairs; all pairs: <strong>${fmt(t.allPairs.score)}</strong> over ${t.allPairs.pairsScored}.</p><div class="charts">${heat}</div><h3>Strongly associated pairs (scored by default)</h3>${
      strong.length > 0
        ? htmlTable(['Pair', 'Metric', 'Real association', 'Synthetic', 'Score'], strong, { numeric: [4] })
        : '<p class="muted">None.</p>'
    }<h3>Weakest pairs (all pairs)</h3>${htmlTable(['Pair', 'Metric', 'Score'], worst, { numeric: [2] })}`,
  };
}

function diagnosticsSection(r: FidelityReport): Section {
  const d = r.diagnostics;
  const by = <C extends ColumnScore>(cells: readonly C[]) => new Map(cells.map((c) => [c.column, c]));
  const ba = by(d.boundaryAdherence.columns);
  const ca = by(d.categoryAdherence.columns);
  const mv = by(d.missingValueSimilarity.columns);
  const rc = by(d.rangeCoverage.columns);
  const cc = by(d.categoryCoverage.columns);
  const tc = by(d.tailCoverage.columns);
  const idr = by(d.identifierReuse.columns);
  const rows = r.inputs.columns.map((c) => {
    const tail = tc.get(c.name);
    const adherence = ba.get(c.name) ?? ca.get(c.name);
    const coverage = rc.get(c.name) ?? cc.get(c.name);
    const unseen = ca.get(c.name)?.unseenCategories;
    return [
      `<code>${escapeHtml(c.name)}</code>`,
      escapeHtml(c.sdtype),
      cellText(adherence) + (unseen ? ` <span class="muted">${unseen} unseen</span>` : ''),
      cellText(coverage),
      tail?.rareCategories
        ? `${cellText(tail)} <span class="muted">${tail.coveredRareCategories}/${tail.rareCategories} rare</span>`
        : '<span class="muted">—</span>',
      cellText(mv.get(c.name)),
      idr.has(c.name)
        ? `${fmtPct(idr.get(c.name)!.score)} <span class="muted">of values copied</span>`
        : '<span class="muted">—</span>',
    ];
  });
  const sd = d.sdmetrics;
  const structureNote = [
    sd.dataStructure.missingColumns.length
      ? `missing in synthetic: ${sd.dataStructure.missingColumns.join(', ')}`
      : '',
    sd.dataStructure.extraColumns.length
      ? `extra in synthetic: ${sd.dataStructure.extraColumns.join(', ')}`
      : '',
    sd.dataStructure.kindMismatches.length
      ? `different kind: ${sd.dataStructure.kindMismatches.join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join('; ');
  const cards = [
    card(
      'Diagnostic (SDMetrics)',
      fmt(sd.score),
      'mean of validity and structure',
      tone(sd.score, 0.99, 0.9),
    ),
    card(
      'Data validity',
      fmt(sd.dataValidity.score),
      'bounds, categories, keys',
      tone(sd.dataValidity.score, 0.99, 0.9),
    ),
    card(
      'Data structure',
      fmt(sd.dataStructure.score),
      structureNote || 'same columns and kinds',
      tone(sd.dataStructure.score, 0.99, 0.9),
    ),
    card(
      'Tail coverage',
      fmt(d.tailCoverage.score),
      `${d.tailCoverage.coveredRareCategories} of ${d.tailCoverage.rareCategories} rare categories kept`,
      tone(d.tailCoverage.score),
    ),
  ].join('');
  return {
    id: 'diagnostics',
    title: 'Diagnostics',
    html: `<p class="lead">Basic validity: synthetic values inside the real range and categories, coverage of the real range, categories and rare (&lt; 1 %) categories, similar share of missing values, and — for identifier, PII and text columns — how many synthetic values copy a real one (should be 0 %).</p><div class="cards">${cards}</div>${htmlTable(
      ['Column', 'sdtype', 'Adherence', 'Coverage', 'Tail coverage', 'Missing values', 'Identifier reuse'],
      rows,
    )}`,
  };
}

async function accuracySection(r: FidelityReport): Promise<Section> {
  const a = r.accuracy;
  const ceiling = a.ceiling;
  const lead = `1 − total variation distance on binned distributions, with bins fixed by the real training data (up to ${a.bins.maxBins} quantile bins for numbers, categories as they are). ${
    ceiling
      ? `The holdout — real rows no generator saw — scored against the training data gives the ceiling: the best an honest generator can reach at this sample size.`
      : 'Give a holdout table to see the ceiling an honest generator can reach.'
  }`;
  const rows = [
    [
      'Univariate (per column)',
      scoreCell(a.synthetic.univariate),
      ceiling ? scoreCell(ceiling.univariate) : '—',
    ],
    ['Bivariate (per pair)', scoreCell(a.synthetic.bivariate), ceiling ? scoreCell(ceiling.bivariate) : '—'],
    ['<strong>Overall</strong>', scoreCell(a.synthetic.score), ceiling ? scoreCell(ceiling.score) : '—'],
  ];
  const rel =
    a.relativeToCeiling !== null
      ? `<p>Synthetic accuracy is <strong>${fmtPct(a.relativeToCeiling)}</strong> of the ceiling.</p>`
      : '';
  const chart = figure(
    ceiling ? 'Univariate accuracy: synthetic vs holdout ceiling' : 'Univariate accuracy per column',
    await svg(accuracySpec(a)),
  );
  return {
    id: 'accuracy',
    title: 'Accuracy',
    html: `<p class="lead">${escapeHtml(lead)}</p><div class="split">${chart}<div>${htmlTable(['', 'Synthetic', 'Holdout ceiling'], rows, { numeric: [1, 2] })}${rel}</div></div>`,
  };
}

async function detectionSection(r: FidelityReport): Promise<Section> {
  const d = r.detection;
  if (d === null)
    return { id: 'detection', title: 'Detection', html: '<p class="muted">Detection was skipped.</p>' };
  if (isFailure(d)) {
    return {
      id: 'detection',
      title: 'Detection',
      html: `<div class="callout warn">Detection could not run: ${escapeHtml(d.error)}</div>`,
    };
  }
  const charts = [
    figure('Classifier AUC', await svg(detectionAucSpec(d)), {
      note: `diamond: mean of ${d.folds} folds; ticks: folds`,
    }),
    d.topFeatures.some((f) => f.importance > 0)
      ? figure('Columns that give the synthetic data away', await svg(detectionFeaturesSpec(d)))
      : '',
  ].join('');
  return {
    id: 'detection',
    title: 'Detection',
    html: `<p class="lead">A gradient-boosted classifier (${d.model.nEstimators} trees of depth ${d.model.maxDepth}) is trained to tell ${fmtInt(d.rowsPerSide)} real rows from ${fmtInt(d.rowsPerSide)} synthetic rows, with ${d.folds}-fold stratified cross-validation. Mean held-out AUC <strong>${fmt(d.auc)}</strong>; score = clip(2·(1 − AUC), 0, 1) = <strong>${fmt(d.score)}</strong> (1 = indistinguishable).</p><div class="split">${charts}</div>`,
  };
}

async function efficacySection(r: FidelityReport): Promise<Section> {
  const e = r.efficacy;
  if (e === null) {
    return {
      id: 'efficacy',
      title: 'ML efficacy',
      html: '<p class="muted">No target column was given, so ML efficacy was not measured.</p>',
    };
  }
  if (isFailure(e)) {
    return {
      id: 'efficacy',
      title: 'ML efficacy',
      html: `<div class="callout warn">ML efficacy could not run: ${escapeHtml(e.error)}</div>`,
    };
  }
  const task =
    e.task === 'regression'
      ? 'regression (R²)'
      : e.task === 'binary'
        ? 'binary classification'
        : `${e.classes?.count ?? ''}-class classification`;
  const positive = e.classes?.positive
    ? ` Positive class for F1: <code>${escapeHtml(e.classes.positive)}</code>.`
    : '';
  const note = e.note ? `<div class="callout warn">${escapeHtml(e.note)}</div>` : '';
  const rows = (['auc', 'f1', 'accuracy', 'r2'] as const)
    .filter((k) => e.trtr[k] !== undefined || e.tstr[k] !== undefined)
    .map((k) => [
      escapeHtml(k === 'auc' ? 'ROC AUC' : k === 'r2' ? 'R²' : k === 'f1' ? 'F1' : 'accuracy'),
      fmt(e.trtr[k]),
      fmt(e.tstr[k]),
    ]);
  return {
    id: 'efficacy',
    title: 'ML efficacy',
    html: `<p class="lead">Predicting <code>${escapeHtml(e.target)}</code> (${escapeHtml(task)}) with gradient-boosted trees: trained on real data (TRTR) or on synthetic data (TSTR), both tested on ${fmtInt(e.rows.test)} ${e.testSet === 'holdout' ? 'holdout' : 'held-out real'} rows. Score = (TSTR − chance) / (TRTR − chance) on ${e.primaryMetric === 'auc' ? 'AUC (chance 0.5)' : 'R² (chance 0)'} = <strong>${fmt(e.score)}</strong>.${positive}</p>${note}<div class="split">${figure('TRTR vs TSTR', await svg(efficacySpec(e)))}<div>${htmlTable(['Metric', 'TRTR', 'TSTR'], rows, { numeric: [1, 2] })}<p class="muted">Training rows: ${fmtInt(e.rows.trainReal)} real, ${fmtInt(e.rows.trainSynthetic)} synthetic${e.rows.droppedSynthetic ? ` (${fmtInt(e.rows.droppedSynthetic)} synthetic rows dropped: missing or unknown target)` : ''}.</p></div></div>`,
  };
}

function methodsSection(r: FidelityReport): Section {
  const items = [
    'Column shapes, column pair trends and quality follow SDMetrics 0.29.0 definitions: KSComplement / TVComplement per column; CorrelationSimilarity (Pearson) and ContingencySimilarity per pair, with numbers binned by numpy’s 10-bin histogram edges computed on each table separately; Cramér’s V without bias correction for the default threshold.',
    'Diagnostics reproduce SDMetrics’ DiagnosticReport (data validity and data structure) plus coverage, tail coverage (categories under 1 % of real rows) and identifier reuse.',
    'Accuracy uses bins fixed by the real training data so every table is compared on the same grid; the holdout ceiling shows sampling noise alone.',
    `Charts never show a cell with between 1 and ${r.inputs.minCellCount - 1} real rows; numeric bins are open-ended at both ends.`,
    `All random steps (detection samples and folds, model training) derive from seed ${r.inputs.seed}; the same inputs and seed give the same report.`,
  ];
  return {
    id: 'methods',
    title: 'Methods',
    html: `<ul>${items.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`,
  };
}
