import type { Command } from 'commander';
import { loadDataset } from '../../dataset.js';
import { atomicWriteFile } from '../../io/cleanup.js';
import { schemaToJson } from '../../schema/load.js';
import { summarizeColumns } from '../../schema/summary.js';
import type { GlobalContext } from '../context.js';
import { option } from '../options.js';

export function registerInspect(program: Command, ctx: GlobalContext): void {
  program
    .command('inspect')
    .description(
      'infer the schema of a data file and print a column table; --out writes an editable schema.json',
    )
    .argument('<data>', 'CSV, Parquet, JSON or NDJSON file')
    .addOption(
      option('out', {
        flags: '-o, --out <schema.json>',
        description: 'write the inferred schema (JSON) here',
      }),
    )
    .addOption(
      option('schema', { description: 'check the data against this schema instead of inferring one' }),
    )
    .addOption(option('na'))
    .addOption(option('delimiter'))
    .addOption(option('json'))
    .addOption(option('quiet'))
    .action(async (data: string, o) => {
      const c = ctx.begin(o);
      c.progress.step('reading');
      const ds = await loadDataset(data, {
        na: o.na,
        schemaPath: o.schema,
        delimiter: o.delimiter,
        onProgress: (r, t) => c.progress.update(t ? r / t : 0),
      });
      c.progress.finish();
      if (o.out) await atomicWriteFile(o.out, schemaToJson(ds.schema));
      const rows = summarizeColumns(ds.raw, ds.schema);
      if (o.json !== undefined) {
        await c.emitJson(o.json, {
          file: data,
          rows: ds.table.numRows,
          sha256: ds.source.sha256,
          columns: rows,
          schema: ds.schema,
        });
        return;
      }
      const header = ['column', 'sdtype', 'detail', 'nulls %', 'distinct', 'example', 'role'];
      const body = rows.map((r) => [
        r.column,
        r.sdtype,
        r.detail,
        r.nullPct.toFixed(1),
        String(r.distinct),
        r.example,
        r.role,
      ]);
      process.stdout.write(`${data}: ${ds.table.numRows} rows, ${rows.length} columns\n`);
      process.stdout.write(formatTable(header, body));
      if (o.out) c.log(`schema written to ${o.out}`);
    });
}

/** Plain fixed-width table for terminals. */
export function formatTable(header: string[], body: string[][]): string {
  const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}...` : s);
  const rows = [header, ...body].map((r) => r.map(clip));
  const widths = header.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  const line = (r: string[]) => `${r.map((s, j) => s.padEnd(widths[j]!)).join('  ')}\n`;
  return line(rows[0]!) + line(widths.map((w) => '-'.repeat(w))) + rows.slice(1).map(line).join('');
}
