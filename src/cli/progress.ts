import cliProgress from 'cli-progress';

/**
 * Progress on stderr for steps that take more than about a second, only when stderr is a terminal
 * and `--quiet` is off. Bars appear after a 1 s grace period so quick steps stay silent.
 */
export class Progress {
  private readonly enabled: boolean;
  private bar: cliProgress.SingleBar | null = null;
  private label = '';
  private startedAt = 0;
  private lastFraction = 0;

  constructor(opts: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}) {
    const stream = opts.stream ?? process.stderr;
    this.enabled = !opts.quiet && Boolean(stream.isTTY);
  }

  /** Begin a named step. */
  step(label: string): void {
    this.finish();
    this.label = label;
    this.startedAt = performance.now();
    this.lastFraction = 0;
  }

  /** Report progress of the current step, fraction in [0, 1], optional detail (e.g. an epoch's loss). */
  update(fraction: number, detail = ''): void {
    if (!this.enabled) return;
    this.lastFraction = fraction;
    if (!this.bar && performance.now() - this.startedAt < 1000) return;
    if (!this.bar) {
      this.bar = new cliProgress.SingleBar(
        {
          format: `${this.label.padEnd(18)} [{bar}] {percentage}% {detail}`,
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(1000, 0, { detail });
    }
    this.bar.update(Math.round(this.lastFraction * 1000), { detail });
  }

  finish(): void {
    if (this.bar) {
      this.bar.update(1000);
      this.bar.stop();
      this.bar = null;
    }
  }
}

/** Human messages on stderr (stdout stays clean for `-` outputs and --json), silenced by --quiet. */
export function makeLogger(quiet: boolean): (msg: string) => void {
  return quiet ? () => {} : (msg: string) => process.stderr.write(`${msg}\n`);
}
