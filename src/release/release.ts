import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Dataset, loadDataset, requireRowsIn } from '../dataset.js';
import { InputError } from '../errors.js';
import { roundForJson } from '../fidelity/report-json.js';
import type { FidelityReport } from '../fidelity/report-types.js';
import type { FittedModel } from '../generators/types.js';
import { atomicWriteFile } from '../io/cleanup.js';
import { stageCsv } from '../io/csv-writer.js';
import { sha256String } from '../io/sha256.js';
import type { AuditReport } from '../privacy/audit.js';
import { Rng } from '../rng.js';
import { tableToRows } from '../schema/format-values.js';
import type { SchemaDocument } from '../schema/types.js';
import { fitModel, sampleModel } from '../synthesize.js';
import type { Table } from '../table/table.js';
import { VERSION } from '../version.js';
import { type FilterReasons, filterSynthetic } from './filter.js';
import { judge } from './judge.js';
import { type FileRecord, MANIFEST_VERSION, type Manifest, sealManifest } from './manifest.js';
import type { Figures, Policy, PolicyOutcome } from './policy.js';
import { renderReleaseHtml } from './report-html.js';
import { splitHoldout } from './split.js';
import { tableCsvSha256 } from './table-hash.js';

/**
 * `synthgate release`: real data in, an audited synthetic CSV out — or no CSV at all.
 *
 * split (seeded; the holdout is never used to fit) → fit → sample → filter (exact copies, near copies
 * of unique training rows, constraint breaches, duplicates; topped up to the requested row count) →
 * fidelity evaluation → privacy audits → policy. Reports and the sealed manifest are always written;
 * `synthetic.csv` only when every check passes (or is waived). The CSV is staged in a temporary file
 * and renamed last, after the manifest, so an interrupted run never leaves a synthetic.csv behind.
 */
export interface ReleaseOptions {
  input: string;
  outDir: string;
  generator: string;
  params?: Record<string, unknown>;
  policy: Policy;
  /** Synthetic rows to release (default: the training split's row count). */
  rows?: number;
  seed: number;
  holdoutFraction: number;
  schemaPath?: string;
  na?: readonly string[];
  target?: string;
  /** Near-copy radius in DCR units (default: 1st percentile of holdout→train DCR). */
  nearCopyRadius?: number;
  /** PEM Ed25519 private key to sign the manifest. */
  signingKeyPem?: string;
  command?: string[];
  onStep?: (label: string) => void;
  onProgress?: (fraction: number, label?: string) => void;
}

export interface FilterSummary {
  requested: number;
  sampled: number;
  rounds: number;
  kept: number;
  dropped: FilterReasons;
  nearCopyRadius: number;
  columns: string[];
}

export interface ReleaseResult {
  passed: boolean;
  outcome: PolicyOutcome;
  figures: Figures;
  filter: FilterSummary;
  manifest: Manifest;
  files: { synthetic: string | null; reportJson: string; reportHtml: string; manifest: string };
  fidelity: FidelityReport;
  audit: AuditReport;
}

export const RELEASE_FILES = {
  synthetic: 'synthetic.csv',
  reportJson: 'report.json',
  reportHtml: 'report.html',
  manifest: 'manifest.json',
} as const;

/** Sample, filter, and top up (prefix-stable sampling: a larger draw extends the smaller one). */
export async function sampleFiltered(
  model: FittedModel,
  train: Table,
  holdout: Table,
  schema: SchemaDocument,
  n: number,
  seed: number,
  radius: number | undefined,
): Promise<{ table: Table; summary: FilterSummary }> {
  let m = Math.ceil(n * 1.02) + 10;
  for (let round = 1; round <= 8; round++) {
    const candidate = sampleModel(model, m, seed);
    const f = await filterSynthetic({
      train,
      holdout,
      synthetic: candidate,
      schema,
      ...(radius !== undefined ? { radius } : {}),
    });
    if (f.keep.length >= n) {
      return {
        table: candidate.take(f.keep.subarray(0, n)),
        summary: {
          requested: n,
          sampled: m,
          rounds: round,
          kept: n,
          dropped: f.dropped,
          nearCopyRadius: f.radius,
          columns: f.columns,
        },
      };
    }
    const keepRate = Math.max(f.keep.length / m, 0.05);
    m = Math.ceil((n / keepRate) * 1.1) + 10;
  }
  throw new InputError(
    'E_FILTER_EXHAUSTED',
    `the filter keeps too few rows to reach ${n} after 8 rounds of sampling`,
    {
      hint: 'the generator reproduces training rows too often; try another generator, fewer --rows, or a smaller near-copy radius',
    },
  );
}

