/**
 * The audit report as one self-contained HTML page: headline risks for GDPR's three anonymisation
 * criteria (WP29 Opinion 05/2014: singling out, linkability, inference) with their 95 % intervals,
 * then each attack explained in plain language with its figures.
 *
 * Disclosure rule: the page never shows a value of a real record, and every count of real records
 * between 1 and 9 is shown as "< 10" (histogram bins of real rows are merged until each holds 0 or
 * ≥ 10 rows), following the report kit's small-cell rule (`DEFAULT_MIN_CELL_COUNT`).
 */
import { card, escapeHtml, figure, htmlTable, renderPage, type Section } from '../report/page.js';
import { type BinCell, DEFAULT_MIN_CELL_COUNT, mergeSparseBins } from '../report/suppress.js';
import { SERIES_COLORS, vegaLiteToSvg } from '../report/vega.js';
import { type AuditReport, isMetricError, type MetricError, type Outcome } from './audit.js';
import type { DcrSummary } from './dcr.js';
import type { InferenceResult } from './inference.js';
import type { AttackRates, SinglingOutResult } from './singling-out.js';
import type { Estimate } from './stats.js';

const MIN = DEFAULT_MIN_CELL_COUNT;

const pct = (x: number, digits = 1): string =>
  Number.isFinite(x) ? `${(100 * x).toFixed(digits)} %` : 'n/a';
const num = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const ciPct = (e: Estimate, digits = 1): string =>
  `${pct(e.value, digits)} [${pct(e.ci[0], digits)}, ${pct(e.ci[1], digits)}]`;
const ciNum = (e: Estimate, digits = 3): string =>
  `${num(e.value, digits)} [${num(e.ci[0], digits)}, ${num(e.ci[1], digits)}]`;
const pValue = (p: number): string => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** A count of real records as HTML: 1–9 hidden as "< 10". */
function realCount(n: number): string {
  return n > 0 && n < MIN ? `&lt; ${MIN}` : n.toLocaleString('en-US');
}

/** A share of `n` rows backed by `count` real records, as HTML; 1–9 records only as an upper bound. */
function realShare(count: number, n: number, e: Estimate, digits = 2): string {
  return count > 0 && count < MIN ? `&lt; ${pct(MIN / n, digits)}` : ciPct(e, digits);
}

/** Reading bands for a risk in [0, 1]: whole interval below 5 % → good, whole interval above 20 % → bad. */
function tone(e: Estimate | null): 'good' | 'warn' | 'bad' | undefined {
  if (!e || !Number.isFinite(e.value)) return undefined;
  if (e.ci[1] < 0.05) return 'good';
  if (e.ci[0] > 0.2) return 'bad';
  return 'warn';
}

function errorBox(e: MetricError): string {
  return `<div class="callout warn"><strong>Could not be computed.</strong> ${escapeHtml(e.error.message)}${
    e.error.hint ? ` <span class="muted">${escapeHtml(e.error.hint)}</span>` : ''
  }</div>`;
}

interface IntervalRow {
  label: string;
  estimate: Estimate;
}

