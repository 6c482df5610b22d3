import type { Command } from 'commander';
import { evaluate } from '../../fidelity/evaluate.js';
import { renderFidelityHtml } from '../../fidelity/report-html.js';
import { fidelityReportToJson } from '../../fidelity/report-json.js';
import { atomicWriteFile } from '../../io/cleanup.js';
import { Rng } from '../../rng.js';
import type { GlobalContext } from '../context.js';
import { addOptions, loadAgainstReference } from '../inputs.js';
import { option } from '../options.js';

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(4));

export function registerEvaluate(program: Command, ctx: GlobalContext): void {
  const cmd = program
    .command('evaluate')
    .description(
      'score how faithful a synthetic table is to the real one (SDMetrics-compatible quality, diagnostics, accuracy, detection, ML efficacy)',
    )
    .addOption(option('real').makeOptionMandatory())
    .addOption(option('synthetic').makeOptionMandatory())
    .addOption(
      option('holdout', {
        description: 'real rows the generator never saw: accuracy ceiling and TSTR test set',
      }),
    );
  addOptions(cmd, [
    'schema',
    'target',
    'na',
    'seed',
    'minCellCount',
    'jsonReport',
    'htmlReport',
    'quiet',
  ]).action(async (o) => {
    const c = ctx.begin(o);
    const {
      reference: real,
      synthetic,
      holdout,
    } = await loadAgainstReference(
      c,
      o.real,
      { synthetic: o.synthetic as string, holdout: o.holdout as string | undefined },
      o,
      'evaluation',
    );
    c.progress.step('evaluating');
    const report = await evaluate({
      real: real.table,
      synthetic: synthetic!.table,
      ...(holdout ? { holdout: holdout.table } : {}),
      schema: real.schema,
      ...(o.target ? { target: o.target } : {}),
      rng: new Rng(o.seed),
      minCellCount: o.minCellCount,
      onProgress: (f, label) => c.progress.update(f, label),
    });
    c.progress.finish();
    if (o.html) await atomicWriteFile(o.html, await renderFidelityHtml(report));
    if (o.json !== undefined) {
      const text = fidelityReportToJson(report, { timings: true });
      if (o.json === true || o.json === '-') process.stdout.write(text);
      else await atomicWriteFile(o.json, text);
    }
    if (o.json === undefined || (typeof o.json === 'string' && o.json !== '-')) {
      const s = report.summary;
      const lines = [
        `real ${report.inputs.realRows} rows, synthetic ${report.inputs.syntheticRows} rows${holdout ? `, holdout ${report.inputs.holdoutRows} rows` : ''}`,
        `quality (SDMetrics 0.29 default)  ${fmt(s.quality)}   shapes ${fmt(s.columnShapes)}  pair trends ${fmt(s.columnPairTrends)}`,
        `quality (all pairs)               ${fmt(s.qualityAllPairs)}   pair trends ${fmt(s.columnPairTrendsAllPairs)}`,
        `diagnostic                        ${fmt(s.diagnostic)}`,
        `accuracy (1 − TVD)                ${fmt(s.accuracy)}${s.accuracyCeiling !== null ? `   holdout ceiling ${fmt(s.accuracyCeiling)}` : ''}`,
        `detection                         ${fmt(s.detection)}   (AUC ${fmt(s.detectionAuc)})`,
        ...(o.target ? [`ML efficacy on ${o.target}             ${fmt(s.efficacy)}`] : []),
        ...(s.errorCells ? [`error cells: ${s.errorCells} (see the JSON report)`] : []),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      if (o.html) c.log(`HTML report → ${o.html}`);
    }
  });
}
