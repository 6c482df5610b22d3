import type { Command } from 'commander';
import { atomicWriteFile } from '../../io/cleanup.js';
import { audit, isMetricError } from '../../privacy/audit.js';
import { renderAuditHtml } from '../../privacy/report-html.js';
import { auditReportToJson } from '../../privacy/report-json.js';
import { Rng } from '../../rng.js';
import type { GlobalContext } from '../context.js';
import { loadAgainstReference } from '../inputs.js';
import { option } from '../options.js';

const ci = (e: { value: number; ci: [number, number] } | null) =>
  e ? `${e.value.toFixed(4)}  [${e.ci[0].toFixed(4)}, ${e.ci[1].toFixed(4)}]` : 'n/a';

export function registerAudit(program: Command, ctx: GlobalContext): void {
  program
    .command('audit')
    .description(
      'attack a synthetic table like an adversary: memorization, DCR, singling out, linkability, inference, membership, k-anonymity (95 % CIs)',
    )
    .addOption(option('train').makeOptionMandatory())
    .addOption(option('synthetic').makeOptionMandatory())
    .addOption(option('holdout').makeOptionMandatory())
    .addOption(option('schema'))
    .addOption(option('quasi'))
    .addOption(option('sensitive'))
    .addOption(option('na'))
    .addOption(option('seed'))
    .addOption(
      option('json', {
        flags: '--json [audit.json]',
        description: 'full JSON report (stdout, or the file given)',
      }),
    )
    .addOption(option('html', { flags: '--html <audit.html>' }))
    .addOption(option('quiet'))
    .action(async (o) => {
      const c = ctx.begin(o);
      const {
        reference: train,
        synthetic,
        holdout,
      } = await loadAgainstReference(
        c,
        o.train,
        { synthetic: o.synthetic as string, holdout: o.holdout as string },
        o,
        'an audit',
      );
      c.progress.step('auditing');
      const report = await audit({
        train: train.table,
        synthetic: synthetic!.table,
        holdout: holdout!.table,
        schema: train.schema,
        ...(o.quasi ? { quasi: o.quasi } : {}),
        ...(o.sensitive ? { sensitive: o.sensitive } : {}),
        rng: new Rng(o.seed),
        onProgress: (f, label) => c.progress.update(f, label),
      });
      c.progress.finish();
      if (o.html) await atomicWriteFile(o.html, await renderAuditHtml(report));
      if (o.json !== undefined) {
        const text = auditReportToJson(report);
        if (o.json === true || o.json === '-') process.stdout.write(text);
        else await atomicWriteFile(o.json, text);
      }
      if (o.json === undefined || (typeof o.json === 'string' && o.json !== '-')) {
        const lines = [
          `train ${report.inputs.trainRows}, synthetic ${report.inputs.syntheticRows}, holdout ${report.inputs.holdoutRows} rows; value [95 % CI]`,
        ];
        for (const cr of report.criteria)
          lines.push(`${`${cr.criterion} risk`.padEnd(34)}${ci(cr.risk)}   (${cr.metric})`);
        const m = report.memorization;
        if (!isMetricError(m))
          lines.push(
            `${'exact copies of training rows'.padEnd(34)}${ci(m.exactMatches.train.share)}   (${m.exactMatches.train.count} rows; ${m.uniqueReproduced.train.reproduced} unique training rows reproduced)`,
          );
        const d = report.dcr;
        if (!isMetricError(d))
          lines.push(
            `${'DCR share closer to train'.padEnd(34)}${ci(d.closerToTrain.share)}   (0.5 = no memorization; p = ${d.closerToTrain.pValue.toPrecision(3)})`,
          );
        const mi = report.membershipInference;
        if (!isMetricError(mi)) lines.push(`${'membership-inference AUC'.padEnd(34)}${ci(mi.auc)}`);
        for (const e of report.errors) lines.push(`error in ${e.metric}: ${e.error.message}`);
        process.stdout.write(`${lines.join('\n')}\n`);
        if (o.html) c.log(`HTML report → ${o.html}`);
      }
    });
}