/** A plain inline-SVG interval plot on [0, 1]: one row per estimate, dot = point, bar = 95 % CI. */
export function intervalPlot(
  rows: readonly IntervalRow[],
  opts: { reference?: number; referenceLabel?: string } = {},
): string {
  const labelW = 260;
  const plotW = 380;
  const rowH = 24;
  const top = 22;
  const h = top + rows.length * rowH + 24;
  const w = labelW + plotW + 70;
  const x = (v: number) => labelW + Math.max(0, Math.min(1, v)) * plotW;
  const parts: string[] = [];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="${top - 6}" y2="${h - 20}" stroke="#edf0f5"/>`,
      `<text x="${x(t)}" y="${h - 6}" font-size="10" text-anchor="middle" fill="#4a5566">${t}</text>`,
    );
  }
  if (opts.reference !== undefined)
    parts.push(
      `<line x1="${x(opts.reference)}" x2="${x(opts.reference)}" y1="${top - 10}" y2="${h - 20}" stroke="#9aa5b5" stroke-dasharray="3,3"/>`,
      `<text x="${x(opts.reference)}" y="${top - 12}" font-size="10" text-anchor="middle" fill="#4a5566">${escapeHtml(opts.referenceLabel ?? '')}</text>`,
    );
  rows.forEach((r, i) => {
    const y = top + i * rowH + rowH / 2;
    const t = tone(r.estimate);
    const color =
      t === 'bad' ? '#c0392b' : t === 'warn' ? '#b7791f' : t === 'good' ? '#1f8a4c' : SERIES_COLORS.real;
    const ok = Number.isFinite(r.estimate.value);
    parts.push(
      `<text x="${labelW - 10}" y="${y + 4}" font-size="12" text-anchor="end" fill="#1b2330">${escapeHtml(r.label)}</text>`,
    );
    if (ok)
      parts.push(
        `<line x1="${x(r.estimate.ci[0])}" x2="${x(r.estimate.ci[1])}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="3" stroke-linecap="round"/>`,
        `<circle cx="${x(r.estimate.value)}" cy="${y}" r="4.5" fill="${color}"/>`,
        `<text x="${labelW + plotW + 12}" y="${y + 4}" font-size="11" fill="#4a5566">${num(r.estimate.value, 3)}</text>`,
      );
    else
      parts.push(`<text x="${labelW + 4}" y="${y + 4}" font-size="11" fill="#5b6675">not available</text>`);
  });
  return `<svg role="img" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="system-ui, sans-serif">${parts.join('')}</svg>`;
}

function ratesTable(r: AttackRates): string {
  const row = (name: string, n: number, rate: AttackRates['attack'], what: string) => [
    escapeHtml(name),
    escapeHtml(what),
    realCount(Math.round(n)),
    `${pct(rate.rate)} [${pct(rate.ci[0])}, ${pct(rate.ci[1])}]`,
  ];
  return htmlTable(
    ['Attack', 'Against', 'Successes', 'Success rate [95 % CI]'],
    [
      row('Main', r.nSuccess, r.attack, 'training rows (people the generator learned from)'),
      row('Control', r.nControl, r.control, 'holdout rows (people it never saw)'),
      row('Baseline', r.nBaseline, r.baseline, 'training rows, random guessing'),
    ],
    { numeric: [2, 3] },
  );
}

function attackSection(
  title: string,
  result: Outcome<
    | SinglingOutResult
    | InferenceResult
    | {
        value: number;
        ci: [number, number];
        ciMethod: string;
        rates: AttackRates;
        params: Record<string, unknown>;
      }
  > | null,
  extra = '',
): string {
  if (!result) return '<p class="muted">Not run.</p>';
  if (isMetricError(result)) return `<h3>${escapeHtml(title)}</h3>${errorBox(result)}`;
  const r = result.rates;
  const beat = r.attackBeatsBaseline
    ? ''
    : '<div class="callout warn">The attack did no better than random guessing, so its risk figure cannot be trusted (Anonymeter gives the same warning).</div>';
  return `<h3>${escapeHtml(title)}: risk ${ciPct(result)}</h3>${ratesTable(r)}${beat}<p class="muted">${r.nAttacks.toLocaleString('en-US')} attacks. ${extra}</p>`;
}

/** Merge histogram bins jointly so that each series' bin holds 0 or ≥ 10 rows. */
function safeBins(series: { name: string; hist: DcrSummary['histogram'] }[]): {
  bins: BinCell[];
  hidden: boolean;
} {
  const edges = series[0]!.hist.edges;
  const cells: BinCell[] = edges.slice(0, -1).map((lo, i) => {
    const counts = series.map((s) => s.hist.counts[i]!).filter((c) => c > 0);
    return { label: '', lo, hi: edges[i + 1]!, real: counts.length ? Math.min(...counts) : 0, synthetic: 0 };
  });
  // mergeSparseBins only looks at one count; re-check the merged bins against every series.
  let bins = cells;
  for (let round = 0; round < edges.length; round++) {
    const merged = mergeSparseBins(bins, MIN);
    if (merged.hidden) return { bins: [], hidden: true };
    const recount = merged.cells.map((b) => {
      const counts = series
        .map((s) =>
          s.hist.counts.reduce(
            (acc, c, i) => (edges[i]! >= b.lo && edges[i + 1]! <= b.hi ? acc + c : acc),
            0,
          ),
        )
        .filter((c) => c > 0);
      return { ...b, real: counts.length ? Math.min(...counts) : 0 };
    });
    if (recount.every((b) => b.real === 0 || b.real >= MIN)) return { bins: recount, hidden: false };
    bins = recount;
  }
  return { bins: [], hidden: true };
}

