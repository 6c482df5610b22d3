import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadDataset, naTokens, requireRowsIn } from '../../dataset.js';
import { GateError, InputError, UsageError } from '../../errors.js';
import { getGeneratorFactory } from '../../generators/registry.js';
import { atomicWriteFile } from '../../io/cleanup.js';
import { writeCsv } from '../../io/csv-writer.js';
import { readTable } from '../../io/read-table.js';
import { blendTables } from '../../release/blend.js';
import { renderCollapseHtml, runCollapse } from '../../release/collapse.js';
import { DEFAULT_POLICY } from '../../release/default-policy.js';
import { judge } from '../../release/judge.js';
import type { PolicyOutcome } from '../../release/policy.js';
import { loadPolicy, policyToJson } from '../../release/policy-file.js';
import { releaseReportJson, runRelease } from '../../release/release.js';
import { renderReleaseHtml } from '../../release/report-html.js';
import { verifyRelease } from '../../release/verify.js';
import { Rng } from '../../rng.js';
import type { GlobalContext } from '../context.js';
import { loadAgainstReference } from '../inputs.js';
import { generatorParams, option, parseParams } from '../options.js';

async function readPem(path: string | undefined, what: string): Promise<string | undefined> {
  if (!path) return undefined;
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new InputError('E_KEY_READ', `cannot read ${what}: ${(e as Error).message}`, {
      location: { file: path },
      hint: 'create an Ed25519 key with `openssl genpkey -algorithm ed25519 -out key.pem`',
    });
  }
}

function outcomeLines(o: PolicyOutcome): string[] {
  return o.checks.map((c) => {
    const v = c.compared === null ? 'n/a' : String(c.compared);
    return `  ${c.verdict.toUpperCase().padEnd(14)} ${c.id.padEnd(28)} ${c.side === 'value' ? 'value' : `${c.side} bound`} ${v} ${c.op} ${c.threshold}`;
  });
}

function refuse(o: PolicyOutcome, where: string): never {
  throw new GateError(
    'E_GATE_FAILED',
    `policy "${o.policy}" refused the synthetic data: failing checks ${o.failing.join(', ')}`,
    {
      hint: `${where}; a check may be waived in the policy with a written justification`,
    },
  );
}

