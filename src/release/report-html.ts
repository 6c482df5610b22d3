import { fidelitySections } from '../fidelity/report-html.js';
import type { FidelityReport } from '../fidelity/report-types.js';
import type { PrivacyLedger } from '../generators/types.js';
import type { AuditReport } from '../privacy/audit.js';
import { auditSections } from '../privacy/report-html.js';
import { card, escapeHtml, htmlTable, renderPage, type Section } from '../report/page.js';
import type { CheckResult, Figures, Policy, PolicyOutcome } from './policy.js';
import type { FilterSummary } from './release.js';

/**
 * The release report: one self-contained page a data-protection officer can read top to bottom.
 * Verdict first (every check with its figure, CI, bound and verdict, waivers with their
 * justification), then what the checks mean against GDPR's anonymisation criteria, the filter,
 * provenance, and the full fidelity and privacy sections (which already suppress small real cells).
 */
export interface ReleaseHtmlInput {
  outcome: PolicyOutcome;
  figures: Figures;
  filter: FilterSummary | null;
  fidelity: FidelityReport;
  audit: AuditReport;
  policy: Policy;
  provenance: {
    input: string;
    generator: string;
    modelSha256: string | null;
    seed: number | null;
    createdAt: string;
    privacy: PrivacyLedger | null;
    /** For `gate`: the synthetic file judged. */
    synthetic?: string;
  };
  title?: string;
}

const n4 = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : String(Math.round(x * 10000) / 10000);

const VERDICT_TONE: Record<CheckResult['verdict'], 'good' | 'warn' | 'bad'> = {
  pass: 'good',
  waived: 'warn',
  'not-applicable': 'good',
  fail: 'bad',
  missing: 'bad',
};

function verdictSection(r: ReleaseHtmlInput): Section {
  const o = r.outcome;
  const failing = o.checks.filter((c) => c.verdict === 'fail' || c.verdict === 'missing');
  const waived = o.checks.filter((c) => c.verdict === 'waived');
  const headline = o.passed
    ? `<div class="callout"><strong class="good">PASS</strong> — every check of policy “${escapeHtml(o.policy)}” passed${
        waived.length ? ` (${waived.length} waived, see below)` : ''
      }. The synthetic data set was written.</div>`
    : `<div class="callout warn"><strong class="bad">FAIL</strong> — ${failing.length} check${failing.length === 1 ? '' : 's'} of policy “${escapeHtml(
        o.policy,
      )}” failed: ${failing.map((c) => `<code>${escapeHtml(c.id)}</code>`).join(', ')}. No synthetic data was written.</div>`;
  const rows = o.checks.map((c) => [
    `<code>${escapeHtml(c.id)}</code>`,
    escapeHtml(r.figures[c.figure]?.label ?? c.figure),
    n4(c.value),
    c.ci ? `[${n4(c.ci[0])}, ${n4(c.ci[1])}]` : '—',
    escapeHtml(c.side === 'value' ? 'value' : `${c.side} bound`),
    `${escapeHtml(c.op)} ${n4(c.threshold)}`,
    `<span class="badge ${VERDICT_TONE[c.verdict]}">${escapeHtml(c.verdict)}</span>`,
  ]);
  const waivers = waived.length
    ? `<h3>Waivers</h3>${htmlTable(
        ['Check', 'Justification', 'Approved by', 'Date'],
        waived.map((c) => [
          `<code>${escapeHtml(c.id)}</code>`,
          escapeHtml(c.waiver?.justification ?? ''),
          escapeHtml(c.waiver?.approvedBy ?? '—'),
          escapeHtml(c.waiver?.date ?? '—'),
        ]),
      )}`
    : '';
  const explain = o.checks
    .filter((c) => c.verdict !== 'not-applicable')
    .map(
      (c) =>
        `<li><code>${escapeHtml(c.id)}</code>${c.criterion ? ` <span class="muted">(${escapeHtml(c.criterion)})</span>` : ''}: ${escapeHtml(c.description ?? '')}</li>`,
    )
    .join('');
  const cards = `<div class="cards">${[
    card('Verdict', o.passed ? 'PASS' : 'FAIL', `policy ${o.policy}`, o.passed ? 'good' : 'bad'),
    card('Quality', n4(r.figures['fidelity.quality']?.value), 'SDMetrics-style, 0–1'),
    card(
      'Closer to train than holdout',
      n4(r.figures['privacy.dcr.shareCloserToTrain']?.value),
      'DCR share; 0.5 = no memorization',
    ),
    card(
      'Membership-inference AUC',
      n4(r.figures['privacy.membershipInference.auc']?.value),
      '0.5 = attacker guesses',
    ),
  ].join('')}</div>`;
  return {
    id: 'verdict',
    title: 'Verdict',
    html: `${headline}${cards}${htmlTable(
      ['Check', 'Figure', 'Value', '95 % CI', 'Compared', 'Bound', 'Verdict'],
      rows,
      {
        numeric: [2, 5],
      },
    )}<p class="muted">Figures with a confidence interval are compared on their unfavourable bound, so a result cannot pass on luck.</p>${waivers}<h3>What each check means</h3><ul>${explain}</ul>`,
  };
}