async function dcrChart(series: { name: string; color: string; summary: DcrSummary }[]): Promise<string> {
  const { bins, hidden } = safeBins(series.map((s) => ({ name: s.name, hist: s.summary.histogram })));
  if (hidden) return '<p class="muted">Distribution hidden: too few rows to show without small cells.</p>';
  const edges = series[0]!.summary.histogram.edges;
  const values = bins.flatMap((b, order) =>
    series.map((s) => {
      const count = s.summary.histogram.counts.reduce(
        (acc, c, i) => (edges[i]! >= b.lo && edges[i + 1]! <= b.hi ? acc + c : acc),
        0,
      );
      return {
        bin: `${num(b.lo, 3)}–${num(b.hi, 3)}`,
        order,
        series: s.name,
        share: s.summary.rows ? count / s.summary.rows : 0,
      };
    }),
  );
  const spec = {
    width: 560,
    height: 200,
    data: { values },
    mark: 'bar',
    encoding: {
      x: {
        field: 'bin',
        type: 'ordinal',
        sort: { field: 'order' },
        title: 'distance to the closest training record (mean over columns)',
      },
      xOffset: { field: 'series' },
      y: { field: 'share', type: 'quantitative', title: 'share of rows', axis: { format: '%' } },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: series.map((s) => s.name), range: series.map((s) => s.color) },
      },
    },
  };
  return figure('Distance to the closest training record', await vegaLiteToSvg(spec), {
    wide: true,
    note: `bins merged so that none holds 1–${MIN - 1} rows`,
  });
}

function summarySection(report: AuditReport): string {
  const crit = report.criteria.map((c) =>
    card(
      c.criterion,
      c.risk ? pct(c.risk.value) : 'n/a',
      c.risk ? `95 % CI ${pct(c.risk.ci[0])} – ${pct(c.risk.ci[1])}` : 'not computed',
      tone(c.risk),
    ),
  );
  const extra: string[] = [];
  const memo = report.memorization;
  if (!isMetricError(memo))
    extra.push(
      card(
        'verbatim copies',
        pct(memo.exactMatches.train.share.value, 2),
        `of synthetic rows equal a training row (holdout: ${pct(memo.exactMatches.holdout.share.value, 2)})`,
        tone({
          ...memo.exactMatches.train.share,
          value: memo.exactMatches.train.share.value - memo.exactMatches.holdout.share.value,
        }),
      ),
    );
  const d = report.dcr;
  if (!isMetricError(d)) {
    const copyShare = 0.5 + (0.5 * d.closerToTrain.equalSize) / d.synthToTrain.referenceRows;
    extra.push(
      card(
        'closer to train',
        pct(d.closerToTrain.share.value),
        `of synthetic rows; 50 % = no memorization, ${pct(copyShare)} = a copy of train (${pValue(d.closerToTrain.pValue)})`,
        tone(d.closerToTrain.normalizedExcess),
      ),
    );
  }
  const mia = report.membershipInference;
  if (!isMetricError(mia)) {
    const adv = {
      ...mia.auc,
      value: 2 * mia.auc.value - 1,
      ci: [2 * mia.auc.ci[0] - 1, 2 * mia.auc.ci[1] - 1] as [number, number],
    };
    extra.push(
      card(
        'membership AUC',
        num(mia.auc.value, 3),
        `95 % CI ${num(mia.auc.ci[0], 3)} – ${num(mia.auc.ci[1], 3)} (0.5 = guessing)`,
        tone(adv),
      ),
    );
  }
  const rows: IntervalRow[] = [];
  const add = (
    label: string,
    r: Outcome<{ value: number; ci: [number, number]; ciMethod: string }> | null,
  ) => {
    if (r && !isMetricError(r)) rows.push({ label, estimate: r });
  };
  add('Singling out, univariate', report.singlingOut.univariate);
  add('Singling out, multivariate', report.singlingOut.multivariate);
  add('Linkability', report.linkability);
  for (const r of report.inference) if (!isMetricError(r)) add(`Inference: ${r.secret}`, r);
  if (!isMetricError(d))
    rows.push({ label: 'DCR: closer-to-train excess', estimate: d.closerToTrain.normalizedExcess });
  if (!isMetricError(mia))
    rows.push({
      label: 'Membership inference advantage',
      estimate: {
        value: Math.max(0, 2 * mia.auc.value - 1),
        ci: [Math.max(0, 2 * mia.auc.ci[0] - 1), Math.max(0, 2 * mia.auc.ci[1] - 1)],
        ciMethod: mia.auc.ciMethod,
      },
    });
  if (!isMetricError(memo))
    rows.push({ label: 'Verbatim copies of training rows', estimate: memo.exactMatches.train.share });
  const errs = report.errors.length
    ? `<div class="callout warn">${report.errors.length} metric(s) could not be computed: ${report.errors.map((e) => escapeHtml(e.metric)).join(', ')}. See their sections.</div>`
    : '';
  return `<p class="lead">Each figure is the excess risk of an attack that uses the synthetic table, compared with the same attack on real people the generator never saw (the holdout): 0 means the synthetic data gives the attacker nothing about the training data beyond what it gives about anyone else; 1 is the maximum.</p>
<div class="cards">${crit.join('')}</div>
<div class="cards">${extra.join('')}</div>
${figure('All risks with their 95 % confidence intervals', intervalPlot(rows), { wide: true, note: 'green: whole interval below 5 %; red: whole interval above 20 %; these bands are reading aids, not legal thresholds' })}
${errs}`;
}

