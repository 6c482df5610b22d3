import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AtomicFile, atomicWriteFile, pendingTempPaths } from '../../src/io/cleanup.js';
import { caught, ROOT, tempDir } from './helpers.js';

const dir = tempDir();

describe('atomicWriteFile', () => {
  it('writes text and bytes whole, creating folders, with no temp file left', async () => {
    const target = join(dir, 'reports/r.json');
    await atomicWriteFile(target, '{"ok":true}');
    expect(readFileSync(target, 'utf8')).toBe('{"ok":true}');
    await atomicWriteFile(target, Buffer.from([0xe2, 0x82, 0xac]));
    expect(readFileSync(target, 'utf8')).toBe('€');
    expect(readdirSync(join(dir, 'reports'))).toEqual(['r.json']);
    expect(pendingTempPaths()).toEqual([]);
  });

  it('names the temp file after the target, beside it, and removes it on abort', async () => {
    const target = join(dir, 'a.csv');
    const f = await AtomicFile.open(target);
    expect(dirname(f.tempPath)).toBe(dir);
    expect(f.tempPath).toMatch(new RegExp(`/\\.a\\.csv\\.tmp-${process.pid}-\\d+$`));
    await f.write('partial');
    expect(pendingTempPaths()).toContain(f.tempPath);
    await f.abort();
    expect(existsSync(f.tempPath)).toBe(false);
    expect(existsSync(target)).toBe(false);
    expect(pendingTempPaths()).toEqual([]);
    await expect(f.write('late')).rejects.toThrow('already finished');
  });

  it('maps a parent that is a file to E_BAD_PATH', async () => {
    const file = join(dir, 'plain');
    writeFileSync(file, 'x');
    expect(await caught(() => atomicWriteFile(join(file, 'out.json'), '{}'))).toMatchObject({
      code: 'E_BAD_PATH',
    });
  });
});

/** Compiles the three modules the child needs (no build step) into `out`, keeping their relative layout. */
function transpileCleanup(out: string): string {
  for (const rel of ['errors.ts', 'io/fs-errors.ts', 'io/cleanup.ts']) {
    const source = readFileSync(join(ROOT, 'src', rel), 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    mkdirSync(dirname(join(out, rel)), { recursive: true });
    writeFileSync(join(out, rel.replace(/\.ts$/, '.js')), js);
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}');
  const script = join(out, 'child.js');
  writeFileSync(
    script,
    `import { AtomicFile } from './io/cleanup.js';
const f = await AtomicFile.open(process.argv[2]);
await f.write('half a file');
process.stdout.write(f.tempPath + '\\n');
setInterval(() => {}, 1000);
`,
  );
  return script;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d) => {
      text += d;
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
  });
}

describe('interrupted writes', () => {
  const script = transpileCleanup(join(dir, 'child'));

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('on %s unlink the temp file and exit %i, leaving no output file', async (signal, code) => {
    const target = join(dir, `killed-${signal}.csv`);
    const child = spawn(process.execPath, [script, target], { stdio: ['ignore', 'pipe', 'inherit'] });
    const temp = await firstLine(child);
    expect(existsSync(temp)).toBe(true);
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(target)).toBe(false);
  });
});