function gdprSection(r: ReleaseHtmlInput): Section {
  const risk = (k: string) => {
    const f = r.figures[k];
    return f ? `${n4(f.value)}${f.ci ? ` (95 % CI ${n4(f.ci[0])}–${n4(f.ci[1])})` : ''}` : 'not computed';
  };
  return {
    id: 'gdpr',
    title: 'Anonymisation criteria (GDPR, WP29 Opinion 05/2014)',
    html: `<p>European data-protection authorities judge anonymisation by three risks. Each is measured here as an attack on the synthetic data, against the training individuals (who must be protected) and against held-out individuals the generator never saw (the control). A risk of 0 means the synthetic data helps the attacker no more against real training individuals than against strangers; 1 means it exposes every targeted individual.</p>
${htmlTable(
  ['Criterion', 'Question', 'Measured risk'],
  [
    [
      'Singling out',
      'Can one isolate a single real person in the data?',
      `univariate ${escapeHtml(risk('privacy.singlingOut.univariate.risk'))}<br>multivariate ${escapeHtml(risk('privacy.singlingOut.multivariate.risk'))}`,
    ],
    [
      'Linkability',
      'Can records about the same person be linked across data sets?',
      escapeHtml(risk('privacy.linkability.risk')),
    ],
    [
      'Inference',
      'Can a sensitive attribute of a person be deduced?',
      escapeHtml(risk('privacy.inference.maxRisk')),
    ],
  ],
)}
<p>Verbatim and near-verbatim copies (memorization) and membership inference are checked as well: a generator that copies training rows fails all three criteria at once for the people copied.</p>`,
  };
}

function filterSection(f: FilterSummary): Section {
  const d = f.dropped;
  return {
    id: 'filter',
    title: 'Filtering',
    html: `<p>${f.sampled.toLocaleString('en-US')} rows were sampled in ${f.rounds} round${f.rounds === 1 ? '' : 's'} to keep ${f.kept.toLocaleString('en-US')} (requested ${f.requested.toLocaleString('en-US')}). Rows dropped, by reason:</p>
${htmlTable(
  ['Reason', 'Rows'],
  [
    ['Exact copy of a training row', String(d.exactCopy)],
    [`Within ${n4(f.nearCopyRadius)} (DCR) of a training row that is unique`, String(d.nearCopyOfUnique)],
    ['Breaks a schema constraint or bound', String(d.constraint)],
    ['Duplicate of another synthetic row', String(d.duplicate)],
  ],
  { numeric: [1] },
)}<p class="muted">Compared on: ${f.columns.map((c) => escapeHtml(c)).join(', ')}.</p>`,
  };
}

function provenanceSection(r: ReleaseHtmlInput): Section {
  const p = r.provenance;
  const rows: string[][] = [
    ['Input', escapeHtml(p.input)],
    ...(p.synthetic ? [['Synthetic data judged', escapeHtml(p.synthetic)]] : []),
    ['Generator', escapeHtml(p.generator)],
    ['Model SHA-256', p.modelSha256 ? `<code>${escapeHtml(p.modelSha256)}</code>` : '—'],
    ['Seed', p.seed === null ? '—' : String(p.seed)],
    ['Started', escapeHtml(p.createdAt)],
    [
      'Differential privacy',
      p.privacy
        ? `ε = ${n4(p.privacy.epsilon)}, δ = ${p.privacy.delta}; ${p.privacy.entries.map((e) => `${escapeHtml(e.step)}: ε ${n4(e.epsilon)} (${escapeHtml(e.mechanism)})`).join('; ')}`
        : 'none (no formal privacy guarantee; the audits above are the evidence)',
    ],
  ];
  return {
    id: 'provenance',
    title: 'Provenance',
    html: `${htmlTable(['', ''], rows)}<p class="muted">File hashes, the split, the policy and every figure are recorded in <code>manifest.json</code>; <code>synthgate verify &lt;dir&gt;</code> checks them.</p>`,
  };
}

const prefix =
  (p: string, label: string) =>
  (s: Section): Section => ({ ...s, id: `${p}-${s.id}`, title: `${label} · ${s.title}` });

export async function renderReleaseHtml(r: ReleaseHtmlInput): Promise<string> {
  const sections: Section[] = [
    verdictSection(r),
    gdprSection(r),
    ...(r.filter ? [filterSection(r.filter)] : []),
    provenanceSection(r),
    ...(await fidelitySections(r.fidelity)).map(prefix('fidelity', 'Fidelity')),
    ...(await auditSections(r.audit)).map(prefix('privacy', 'Privacy')),
  ];
  return renderPage({
    title: r.title ?? `Release report: ${r.outcome.passed ? 'PASS' : 'FAIL'}`,
    subtitle: `${r.provenance.input} · generator ${r.provenance.generator} · policy ${r.outcome.policy}`,
    sections,
    generatedAt: r.provenance.createdAt,
  });
}