function gdprSection(): string {
  return `<p>The EU's data-protection authorities (Article 29 Working Party, Opinion 05/2014 on anonymisation techniques) judge an anonymised dataset by three risks. Data that resists all three is, in their terms, anonymous; the GDPR no longer applies to it. Each attack below is run twice, against the training data and against the holdout, so chance successes (the attacker guessing right about anybody) do not count as leaks; the reported risk is <code>(main − control) / (1 − control)</code> with its 95 % interval, as Anonymeter (Giomi et al. 2023) computes it.</p>
<h3>Singling out</h3><p>Can someone pick out one individual of the training data? The attacker writes conditions from the synthetic table that match exactly one synthetic row (e.g. “the only 90-year-old widower”) and checks whether they also match exactly one training record. Univariate conditions use one rare value or an extreme; multivariate ones combine three columns. A copy of the training data, or any table that keeps its rare values and extremes, singles people out.</p>
<h3>Linkability</h3><p>Can two records about the same person be connected? The attacker holds two datasets with different columns about the same people and uses the synthetic rows nearest to each record to join them; a join succeeds when both halves lead to a common synthetic row.</p>
<h3>Inference</h3><p>Can a sensitive value be deduced? Knowing some of a person's attributes, the attacker takes the nearest synthetic row and reads the sensitive column from it. Only the excess over the holdout counts: general statistical knowledge (e.g. that income correlates with education) is what synthetic data is for, and is not a leak.</p>
<h3>Memorization checks</h3><p>Beyond the three criteria, the audit looks for verbatim copies of training rows, measures how close synthetic rows lie to training rows compared with unseen real rows (distance to closest record), and tries to tell training members from non-members by that distance (membership inference). These detect a generator that memorized its input even when the three attacks find nothing.</p>`;
}

