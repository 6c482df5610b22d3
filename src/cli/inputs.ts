import type { Command } from 'commander';
import { type Dataset, loadDataset, loadWithSchema, requireRowsIn } from '../dataset.js';
import type { CommandContext } from './context.js';
import { type OptionName, option } from './options.js';

/** Add the named options of the option table to a command, in order. */
export function addOptions(
  cmd: Command,
  names: readonly OptionName[],
  mandatory: readonly OptionName[] = [],
): Command {
  for (const n of names) cmd.addOption(mandatory.includes(n) ? option(n).makeOptionMandatory() : option(n));
  return cmd;
}

/**
 * Read the reference table (real or training data: its schema is inferred, or read from `--schema`),
 * then the other tables under that same schema so every column lines up. Each needs ≥ 2 rows.
 */
export async function loadAgainstReference<K extends string>(
  c: CommandContext,
  reference: string,
  others: Record<K, string | undefined>,
  o: { schema?: string; na?: string[] },
  purpose: string,
): Promise<{ reference: Dataset } & Record<K, Dataset | undefined>> {
  c.progress.step('reading');
  const ref = await loadDataset(reference, {
    ...(o.na ? { na: o.na } : {}),
    ...(o.schema ? { schemaPath: o.schema } : {}),
  });
  requireRowsIn(ref, 2, purpose);
  const out: Record<string, Dataset | undefined> = { reference: ref };
  for (const [key, path] of Object.entries(others) as [K, string | undefined][]) {
    if (!path) continue;
    const ds = await loadWithSchema(path, ref.schema, o.na);
    requireRowsIn(ds, 2, purpose);
    out[key] = ds;
  }
  return out as { reference: Dataset } & Record<K, Dataset | undefined>;
}
