import { evaluate } from '../fidelity/evaluate.js';
import { roundForJson } from '../fidelity/report-json.js';
import type { FidelityReport } from '../fidelity/report-types.js';
import type { PrivacyLedger } from '../generators/types.js';
import { type AuditReport, audit } from '../privacy/audit.js';
import type { Rng } from '../rng.js';
import type { SchemaDocument } from '../schema/types.js';
import type { Table } from '../table/table.js';
import { auditFigures, fidelityFigures, generatorFigures } from './figures.js';
import { applyPolicy, type Figures, type Policy, type PolicyOutcome } from './policy.js';

/**
 * Verification + policy, shared by `release` (our own output) and `gate` (anyone's output):
 * fidelity evaluation against the training data (with the holdout as ceiling), every privacy audit
 * with the holdout as control, the figure table, and the policy's verdict.
 */
export interface JudgeInput {
  train: Table;
  holdout: Table;
  synthetic: Table;
  schema: SchemaDocument;
  policy: Policy;
  rng: Rng;
  target?: string;
  quasi?: string[];
  sensitive?: string[];
  privacy?: PrivacyLedger;
  onStep?: (label: string) => void;
  onProgress?: (fraction: number, label?: string) => void;
}

export interface Judgement {
  fidelity: FidelityReport;
  audit: AuditReport;
  figures: Figures;
  outcome: PolicyOutcome;
}

export async function judge(input: JudgeInput): Promise<Judgement> {
  const step = input.onStep ?? (() => {});
  const progress = input.onProgress ?? (() => {});
  const { train, holdout, synthetic, schema } = input;
  step('evaluating fidelity');
  const fidelity = await evaluate({
    real: train,
    synthetic,
    holdout,
    schema,
    ...(input.target ? { target: input.target } : {}),
    rng: input.rng.fork('fidelity'),
    onProgress: (f, l) => progress(f, l),
  });
  step('auditing privacy');
  const auditReport = await audit({
    train,
    synthetic,
    holdout,
    schema,
    ...(input.quasi ? { quasi: input.quasi } : {}),
    ...(input.sensitive ? { sensitive: input.sensitive } : {}),
    rng: input.rng.fork('audit'),
    onProgress: (f, l) => progress(f, l),
  });
  step('applying the policy');
  // Rounded like report.json, so `verify` re-derives exactly these numbers from the report.
  const figures = roundForJson({
    ...fidelityFigures(fidelity),
    ...auditFigures(auditReport),
    ...generatorFigures(input.privacy),
  }) as Figures;
  const outcome = applyPolicy(input.policy, figures, { dp: Boolean(input.privacy) });
  return { fidelity, audit: auditReport, figures, outcome };
}