function memorizationSection(report: AuditReport): string {
  const m = report.memorization;
  if (isMetricError(m)) return errorBox(m);
  const e = m.exactMatches;
  const rows = [
    [
      'Training table',
      realCount(e.train.count),
      realShare(e.train.count, m.params.syntheticRows as number, e.train.share),
    ],
    [
      `Training subsample (${e.trainEqualSize.referenceRows.toLocaleString('en-US')} rows, holdout's size)`,
      realCount(e.trainEqualSize.count),
      realShare(e.trainEqualSize.count, m.params.syntheticRows as number, e.trainEqualSize.share),
    ],
    [
      'Holdout table (baseline)',
      realCount(e.holdout.count),
      realShare(e.holdout.count, m.params.syntheticRows as number, e.holdout.share),
    ],
  ];
  const u = m.uniqueReproduced;
  const ids = m.identifierReplay.length
    ? htmlTable(
        [
          'Identifier column',
          'Distinct training values replayed',
          'Share [95 % CI]',
          'Holdout values (chance)',
        ],
        m.identifierReplay.map((r) => [
          escapeHtml(r.column),
          `${realCount(r.replayedTrain)} of ${realCount(r.distinctTrain)}`,
          realShare(r.replayedTrain, r.distinctTrain, r.share),
          `${realCount(r.replayedHoldout)} of ${realCount(r.distinctHoldout)}`,
        ]),
        { numeric: [1, 2] },
      )
    : '<p class="muted">No direct-identifier column was declared in the schema.</p>';
  return `<p>Synthetic rows identical (every audited column equal) to a real row. A generator that does not copy still reproduces common rows by chance, as often as it reproduces holdout rows.</p>
${htmlTable(['Real rows compared against', 'Synthetic rows identical to one', 'Share of synthetic rows [95 % CI]'], rows, { numeric: [1, 2] })}
<p>Training rows that are <em>unique</em> in the training data (the people most exposed by a copy): ${realCount(u.train.reproduced)} of ${realCount(u.train.uniqueRows)} appear in the synthetic table (${realShare(u.train.reproduced, u.train.uniqueRows, u.train.share)}); for the holdout, ${realCount(u.holdout.reproduced)} of ${realCount(u.holdout.uniqueRows)}.</p>
<h3>Direct identifiers replayed</h3>${ids}`;
}

async function dcrSection(report: AuditReport): Promise<string> {
  const d = report.dcr;
  if (isMetricError(d)) return errorBox(d);
  const line = (label: string, s: DcrSummary) => [
    escapeHtml(label),
    s.rows.toLocaleString('en-US'),
    ciNum(s.median, 4),
    num(s.p05, 4),
    pct(s.shareZero, 2),
  ];
  const c = d.closerToTrain;
  const chart = await dcrChart([
    { name: 'synthetic → train', color: SERIES_COLORS.synthetic, summary: d.synthToTrain },
    { name: 'holdout → train', color: SERIES_COLORS.holdout, summary: d.holdoutToTrain },
    { name: 'random → train', color: '#8a94a6', summary: d.randomToTrain },
  ]);
  return `<p>The distance between two records is the mean over columns of a per-column distance: for numbers |a − b| divided by the training column's range (at most 1), for categories 0 when equal and 1 otherwise, for missing values 0 when both are missing and 1 when one is. The distance to closest record (DCR) of a row is its distance to the nearest training row, computed exactly over all rows.</p>
${htmlTable(
  ['Rows', 'Count', 'Median DCR [95 % CI]', '5th percentile', 'Exactly 0'],
  [
    line('Synthetic → train', d.synthToTrain),
    line('Holdout → train (unseen real rows)', d.holdoutToTrain),
    line('Random rows within the real bounds → train', d.randomToTrain),
  ],
  { numeric: [1, 2, 3, 4] },
)}
${chart}
<h3>Closer to training data than to unseen data?</h3>
<p>Each synthetic row's DCR to ${c.equalSize.toLocaleString('en-US')} training rows and to as many holdout rows (equal sizes, so neither side is denser): ${pct(c.share.value)} [${pct(c.share.ci[0])}, ${pct(c.share.ci[1])}] of synthetic rows are closer to the training side (ties count half). Without memorization this is 50 %; one-sided exact binomial test ${pValue(c.pValue)}. Relative to what a verbatim copy of the training data would reach, the excess is ${ciPct(c.normalizedExcess)}.</p>
<p>Median DCR of synthetic rows relative to random rows: ${ciNum(d.baselineRatio, 3)} (1 = no closer to real data than chance). Nearest/second-nearest distance ratio (NNDR), median: ${ciNum(d.nndr, 3)} (near 0 = synthetic rows sit on one specific training record).</p>
<p class="muted">SDMetrics-compatible scores on the full tables: DCRBaselineProtection ${num(d.sdmetrics.DCRBaselineProtection.score, 4)}, DCROverfittingProtection ${num(d.sdmetrics.DCROverfittingProtection.score, 4)} (synthetic rows closer to train than to the whole holdout: ${pct(d.sdmetrics.DCROverfittingProtection.closerToTraining, 2)}; this share is inflated by the training set being larger than the holdout).</p>`;
}

