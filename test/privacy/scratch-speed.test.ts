import { writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { audit } from '../../src/privacy/audit.js';
import { renderAuditHtml } from '../../src/privacy/report-html.js';
import { auditReportToJson } from '../../src/privacy/report-json.js';
import { Rng } from '../../src/rng.js';
import { readReference } from './helpers/adult.js';

test('audit html', async () => {
  const train = readReference('adult_train.csv');
  const holdout = readReference('adult_holdout.csv');
  for (const f of ['adult_train.csv', 'synthetic/sdv_tvae_e300.csv']) {
    const synthetic = readReference(f);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await audit({ train, synthetic, holdout, rng: new Rng(0), sensitive: ['income'] });
    const c = process.cpuUsage(c0);
    console.log(f, 'wall', (performance.now() - t0).toFixed(0), 'cpu', ((c.user + c.system) / 1000).toFixed(0), JSON.stringify(r.timingsMs));
    const name = f.replace(/\W/g, '_');
    writeFileSync(`/tmp/pv/${name}.json`, auditReportToJson(r));
    writeFileSync(`/tmp/pv/${name}.html`, await renderAuditHtml(r));
  }
});
