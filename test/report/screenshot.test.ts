/**
 * Opens a rendered fidelity report (reference pair sdv_ctgan_e50 of ../shared/reference/) in headless
 * Chromium through scripts/screenshot-report.mjs: no console or page error, no external request,
 * every chart drawn, and a PNG saved. Needs Debian's /usr/bin/chromium; skipped without it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/fidelity/evaluate.js';
import { renderFidelityHtml } from '../../src/fidelity/report-html.js';
import { Rng } from '../../src/rng.js';
import { adultSchema, loadHoldout, loadReal, loadSynthetic } from '../fidelity/adult-fixture.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/screenshot-report.mjs');
const title = hasChromium
  ? 'HTML report in headless Chromium'
  : `HTML report in headless Chromium (skipped: no Chromium at ${CHROMIUM}; install Debian's chromium or set CHROMIUM_PATH)`;

describe(title, () => {
  it.skipIf(!hasChromium)('opens without errors, draws its charts and saves a screenshot', async () => {
    const report = await evaluate({
      real: await loadReal(),
      synthetic: await loadSynthetic('sdv_ctgan_e50'),
      holdout: await loadHoldout(),
      schema: adultSchema(),
      target: 'income',
      rng: new Rng(0),
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'synthgate-screenshot-'));
    const html = path.join(dir, 'report.html');
    const png = path.join(dir, 'report.png');
    writeFileSync(html, await renderFidelityHtml(report));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [SCRIPT, '--html', html, '--out', png, '--min-charts', '20'],
      {
        env: { ...process.env, CHROMIUM_PATH: CHROMIUM },
        timeout: 90_000,
      },
    );
    const summary = JSON.parse(stdout) as {
      ok: boolean;
      problems: string[];
      charts: number;
      sections: number;
    };
    expect(summary.problems).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(summary.charts).toBeGreaterThanOrEqual(20);
    expect(summary.sections).toBe(9);
    expect(statSync(png).size).toBeGreaterThan(100_000);
  });

  it.skipIf(!hasChromium)(
    'fails a page with a console error, a page error or an external request',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'synthgate-screenshot-'));
      const html = path.join(dir, 'bad.html');
      writeFileSync(
        html,
        '<!doctype html><title>bad</title><script>console.error("boom"); null.x;</script><img src="http://198.51.100.7/x.png">',
      );
      const result = await promisify(execFile)(
        process.execPath,
        [SCRIPT, '--html', html, '--out', path.join(dir, 'bad.png'), '--min-charts', '1'],
        {
          env: { ...process.env, CHROMIUM_PATH: CHROMIUM },
          timeout: 60_000,
        },
      ).catch((e: { code: number; stdout: string }) => e);
      expect((result as { code?: number }).code).toBe(1);
      const summary = JSON.parse((result as { stdout: string }).stdout) as {
        ok: boolean;
        problems: string[];
      };
      expect(summary.ok).toBe(false);
      expect(summary.problems.join('\n')).toMatch(/console error: boom/);
      expect(summary.problems.join('\n')).toMatch(/page error/);
      expect(summary.problems.join('\n')).toMatch(/external request: http:\/\/198\.51\.100\.7/);
      expect(summary.problems.join('\n')).toMatch(/expected at least 1 SVG charts, found 0/);
    },
  );
});