export async function runRelease(opts: ReleaseOptions): Promise<ReleaseResult> {
  const step = opts.onStep ?? (() => {});
  const progress = opts.onProgress ?? (() => {});
  const createdAt = new Date().toISOString();
  const rng = new Rng(opts.seed);
  const paths = {
    synthetic: join(opts.outDir, RELEASE_FILES.synthetic),
    reportJson: join(opts.outDir, RELEASE_FILES.reportJson),
    reportHtml: join(opts.outDir, RELEASE_FILES.reportHtml),
    manifest: join(opts.outDir, RELEASE_FILES.manifest),
  };
  // A synthetic.csv left from an earlier run must not sit beside this run's (possibly failing) verdict.
  await rm(paths.synthetic, { force: true });

  step('reading');
  const ds = await loadDataset(opts.input, {
    ...(opts.na ? { na: opts.na } : {}),
    ...(opts.schemaPath ? { schemaPath: opts.schemaPath } : {}),
  });
  requireRowsIn(ds, 20, 'a release (train/holdout split and audits)');
  const { schema } = ds;

  step('splitting');
  const split = splitHoldout(ds.table.numRows, opts.holdoutFraction, rng.fork('split'));
  const train = ds.table.take(split.train);
  const holdout = ds.table.take(split.holdout);
  const trainHash = tableCsvSha256(train, schema);
  const holdoutHash = tableCsvSha256(holdout, schema);
  const trainDs: Dataset = {
    ...ds,
    table: train,
    source: { ...ds.source, sha256: trainHash.sha256, bytes: trainHash.bytes },
  };

  step(`fitting ${opts.generator}`);
  const fit = await fitModel(trainDs, {
    generator: opts.generator,
    params: opts.params ?? {},
    seed: opts.seed,
    hooks: { onProgress: (f, l) => progress(f, l) },
  });

  step('sampling and filtering');
  const n = opts.rows ?? train.numRows;
  const { table: synthetic, summary: filter } = await sampleFiltered(
    fit.model,
    train,
    holdout,
    schema,
    n,
    opts.seed,
    opts.nearCopyRadius,
  );

  const {
    fidelity,
    audit: auditReport,
    figures,
    outcome,
  } = await judge({
    train,
    holdout,
    synthetic,
    schema,
    policy: opts.policy,
    rng,
    ...(opts.target ? { target: opts.target } : {}),
    ...(fit.model.privacy ? { privacy: fit.model.privacy } : {}),
    onStep: step,
    onProgress: progress,
  });

  step('writing');
  const staged = outcome.passed
    ? await stageCsv(
        paths.synthetic,
        schema.columns.map((c) => c.name),
        tableToRows(synthetic, schema),
      )
    : null;
  try {
    const reportJson = releaseReportJson({ outcome, figures, filter, fidelity, audit: auditReport });
    await atomicWriteFile(paths.reportJson, reportJson);
    const reportHtml = await renderReleaseHtml({
      outcome,
      figures,
      filter,
      fidelity,
      audit: auditReport,
      policy: opts.policy,
      provenance: {
        input: opts.input,
        generator: opts.generator,
        modelSha256: fit.hash,
        seed: opts.seed,
        createdAt,
        privacy: fit.model.privacy ?? null,
      },
    });
    await atomicWriteFile(paths.reportHtml, reportHtml);
    const record = (path: string, sha256: string, extra: Partial<FileRecord> = {}): FileRecord => ({
      path,
      sha256,
      ...extra,
    });
    const manifest = sealManifest(
      {
        synthgateManifest: MANIFEST_VERSION,
        tool: { name: 'synthgate', version: VERSION, node: process.version },
        createdAt,
        completedAt: new Date().toISOString(),
        command: opts.command ?? [],
        seed: opts.seed,
        input: record(opts.input, ds.source.sha256, { rows: ds.table.numRows, bytes: ds.source.bytes }),
        split: {
          holdoutFraction: opts.holdoutFraction,
          train: record('(in memory: training split)', trainHash.sha256, {
            rows: train.numRows,
            bytes: trainHash.bytes,
          }),
          holdout: record('(in memory: holdout split)', holdoutHash.sha256, {
            rows: holdout.numRows,
            bytes: holdoutHash.bytes,
          }),
        },
        output: staged
          ? record(RELEASE_FILES.synthetic, staged.sha256, { rows: staged.rows, bytes: staged.bytes })
          : null,
        schema,
        generator: { name: opts.generator, params: fit.file.model.params, modelSha256: fit.hash },
        differentialPrivacy: fit.model.privacy
          ? { epsilon: fit.model.privacy.epsilon, delta: fit.model.privacy.delta, ledger: fit.model.privacy }
          : null,
        filter: filter as unknown as Record<string, unknown>,
        policy: opts.policy,
        figures,
        outcome,
        reports: [
          record(RELEASE_FILES.reportJson, sha256String(reportJson)),
          record(RELEASE_FILES.reportHtml, sha256String(reportHtml)),
        ],
      },
      opts.signingKeyPem,
    );
    await atomicWriteFile(paths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
    if (staged) await staged.commit();
    return {
      passed: outcome.passed,
      outcome,
      figures,
      filter,
      manifest,
      files: { ...paths, synthetic: staged ? paths.synthetic : null },
      fidelity,
      audit: auditReport,
    };
  } catch (e) {
    await staged?.abort();
    throw e;
  }
}

/** report.json of a release: verdict first, then the filter, then the full fidelity and audit reports. */
export function releaseReportJson(r: {
  outcome: PolicyOutcome;
  figures: Figures;
  filter: FilterSummary;
  fidelity: FidelityReport;
  audit: AuditReport | null;
}): string {
  const { timings: _t, ...fidelity } = r.fidelity;
  const auditPart = r.audit ? (({ timingsMs: _ms, ...rest }) => rest)(r.audit) : null;
  return `${JSON.stringify(
    roundForJson({
      synthgateReleaseReport: 1,
      verdict: r.outcome,
      figures: r.figures,
      filter: r.filter,
      fidelity,
      audit: auditPart,
    }),
    null,
    2,
  )}\n`;
}
