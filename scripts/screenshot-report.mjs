#!/usr/bin/env node
/**
 * Open a fidelity report in headless Chromium, check it, and save a full-page PNG.
 *
 *   node scripts/screenshot-report.mjs [--html report.html] [--case sdv_ctgan_e50] [--out report.png]
 *                                      [--min-charts 10]
 *
 * Without --html it first renders a report for a reference pair of ../shared/reference/ (real =
 * adult_train.csv, synthetic = synthetic/<case>.csv, holdout = adult_holdout.csv, target income),
 * which needs `npm run build` (it imports dist/). The page fails the check on any console error,
 * page error, or request that leaves the page (a self-contained report makes none), and when fewer
 * than --min-charts inline SVG charts are present. Exit code 0 = checks passed; the PNG and a JSON
 * summary on stdout either way.
 *
 * Chromium: /usr/bin/chromium (override with CHROMIUM_PATH).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

const { values: args } = parseArgs({
  options: {
    html: { type: 'string' },
    case: { type: 'string', default: 'sdv_ctgan_e50' },
    out: { type: 'string', default: 'fidelity-report.png' },
    'min-charts': { type: 'string', default: '10' },
  },
});

const NUMERIC = new Set(['age', 'fnlwgt', 'education-num', 'capital-gain', 'capital-loss', 'hours-per-week']);

/** Read a reference CSV with synthgate's ingest and type it under `schema` (`?` stays a category). */
async function loadCsv(file, schema) {
  const { readTable } = await import(pathToFileURL(path.join(repo, 'dist/io/read-table.js')).href);
  const { materialize } = await import(pathToFileURL(path.join(repo, 'dist/schema/materialize.js')).href);
  return materialize(await readTable(file), schema);
}

async function renderReferenceReport(caseName) {
  const dist = (p) => pathToFileURL(path.join(repo, 'dist', p)).href;
  if (!existsSync(path.join(repo, 'dist/fidelity/evaluate.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first, or pass --html');
  }
  const { evaluate } = await import(dist('fidelity/evaluate.js'));
  const { renderFidelityHtml } = await import(dist('fidelity/report-html.js'));
  const { Rng } = await import(dist('rng.js'));
  const ref = path.resolve(repo, '../shared/reference');
  // The metadata of every SDMetrics reference run (reference/README.md): numeric columns numerical.
  const header = readFileSync(path.join(ref, 'adult_train.csv'), 'utf8').split('\n', 1)[0].split(',');
  const schema = {
    synthgateSchema: 1,
    columns: header.map((name) =>
      NUMERIC.has(name)
        ? { name, sdtype: 'numerical', representation: 'integer', min: 0, max: 0, decimals: 0 }
        : { name, sdtype: 'categorical' },
    ),
  };
  const real = await loadCsv(path.join(ref, 'adult_train.csv'), schema);
  const holdout = await loadCsv(path.join(ref, 'adult_holdout.csv'), schema);
  const synthetic =
    caseName === 'copy_train' ? real : await loadCsv(path.join(ref, 'synthetic', `${caseName}.csv`), schema);
  const report = await evaluate({ real, synthetic, holdout, schema, target: 'income', rng: new Rng(0) });
  const html = await renderFidelityHtml(report, report.distributions, {
    subtitle: `Reference pair “${caseName}” · Adult (UCI) · ${report.inputs.syntheticRows.toLocaleString('en-US')} synthetic vs ${report.inputs.realRows.toLocaleString('en-US')} real rows`,
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'synthgate-report-'));
  const file = path.join(dir, `${caseName}.html`);
  await writeFile(file, html);
  return file;
}

/**
 * Open `htmlFile` in headless Chromium and check it; returns a summary object.
 * @param {string} htmlFile
 * @param {{ out: string, minCharts: number, executablePath?: string }} opts
 */
export async function screenshotReport(htmlFile, opts) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: opts.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const problems = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1320, height: 900 }, deviceScaleFactor: 1 });
    const pageUrl = pathToFileURL(path.resolve(htmlFile)).href;
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pageUrl || url.startsWith('data:')) return route.continue();
      problems.push(`external request: ${url}`);
      return route.abort();
    });
    await page.goto(pageUrl, { waitUntil: 'load' });
    const charts = await page.locator('figure.chart svg').count();
    const sections = await page.locator('section.block').count();
    const title = await page.title();
    if (charts < opts.minCharts) problems.push(`expected at least ${opts.minCharts} SVG charts, found ${charts}`);
    // Every chart must have drawn marks (bars, rects, paths), not just an empty frame.
    const emptyCharts = await page.evaluate(
      () =>
        [...document.querySelectorAll('figure.chart svg')].filter(
          (s) => s.querySelectorAll('path, rect, line, text').length < 3,
        ).length,
    );
    if (emptyCharts > 0) problems.push(`${emptyCharts} chart(s) have no marks`);
    await page.screenshot({ path: opts.out, fullPage: true });
    return { ok: problems.length === 0, problems, charts, sections, title, screenshot: path.resolve(opts.out), html: path.resolve(htmlFile) };
  } finally {
    await browser.close();
  }
}

async function main() {
  const html = args.html ?? (await renderReferenceReport(args.case));
  const summary = await screenshotReport(html, { out: args.out, minCharts: Number(args['min-charts']) });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  process.exitCode = summary.ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(`screenshot-report: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