function membershipSection(report: AuditReport): string {
  const m = report.membershipInference;
  if (isMetricError(m)) return errorBox(m);
  return `<p>The attacker scores each of ${Number(m.params.membersAndNonMembers).toLocaleString('en-US')} training records and as many holdout records by how close the nearest synthetic record is, and guesses “was in the training data” for the closest ones.</p>
<div class="cards">${card('AUC', num(m.auc.value, 3), `95 % CI ${num(m.auc.ci[0], 3)} – ${num(m.auc.ci[1], 3)}; 0.5 = guessing`)}${card(
    `TPR at ${pct(m.tprAtFpr.fpr, 0)} FPR`,
    pct(m.tprAtFpr.value),
    `95 % CI ${pct(m.tprAtFpr.ci[0])} – ${pct(m.tprAtFpr.ci[1])}; ${pct(m.tprAtFpr.fpr, 0)} = guessing`,
  )}</div>
<p>AUC is the chance that a random training member looks more exposed than a random non-member. The true-positive rate at a ${pct(m.tprAtFpr.fpr, 0)} false-positive rate asks whether <em>some</em> members can be identified with high confidence, which an average like the AUC can hide.</p>`;
}

function kAnonymitySection(report: AuditReport): string {
  const k = report.kAnonymity;
  if (isMetricError(k)) return errorBox(k);
  const row = (label: string, f: typeof k.exactValues, real: boolean) => {
    const cnt = real ? realCount : (n: number) => n.toLocaleString('en-US');
    const share = (x: number) => {
      const rows = Math.round(x * f.rows);
      return real && rows > 0 && rows < MIN ? `&lt; ${pct(MIN / f.rows)}` : pct(x);
    };
    return [
      escapeHtml(label),
      cnt(f.k),
      f.classes.toLocaleString('en-US'),
      share(f.shareBelow.k2.value),
      share(f.shareBelow.k5.value),
      share(f.shareBelow.k10.value),
      f.lDiversity.map((l) => `${escapeHtml(l.column)}: ${cnt(l.l)}`).join('<br>') || '—',
    ];
  };
  return `<p>Rows with identical quasi-identifier values (${k.quasiIdentifiers.map((q) => `<code>${escapeHtml(q)}</code>`).join(', ')}) form a class; <em>k</em> is the smallest class and <em>l</em> the fewest distinct sensitive values within a class. For synthetic data these are weaker signals than the attacks above (a synthetic row alone in its class is not a real person), but a released table with small classes invites attempts at re-identification.</p>
${htmlTable(
  ['Table', 'k', 'Classes', 'Rows in classes < 2', '< 5', '< 10', 'l-diversity'],
  [
    row('Synthetic, exact values', k.exactValues, false),
    row('Synthetic, numbers in deciles', k.generalized, false),
    row('Training, exact values (context)', k.trainExactValues, true),
    row('Training, numbers in deciles (context)', k.trainGeneralized, true),
  ],
  { numeric: [1, 2, 3, 4, 5] },
)}
<p class="muted">${escapeHtml(k.generalized.generalization)}. Exact values apply no generalization.</p>`;
}