export function registerRelease(program: Command, ctx: GlobalContext): void {
  program
    .command('release')
    .description(
      'split, fit, sample, filter, verify, audit and apply the policy: writes synthetic.csv only if every check passes (exit 3 otherwise)',
    )
    .argument('<data>', 'real data: CSV, Parquet, JSON or NDJSON')
    .requiredOption(
      '-o, --out <dir>',
      'output directory: synthetic.csv (on pass), report.html, report.json, manifest.json',
    )
    .addOption(option('generator'))
    .addOption(option('param'))
    .addOption(option('epsilon'))
    .addOption(option('delta'))
    .option(
      '--policy <policy.json>',
      'release policy (default: the built-in policy; see `synthgate policy init`)',
    )
    .addOption(
      option('rows', { description: 'synthetic rows to release (default: the training split size)' }),
    )
    .addOption(option('seed'))
    .addOption(option('holdoutFraction'))
    .addOption(option('schema'))
    .addOption(option('target'))
    .option(
      '--near-copy-radius <d>',
      'drop rows this close (DCR) to a unique training row (default: 1st percentile of holdout→train DCR)',
      (v) => {
        const x = Number(v);
        if (!(x >= 0 && x <= 1))
          throw new UsageError('E_BAD_OPTION', `--near-copy-radius must be in [0, 1], got "${v}"`);
        return x;
      },
    )
    .option('--sign-key <key.pem>', 'Ed25519 private key (PEM) to sign the manifest')
    .addOption(option('na'))
    .addOption(option('json'))
    .addOption(option('quiet'))
    .action(async (data: string, o) => {
      const c = ctx.begin(o);
      getGeneratorFactory(o.generator);
      const policy = await loadPolicy(o.policy);
      const signingKeyPem = await readPem(o.signKey, 'the signing key');
      const t0 = performance.now();
      const r = await runRelease({
        input: data,
        outDir: o.out,
        generator: o.generator,
        params: generatorParams(o),
        policy,
        ...(o.rows ? { rows: o.rows } : {}),
        seed: o.seed,
        holdoutFraction: o.holdoutFraction,
        ...(o.schema ? { schemaPath: o.schema } : {}),
        ...(o.na ? { na: o.na } : {}),
        ...(o.target ? { target: o.target } : {}),
        ...(o.nearCopyRadius !== undefined ? { nearCopyRadius: o.nearCopyRadius } : {}),
        ...(signingKeyPem ? { signingKeyPem } : {}),
        command: ['synthgate', ...process.argv.slice(2)],
        onStep: (s) => c.progress.step(s),
        onProgress: (f, l) => c.progress.update(f, l ?? ''),
      });
      c.progress.finish();
      const seconds = (performance.now() - t0) / 1000;
      const d = r.filter.dropped;
      const summary = {
        passed: r.passed,
        outDir: o.out,
        files: r.files,
        seconds: Math.round(seconds * 1000) / 1000,
        filter: r.filter,
        failing: r.outcome.failing,
        checks: r.outcome.checks,
      };
      if (o.json !== undefined) await c.emitJson(o.json, summary);
      else {
        c.log(
          `filter: kept ${r.filter.kept} of ${r.filter.sampled} sampled rows (dropped: ${d.exactCopy} exact copies, ${d.nearCopyOfUnique} near copies of unique rows, ${d.constraint} constraint breaches, ${d.duplicate} duplicates)`,
        );
        c.log(`policy ${r.outcome.policy}: ${r.passed ? 'PASS' : 'FAIL'} (${seconds.toFixed(1)} s)`);
        for (const l of outcomeLines(r.outcome)) c.log(l);
        c.log(r.passed ? `released → ${r.files.synthetic}` : `no synthetic.csv written; reports in ${o.out}`);
      }
      if (!r.passed) refuse(r.outcome, `see ${r.files.reportHtml}`);
    });

  program
    .command('gate')
    .description(
      "apply synthgate's audits and release policy to a synthetic table made by another tool (exit 3 if it fails)",
    )
    .addOption(option('train').makeOptionMandatory())
    .addOption(option('holdout').makeOptionMandatory())
    .addOption(option('synthetic').makeOptionMandatory())
    .option('--policy <policy.json>', 'release policy (default: the built-in policy)')
    .addOption(option('schema'))
    .addOption(option('target'))
    .addOption(option('quasi'))
    .addOption(option('sensitive'))
    .addOption(option('na'))
    .addOption(option('seed'))
    .addOption(option('jsonReport'))
    .addOption(option('htmlReport'))
    .addOption(option('quiet'))
    .action(async (o) => {
      const c = ctx.begin(o);
      const policy = await loadPolicy(o.policy);
      const {
        reference: train,
        synthetic,
        holdout,
      } = await loadAgainstReference(
        c,
        o.train,
        { synthetic: o.synthetic as string, holdout: o.holdout as string },
        o,
        'the gate',
      );
      const createdAt = new Date().toISOString();
      const j = await judge({
        train: train.table,
        holdout: holdout!.table,
        synthetic: synthetic!.table,
        schema: train.schema,
        policy,
        rng: new Rng(o.seed),
        ...(o.target ? { target: o.target } : {}),
        ...(o.quasi ? { quasi: o.quasi } : {}),
        ...(o.sensitive ? { sensitive: o.sensitive } : {}),
        onStep: (s) => c.progress.step(s),
        onProgress: (f, l) => c.progress.update(f, l ?? ''),
      });
      c.progress.finish();
      if (o.html)
        await atomicWriteFile(
          o.html,
          await renderReleaseHtml({
            outcome: j.outcome,
            figures: j.figures,
            filter: null,
            fidelity: j.fidelity,
            audit: j.audit,
            policy,
            title: `Gate report: ${j.outcome.passed ? 'PASS' : 'FAIL'}`,
            provenance: {
              input: o.train,
              synthetic: o.synthetic,
              generator: 'external',
              modelSha256: null,
              seed: o.seed,
              createdAt,
              privacy: null,
            },
          }),
        );
      const text = releaseReportJson({
        outcome: j.outcome,
        figures: j.figures,
        filter: null as never,
        fidelity: j.fidelity,
        audit: j.audit,
      });
      if (o.json === true || o.json === '-') process.stdout.write(text);
      else if (typeof o.json === 'string') await atomicWriteFile(o.json, text);
      if (o.json !== true && o.json !== '-') {
        c.log(`policy ${j.outcome.policy}: ${j.outcome.passed ? 'PASS' : 'FAIL'}`);
        for (const l of outcomeLines(j.outcome)) c.log(l);
      }
      if (!j.outcome.passed)
        refuse(
          j.outcome,
          o.html ? `see ${o.html}` : 'rerun with --html report.html for the explanation of each check',
        );
    });

  program
    .command('verify')
    .description(
      're-hash the files of a release directory and re-derive its verdict from the manifest (exit 3 on any mismatch)',
    )
    .argument('<dir>', 'directory written by `synthgate release`')
    .option('--public-key <key.pem>', 'also require the manifest to be signed by this Ed25519 public key')
    .addOption(option('json'))
    .addOption(option('quiet'))
    .action(async (dir: string, o) => {
      const c = ctx.begin(o);
      const publicKeyPem = await readPem(o.publicKey, 'the public key');
      const r = await verifyRelease(dir, publicKeyPem ? { publicKeyPem } : {});
      if (o.json !== undefined) await c.emitJson(o.json, r);
      else {
        for (const p of r.checked) c.log(`checked: ${p}`);
        for (const p of r.problems) c.log(`PROBLEM: ${p}`);
      }
      if (!r.ok)
        throw new GateError('E_VERIFY_FAILED', `verification of ${dir} failed: ${r.problems.join('; ')}`, {
          hint: 'the release directory was altered after it was written; re-run the release',
        });
      if (o.json === undefined)
        c.log(`verified: ${dir} is intact; recorded verdict ${r.passed ? 'PASS' : 'FAIL'}`);
    });

  const policy = program.command('policy').description('release policies');
  policy
    .command('init')
    .description('write the default policy as an editable JSON file')
    .option('-o, --out <policy.json>', 'where to write it', 'policy.json')
    .addOption(option('quiet'))
    .action(async (o) => {
      await atomicWriteFile(o.out, policyToJson(DEFAULT_POLICY));
      ctx.begin(o).log(`default policy written to ${o.out}`);
    });
  policy
    .command('check')
    .description('validate a policy file')
    .argument('<policy.json>')
    .action(async (path: string) => {
      const p = await loadPolicy(path);
      process.stdout.write(
        `policy "${p.name}": ${p.checks.length} checks, ${(p.waivers ?? []).length} waivers — valid\n`,
      );
    });

  program
    .command('blend')
    .description(
      'mix real and synthetic rows at a deliberate ratio with a _source provenance column (the result contains real rows: not shareable)',
    )
    .addOption(option('real').makeOptionMandatory())
    .addOption(option('synthetic').makeOptionMandatory())
    .requiredOption('--ratio <r>', 'share of real rows in the blend, in [0, 1]', (v) => {
      const x = Number(v);
      if (!(x >= 0 && x <= 1)) throw new UsageError('E_BAD_OPTION', `--ratio must be in [0, 1], got "${v}"`);
      return x;
    })
    .addOption(option('out').makeOptionMandatory())
    .addOption(option('rows', { description: 'rows in the blend (default: the synthetic table’s)' }))
    .option(
      '--manifest <manifest.json>',
      'release manifest of the synthetic data: its model hash labels the synthetic rows',
    )
    .option(
      '--model-hash <sha256>',
      'model hash for the synthetic rows (default: from --manifest, else the synthetic file’s SHA-256)',
    )
    .addOption(option('na'))
    .addOption(option('seed'))
    .addOption(option('quiet'))
    .action(async (o) => {
      const c = ctx.begin(o);
      const na = naTokens(o.na);
      const real = await readTable(o.real, { naTokens: na });
      const synthetic = await readTable(o.synthetic, { naTokens: na });
      let hash: string = o.modelHash;
      if (!hash && o.manifest) {
        try {
          hash = JSON.parse(await readFile(o.manifest, 'utf8')).generator.modelSha256;
        } catch (e) {
          throw new InputError(
            'E_MANIFEST_READ',
            `cannot read the model hash from the manifest: ${(e as Error).message}`,
            {
              location: { file: o.manifest },
            },
          );
        }
      }
      const label = hash ? `synthetic:${hash}` : `synthetic:file-sha256:${synthetic.source.sha256}`;
      const b = blendTables(real, synthetic, {
        ratio: o.ratio,
        ...(o.rows ? { rows: o.rows } : {}),
        syntheticLabel: label,
        rng: new Rng(o.seed),
      });
      await writeCsv(o.out, b.header, b.rows);
      process.stderr.write(
        `warning: ${o.out} contains ${b.realRows} REAL rows (marked _source=real). A blend is for internal use (e.g. training with real-data anchoring); it is not anonymous and must not be shared.\n`,
      );
      c.log(`blend: ${b.realRows} real + ${b.syntheticRows} synthetic rows → ${o.out}`);
    });

  program
    .command('collapse')
    .description(
      'model-collapse monitor: refit a generator on its own output for several generations, with and without a real-data anchor',
    )
    .argument('<data>', 'real data')
    .option(
      '--generations <n>',
      'generations to run',
      (v) => {
        const x = Number(v);
        if (!Number.isInteger(x) || x < 1 || x > 50)
          throw new UsageError('E_BAD_OPTION', `--generations must be an integer in [1, 50], got "${v}"`);
        return x;
      },
      5,
    )
    .option('--anchor <share>', 'share of real rows mixed into each refit; runs both series', (v) => {
      const x = Number(v);
      if (!(x > 0 && x < 1)) throw new UsageError('E_BAD_OPTION', `--anchor must be in (0, 1), got "${v}"`);
      return x;
    })
    .addOption(option('generator'))
    .addOption(option('param'))
    .addOption(option('schema'))
    .addOption(option('na'))
    .addOption(option('seed'))
    .addOption(option('html', { flags: '--html <collapse.html>' }))
    .addOption(option('json'))
    .addOption(option('quiet'))
    .action(async (data: string, o) => {
      const c = ctx.begin(o);
      getGeneratorFactory(o.generator);
      const ds = await loadDataset(data, { na: o.na, schemaPath: o.schema });
      requireRowsIn(ds, 20, 'the collapse monitor');
      const r = await runCollapse({
        data: ds,
        generator: o.generator,
        params: parseParams(o.param),
        generations: o.generations,
        ...(o.anchor ? { anchor: o.anchor } : {}),
        seed: o.seed,
        onStep: (s) => c.progress.step(s),
      });
      c.progress.finish();
      if (o.html) await atomicWriteFile(o.html, await renderCollapseHtml(r));
      if (o.json !== undefined) await c.emitJson(o.json, r);
      if (o.json === undefined || (typeof o.json === 'string' && o.json !== '-')) {
        const f = (x: number | null) => (x === null || !Number.isFinite(x) ? '  n/a' : x.toFixed(3));
        process.stdout.write(
          'series          gen  quality  tail-cov  rare-kept  distinct  std-ratio  detect-AUC\n',
        );
        for (const s of r.series)
          for (const g of s.generations)
            process.stdout.write(
              `${(s.anchor ? `anchor ${s.anchor}` : 'no anchor').padEnd(15)} ${String(g.generation).padStart(3)}  ${f(g.quality)}    ${f(g.tailCoverage)}     ${`${g.rareCategoriesKept}/${g.rareCategories}`.padStart(6)}     ${f(g.distinctRatio)}     ${f(g.stdRatioMean)}      ${f(g.detectionAuc)}\n`,
            );
        if (o.html) c.log(`HTML → ${o.html}`);
      }
    });
}
