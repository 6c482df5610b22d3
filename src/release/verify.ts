import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { InputError } from '../errors.js';
import { roundForJson } from '../fidelity/report-json.js';
import type { FidelityReport } from '../fidelity/report-types.js';
import { sha256File } from '../io/sha256.js';
import type { AuditReport } from '../privacy/audit.js';
import { auditFigures, fidelityFigures, generatorFigures } from './figures.js';
import { checkSeal, type Manifest } from './manifest.js';
import { applyPolicy, type Figures } from './policy.js';
import { RELEASE_FILES } from './release.js';

/**
 * `synthgate verify <dir>`: everything a reviewer can check without re-running the release.
 * - the manifest's digest (and signature, if signed) covers its content;
 * - every file it lists hashes to the recorded SHA-256, and a failed release has no synthetic.csv;
 * - the figures re-derived from report.json equal the manifest's figures;
 * - the policy applied to those figures gives the recorded outcome and verdict.
 */
export interface VerifyResult {
  ok: boolean;
  passed: boolean | null;
  problems: string[];
  checked: string[];
}

export async function verifyRelease(
  dir: string,
  opts: { publicKeyPem?: string } = {},
): Promise<VerifyResult> {
  const problems: string[] = [];
  const checked: string[] = [];
  const manifestPath = join(dir, RELEASE_FILES.manifest);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  } catch (e) {
    throw new InputError(
      'E_MANIFEST_READ',
      `cannot read ${RELEASE_FILES.manifest}: ${(e as Error).message}`,
      {
        location: { file: manifestPath },
        hint: 'point verify at a directory written by `synthgate release`',
      },
    );
  }
  problems.push(...checkSeal(manifest, opts.publicKeyPem));
  checked.push(manifest.signature ? 'manifest digest and Ed25519 signature' : 'manifest digest');

  const hashCheck = async (rel: string, expected: string) => {
    const p = join(dir, rel);
    if (!existsSync(p)) return problems.push(`${rel} is missing`);
    const got = await sha256File(p);
    if (got !== expected)
      problems.push(
        `${rel} was modified (SHA-256 ${got.slice(0, 12)}… ≠ recorded ${expected.slice(0, 12)}…)`,
      );
    checked.push(`${rel} SHA-256`);
  };
  for (const r of manifest.reports ?? []) await hashCheck(r.path, r.sha256);
  if (manifest.output) await hashCheck(manifest.output.path, manifest.output.sha256);
  else if (existsSync(join(dir, RELEASE_FILES.synthetic)))
    problems.push(`${RELEASE_FILES.synthetic} exists although the release failed and recorded no output`);

  // Re-derive the figures from the full reports, then the verdict from the figures.
  try {
    const report = JSON.parse(await readFile(join(dir, RELEASE_FILES.reportJson), 'utf8')) as {
      figures: Figures;
      fidelity: FidelityReport;
      audit: AuditReport;
    };
    const derived = roundForJson({
      ...fidelityFigures(report.fidelity),
      ...auditFigures(report.audit),
      ...generatorFigures(manifest.differentialPrivacy?.ledger),
    }) as Figures;
    if (!isDeepStrictEqual(derived, manifest.figures)) {
      const keys = new Set([...Object.keys(derived), ...Object.keys(manifest.figures ?? {})]);
      const diff = [...keys].filter((k) => !isDeepStrictEqual(derived[k], manifest.figures?.[k]));
      problems.push(`figures in the manifest differ from those in report.json: ${diff.join(', ')}`);
    }
    checked.push('figures re-derived from report.json');
  } catch (e) {
    problems.push(`report.json cannot be read: ${(e as Error).message}`);
  }
  const outcome = applyPolicy(manifest.policy, manifest.figures ?? {}, {
    dp: Boolean(manifest.differentialPrivacy),
  });
  if (!isDeepStrictEqual(outcome, manifest.outcome))
    problems.push('the recorded outcome does not follow from the policy and figures');
  if (outcome.passed !== Boolean(manifest.output))
    problems.push('the recorded output does not match the verdict');
  checked.push('verdict re-derived from policy and figures');
  return { ok: problems.length === 0, passed: manifest.outcome?.passed ?? null, problems, checked };
}
