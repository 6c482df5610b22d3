import { SERIES_COLORS } from '../report/vega.js';
import type { ColumnDistribution } from './distributions.js';
import type { AccuracyResult } from './metrics/accuracy.js';
import type { PairTrendCell } from './metrics/column-pair-trends.js';
import type { DetectionResult } from './metrics/detection.js';
import type { EfficacyResult } from './metrics/ml-efficacy.js';
import type { ColumnScore } from './types.js';

/**
 * Vega-Lite specs for the fidelity report's charts. Each builder takes report data only (already
 * suppressed where it shows real data) and returns a spec for `vegaLiteToSvg`.
 */

type Spec = Record<string, unknown>;

const SCORE_COLORS = { KSComplement: '#2f5fb3', TVComplement: '#7fa7e0' };

/** Real vs synthetic shares of one column: vertical grouped bars for bins, horizontal for categories. */
export function distributionSpec(d: ColumnDistribution): Spec {
  const rows = d.cells.flatMap((c) => [
    { label: c.label, table: 'real', share: c.real },
    { label: c.label, table: 'synthetic', share: c.synthetic },
  ]);
  const labels = d.cells.map((c) => c.label);
  const color = {
    field: 'table',
    type: 'nominal',
    scale: { domain: ['real', 'synthetic'], range: [SERIES_COLORS.real, SERIES_COLORS.synthetic] },
    legend: { title: null, orient: 'top', direction: 'horizontal' },
  };
  const share = {
    field: 'share',
    type: 'quantitative',
    axis: { format: '.0%', title: 'share of rows', tickCount: 4 },
  };
  if (d.kind === 'histogram') {
    return {
      width: 330,
      height: 150,
      data: { values: rows },
      mark: { type: 'bar', cornerRadiusEnd: 1 },
      encoding: {
        x: {
          field: 'label',
          type: 'ordinal',
          sort: labels,
          axis: { title: null, labelAngle: -45, labelLimit: 120 },
        },
        xOffset: { field: 'table', sort: ['real', 'synthetic'] },
        y: share,
        color,
      },
    };
  }
  return {
    width: 260,
    height: Math.max(70, labels.length * 17),
    data: { values: rows },
    mark: { type: 'bar', cornerRadiusEnd: 1 },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: labels, axis: { title: null, labelLimit: 170 } },
      yOffset: { field: 'table', sort: ['real', 'synthetic'] },
      x: share,
      color,
    },
  };
}

/** Per-column shape scores as horizontal bars, lowest first, coloured by metric. */
export function columnShapesSpec(columns: readonly ColumnScore[]): Spec {
  const rows = columns
    .filter((c) => c.score !== null)
    .map((c) => ({ column: c.column, metric: c.metric, score: c.score! }))
    .sort((a, b) => a.score - b.score || (a.column < b.column ? -1 : 1));
  const y = {
    field: 'column',
    type: 'nominal',
    sort: rows.map((r) => r.column),
    axis: { title: null, labelLimit: 170 },
  };
  return {
    width: 300,
    height: { step: 19 },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
          y,
          x: {
            field: 'score',
            type: 'quantitative',
            scale: { domain: [0, 1] },
            axis: { title: 'score', tickCount: 5 },
          },
          color: {
            field: 'metric',
            type: 'nominal',
            scale: { domain: Object.keys(SCORE_COLORS), range: Object.values(SCORE_COLORS) },
            legend: { title: null },
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 9, color: '#333' },
        encoding: {
          y,
          x: { field: 'score', type: 'quantitative' },
          text: { field: 'score', type: 'quantitative', format: '.3f' },
        },
      },
    ],
  };
}

/** Heat map of pair-trend scores over every pair (both halves), outlining the pairs the default variant scores. */
export function pairTrendsHeatmapSpec(pairs: readonly PairTrendCell[], columns: readonly string[]): Spec {
  const rows: Array<Record<string, unknown>> = [];
  for (const p of pairs) {
    if (p.score === null) continue;
    const base = { score: p.score, strong: p.meetsThreshold, metric: p.metric };
    rows.push({ a: p.columns[0], b: p.columns[1], ...base });
    rows.push({ a: p.columns[1], b: p.columns[0], ...base });
  }
  const step = columns.length > 24 ? 14 : columns.length > 16 ? 26 : 32;
  const axis = { title: null, labelLimit: 160 };
  const enc = {
    x: { field: 'a', type: 'nominal', sort: columns, axis: { ...axis, labelAngle: -45, orient: 'bottom' } },
    y: { field: 'b', type: 'nominal', sort: columns, axis },
  };
  const layers: Spec[] = [
    {
      mark: { type: 'rect' },
      encoding: {
        ...enc,
        color: {
          field: 'score',
          type: 'quantitative',
          scale: { scheme: 'redyellowgreen', domain: [0.5, 1], clamp: true },
          legend: { title: 'score', gradientLength: 160, orient: 'right' },
        },
      },
    },
    {
      transform: [{ filter: 'datum.strong' }],
      mark: { type: 'rect', fillOpacity: 0, stroke: '#17223b', strokeWidth: 1.6 },
      encoding: enc,
    },
  ];
  if (columns.length <= 24) {
    layers.push({
      mark: { type: 'text', fontSize: columns.length > 16 ? 8 : 9 },
      encoding: {
        ...enc,
        text: { field: 'score', type: 'quantitative', format: '.2f' },
        color: {
          condition: { test: 'datum.score < 0.6 || datum.score > 0.93', value: 'white' },
          value: '#1b2330',
        },
      },
    });
  }
  return { width: { step }, height: { step }, data: { values: rows }, layer: layers };
}

