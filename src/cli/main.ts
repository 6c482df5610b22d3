#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { ExitCode, isSynthgateError } from '../errors.js';
import { VERSION } from '../version.js';
import { registerAudit } from './commands/audit.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerGenerate } from './commands/generate.js';
import { registerInspect } from './commands/inspect.js';
import { registerRelease } from './commands/release.js';
import { globalContext } from './context.js';

/**
 * The `synthgate` command line. Exit codes: 0 ok, 1 usage error, 2 bad input or data,
 * 3 the release gate refused the output, 130/143 interrupted. Errors print one line
 * (`error[CODE] what (where). Fix: how`), never a stack trace, unless SYNTHGATE_DEBUG=1.
 */
export function buildProgram(): Command {
  const program = new Command('synthgate')
    .description('privacy-focused synthetic tabular data: fit, generate, verify, audit, release')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerInspect(program, globalContext);
  registerGenerate(program, globalContext);
  registerEvaluate(program, globalContext);
  registerAudit(program, globalContext);
  registerRelease(program, globalContext);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (e) {
    return reportError(e);
  }
}

function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    // --help / --version exit through here with code 0; commander already printed its message.
    if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version')
      return ExitCode.ok;
    return ExitCode.usage;
  }
  if (isSynthgateError(e)) {
    process.stderr.write(`${e.toLine()}\n`);
    if (process.env.SYNTHGATE_DEBUG) process.stderr.write(`${e.stack}\n`);
    return e.exitCode;
  }
  // An unexpected failure is a bug in synthgate: say so plainly, keep the detail for the report.
  const err = e as Error;
  process.stderr.write(
    `error[E_INTERNAL] ${err?.message ?? String(e)}. This is a synthgate bug; rerun with SYNTHGATE_DEBUG=1 and report it.\n`,
  );
  if (process.env.SYNTHGATE_DEBUG) process.stderr.write(`${err?.stack}\n`);
  return 70;
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
