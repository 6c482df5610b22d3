import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/fidelity/evaluate.js';
import { renderFidelityHtml } from '../../src/fidelity/report-html.js';
import { fidelityReportToJson } from '../../src/fidelity/report-json.js';
import { Rng } from '../../src/rng.js';
import { schemaOf, table } from './tiny.js';

/** 300 real rows with an outlier age, rare jobs held by 3 and 8 people, and a hostile category value. */
function data() {
  const rng = new Rng(5);
  const n = 300;
  const age = Array.from({ length: n }, () => Math.round(40 + 12 * rng.normal()));
  age[0] = 987654; // one extreme real value
  age[1] = -31337; // and one extreme minimum
  const job = Array.from({ length: n }, (_, i) =>
    i < 3
      ? 'UniqueSnowflake'
      : i < 11
        ? 'Lighthouse-keeper'
        : i < 60
          ? '<script>alert(1)</script>'
          : rng.uniform() < 0.5
            ? 'clerk'
            : 'nurse',
  );
  const weird = Array.from({ length: n }, (_, i) => (i % 2 ? 'yes' : 'no'));
  const real = table({ age, job, 'we"ird<col>': weird });
  const synthetic = table({
    age: Array.from({ length: n }, () => Math.round(41 + 11 * rng.normal())),
    job: Array.from({ length: n }, () =>
      rng.uniform() < 0.2 ? '<script>alert(1)</script>' : rng.uniform() < 0.5 ? 'clerk' : 'nurse',
    ),
    'we"ird<col>': Array.from({ length: n }, () => (rng.uniform() < 0.5 ? 'yes' : 'no')),
  });
  return { real, synthetic };
}

describe('renderFidelityHtml', async () => {
  const { real, synthetic } = data();
  const report = await evaluate({
    real,
    synthetic,
    schema: schemaOf(real),
    rng: new Rng(0),
    detection: { maxRowsPerSide: 300, nEstimators: 10, maxDepth: 2, folds: 3 },
  });
  const html = await renderFidelityHtml(report);
  const json = fidelityReportToJson(report);

  it('is one self-contained page with every section and its charts', () => {
    for (const id of [
      'summary',
      'shapes',
      'distributions',
      'pair-trends',
      'diagnostics',
      'accuracy',
      'detection',
      'efficacy',
      'methods',
    ]) {
      expect(html).toContain(`<section class="block" id="${id}">`);
    }
    expect(
      (html.match(/<figure class="chart[^"]*"><figcaption>[\s\S]*?<svg /g) ?? []).length,
    ).toBeGreaterThanOrEqual(7);
    expect(html).not.toMatch(/<script>/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toContain('No target column was given');
  });

  it('escapes hostile category values and column names', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('we"ird<col>');
    expect(html).toContain('we&quot;ird&lt;col&gt;');
  });

  it('shows no cell with fewer than 10 real rows: no outlier, no rare category, no real min/max', () => {
    for (const secret of [
      '987654',
      '987,654',
      '987.7k',
      '31337',
      '31,337',
      '31.34k',
      'UniqueSnowflake',
      'Lighthouse',
    ]) {
      expect(html).not.toContain(secret);
      expect(json).not.toContain(secret);
    }
    for (const d of report.distributions) {
      for (const c of d.cells) {
        const realRows = Math.round(c.real * report.inputs.realRows);
        expect(realRows === 0 || realRows >= 10).toBe(true);
      }
    }
    const job = report.distributions.find((d) => d.column === 'job')!;
    expect(job.cells.some((c) => c.other)).toBe(true);
  });

  it('hides a chart whose column has fewer real rows than the threshold', async () => {
    const tiny = table({ x: [1, 2, 3] });
    const r = await evaluate({
      real: tiny,
      synthetic: tiny,
      schema: schemaOf(tiny),
      rng: new Rng(0),
      detection: false,
    });
    expect(r.distributions[0]).toMatchObject({ kind: 'hidden', cells: [] });
    const page = await renderFidelityHtml(r);
    expect(page).toContain('Chart hidden: fewer than 10 real values');
    expect(page).toContain('Detection was skipped');
  });
});