/** Univariate accuracy per column: synthetic vs the holdout ceiling (when there is one). */
export function accuracySpec(acc: AccuracyResult): Spec {
  const rows: Array<Record<string, unknown>> = [];
  for (const c of acc.synthetic.columns)
    if (c.score !== null) rows.push({ column: c.column, series: 'synthetic', score: c.score });
  if (acc.ceiling) {
    for (const c of acc.ceiling.columns)
      if (c.score !== null) rows.push({ column: c.column, series: 'holdout (ceiling)', score: c.score });
  }
  const columns = acc.synthetic.columns.map((c) => c.column);
  return {
    width: 300,
    height: { step: acc.ceiling ? 11 : 17 },
    data: { values: rows },
    mark: { type: 'bar', cornerRadiusEnd: 1 },
    encoding: {
      y: { field: 'column', type: 'nominal', sort: columns, axis: { title: null, labelLimit: 170 } },
      yOffset: { field: 'series', sort: ['synthetic', 'holdout (ceiling)'] },
      x: {
        field: 'score',
        type: 'quantitative',
        scale: { domain: [0, 1] },
        axis: { title: '1 − TVD', tickCount: 5 },
      },
      color: {
        field: 'series',
        type: 'nominal',
        scale: {
          domain: ['synthetic', 'holdout (ceiling)'],
          range: [SERIES_COLORS.synthetic, SERIES_COLORS.holdout],
        },
        legend: { title: null },
      },
    },
  };
}

/** Detection: the mean AUC on a 0.5–1 scale with the fold AUCs as ticks. */
export function detectionAucSpec(d: DetectionResult): Spec {
  const folds = d.foldAuc.map((auc, i) => ({ fold: `fold ${i + 1}`, auc }));
  return {
    width: 420,
    height: 46,
    layer: [
      {
        data: {
          values: [
            { from: 0.5, to: 0.6, band: 'hard to tell apart' },
            { from: 0.6, to: 0.8, band: 'partly detectable' },
            { from: 0.8, to: 1, band: 'easy to tell apart' },
          ],
        },
        mark: { type: 'rect', opacity: 0.35 },
        encoding: {
          x: {
            field: 'from',
            type: 'quantitative',
            scale: { domain: [0.5, 1] },
            axis: { title: 'ROC AUC (0.5 = indistinguishable)', tickCount: 6 },
          },
          x2: { field: 'to' },
          color: {
            field: 'band',
            type: 'nominal',
            scale: {
              domain: ['hard to tell apart', 'partly detectable', 'easy to tell apart'],
              range: ['#3c9d5d', '#e0b13a', '#c94f4f'],
            },
            legend: { title: null, orient: 'top' },
          },
        },
      },
      {
        data: { values: folds },
        mark: { type: 'tick', thickness: 2, color: '#17223b', opacity: 0.6, size: 30 },
        encoding: { x: { field: 'auc', type: 'quantitative' } },
      },
      {
        data: { values: [{ auc: d.auc }] },
        mark: { type: 'point', shape: 'diamond', size: 160, filled: true, color: '#17223b' },
        encoding: { x: { field: 'auc', type: 'quantitative' } },
      },
    ],
  };
}

/** Which columns the detector relied on (share of split gain). */
export function detectionFeaturesSpec(d: DetectionResult): Spec {
  const rows = d.topFeatures.filter((f) => f.importance > 0);
  return {
    width: 300,
    height: Math.max(60, rows.length * 18),
    data: { values: rows },
    mark: { type: 'bar', color: '#8a5cb8', cornerRadiusEnd: 2 },
    encoding: {
      y: { field: 'column', type: 'nominal', sort: rows.map((r) => r.column), axis: { title: null } },
      x: {
        field: 'importance',
        type: 'quantitative',
        axis: { title: 'share of split gain', format: '.0%', tickCount: 5 },
      },
    },
  };
}

/** TRTR vs TSTR on each efficacy metric. */
export function efficacySpec(e: EfficacyResult): Spec {
  const names: Array<[keyof EfficacyResult['trtr'], string]> = [
    ['auc', 'ROC AUC'],
    ['f1', 'F1'],
    ['accuracy', 'accuracy'],
    ['r2', 'R²'],
  ];
  const rows: Array<Record<string, unknown>> = [];
  for (const [k, label] of names) {
    if (e.trtr[k] !== undefined)
      rows.push({ metric: label, series: 'TRTR (trained on real)', value: e.trtr[k] });
    if (e.tstr[k] !== undefined)
      rows.push({ metric: label, series: 'TSTR (trained on synthetic)', value: e.tstr[k] });
  }
  const series = ['TRTR (trained on real)', 'TSTR (trained on synthetic)'];
  return {
    width: { step: 44 },
    height: 170,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
          x: {
            field: 'metric',
            type: 'nominal',
            sort: names.map((n) => n[1]),
            axis: { title: null, labelAngle: 0 },
          },
          xOffset: { field: 'series', sort: series },
          y: {
            field: 'value',
            type: 'quantitative',
            scale: { domain: [Math.min(0, ...rows.map((r) => r.value as number)), 1] },
            axis: { title: null, tickCount: 5 },
          },
          color: {
            field: 'series',
            type: 'nominal',
            scale: { domain: series, range: [SERIES_COLORS.real, SERIES_COLORS.synthetic] },
            legend: { title: null, orient: 'top', direction: 'vertical', labelLimit: 240 },
          },
        },
      },
      {
        mark: { type: 'text', dy: -6, fontSize: 9, color: '#333' },
        encoding: {
          x: { field: 'metric', type: 'nominal', sort: names.map((n) => n[1]) },
          xOffset: { field: 'series', sort: series },
          y: { field: 'value', type: 'quantitative' },
          text: { field: 'value', type: 'quantitative', format: '.2f' },
        },
      },
    ],
  };
}