function settingsSection(report: AuditReport): string {
  const c = report.columns;
  const list = (xs: string[]) =>
    xs.length ? xs.map((x) => `<code>${escapeHtml(x)}</code>`).join(', ') : '—';
  const rows = [
    ['Audited columns', list(c.audited)],
    ['Quasi-identifiers', list(c.quasiIdentifiers)],
    ['Sensitive columns', list(c.sensitive)],
    ['Direct identifiers', list(c.directIdentifiers)],
    [
      'Linkability groups',
      c.linkabilityAux ? `${list(c.linkabilityAux[0])}<br>${list(c.linkabilityAux[1])}` : '—',
    ],
    [
      'Attacks',
      escapeHtml(
        `singling out ${report.settings.nAttacks.singlingOut} (univariate) / ${report.settings.nAttacks.singlingOutMultivariate} (multivariate), linkability ${report.settings.nAttacks.linkability} with ${report.settings.linkabilityNeighbors} neighbours, inference ${report.settings.nAttacks.inference}`,
      ),
    ],
    [
      'Rows',
      escapeHtml(
        `train ${report.inputs.trainRows}, synthetic ${report.inputs.syntheticRows}, holdout ${report.inputs.holdoutRows}`,
      ),
    ],
    ['Seed', String(report.seed)],
  ];
  const notes = c.notes.length ? `<ul>${c.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  return `${htmlTable(['Setting', 'Value'], rows)}${notes}`;
}

/**
 * The audit's report sections (for the audit page, and for the release report that embeds them).
 */
export async function auditSections(report: AuditReport): Promise<Section[]> {
  const so = report.singlingOut;
  const soExtra = (r: Outcome<SinglingOutResult>): string => {
    if (isMetricError(r)) return '';
    const notes: string[] = [];
    if (r.queriesGenerated < Number(r.params.nAttacksRequested))
      notes.push(`Only ${r.queriesGenerated} predicates singling out a synthetic row could be generated.`);
    if (r.correction)
      notes.push(
        `Control successes corrected for the holdout's smaller size (×${num(r.correction.factor, 2)}), as Anonymeter does.`,
      );
    if (r.params.design === 'equal-size') {
      const m = Number(r.params.attackedTrainRows);
      const n = Number(r.params.trainRows);
      notes.push(
        `The main attack ran on ${m.toLocaleString('en-US')} of the ${n.toLocaleString('en-US')} training rows (the holdout's size), so both attacks face populations of one size and no fitted correction is needed; a predicate aimed at a training row outside that subsample cannot succeed, so even a verbatim copy of the training data scores only about ${pct(m / n, 0)} of the maximum here (the univariate attack has no such limit).`,
      );
    }
    return notes.join(' ');
  };
  const link = report.linkability;
  const linkExtra =
    link && !isMetricError(link)
      ? `Auxiliary column groups: ${(link.params.auxCols as string[][]).map((g) => g.map((x) => escapeHtml(x)).join(', ')).join(' | ')}; ${link.params.nNeighbors} nearest synthetic rows per group.`
      : '';
  const sections: Section[] = [
    { id: 'summary', title: 'Summary', html: summarySection(report) },
    { id: 'gdpr', title: 'What the numbers mean for GDPR', html: gdprSection() },
    {
      id: 'singling-out',
      title: 'Singling out',
      html:
        attackSection('Univariate predicates', so.univariate, soExtra(so.univariate)) +
        attackSection('Multivariate predicates', so.multivariate, soExtra(so.multivariate)),
    },
    { id: 'linkability', title: 'Linkability', html: attackSection('Linking two datasets', link, linkExtra) },
    {
      id: 'inference',
      title: 'Inference',
      html: report.inference.length
        ? report.inference
            .map((r) =>
              isMetricError(r)
                ? errorBox(r)
                : attackSection(
                    `Secret: ${r.secret}`,
                    r,
                    `Known to the attacker: ${(r.params.auxCols as string[]).map((x) => escapeHtml(x)).join(', ')}.`,
                  ),
            )
            .join('')
        : '<p class="muted">No sensitive column to infer.</p>',
    },
    { id: 'memorization', title: 'Verbatim copies', html: memorizationSection(report) },
    { id: 'dcr', title: 'Distance to closest record', html: await dcrSection(report) },
    { id: 'membership', title: 'Membership inference', html: membershipSection(report) },
    { id: 'k-anonymity', title: 'k-anonymity and l-diversity', html: kAnonymitySection(report) },
    { id: 'settings', title: 'Columns and settings', html: settingsSection(report) },
  ];
  return sections;
}

/**
 * Render an audit report as a self-contained HTML page.
 *
 * @example
 * writeFileSync('audit.html', await renderAuditHtml(report));
 */
export async function renderAuditHtml(report: AuditReport): Promise<string> {
  const sections = await auditSections(report);
  return renderPage({
    title: 'Privacy audit',
    subtitle: `${report.inputs.syntheticRows.toLocaleString('en-US')} synthetic rows against ${report.inputs.trainRows.toLocaleString('en-US')} training and ${report.inputs.holdoutRows.toLocaleString('en-US')} holdout rows`,
    sections,
  });
}
