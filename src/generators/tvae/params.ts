import { UsageError } from '../../errors.js';

/**
 * TVAE parameters (`--param key=value`), their defaults and validation.
 *
 * Network shape, optimizer and loss weight are the original's (CTGAN 0.7 `TVAE`: compress and
 * decompress (128, 128), embedding 128, Adam lr 1e-3 with L2 1e-5, batch 500, loss_factor 2).
 * The epoch default is ours: the original defaults to 300; we train 40 (Adult, with the
 * autoregressive decoder: 47 s on 2 lightly loaded cores with 2 threads, all-pairs quality 0.95–0.96,
 * TSTR AUC 0.918; 60 epochs took 71 s and scored no better — see benchmarks/tvae.mjs).
 */
export type TvaeBackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export type CategoricalSampling = 'softmax' | 'argmax';

export interface TvaeParams {
  epochs: number;
  batchSize: number;
  compressDims: number[];
  decompressDims: number[];
  embeddingDim: number;
  learningRate: number;
  l2scale: number;
  lossFactor: number;
  maxModes: number;
  /** Add the autoregressive decoder path (network.ts); false is the original TVAE decoder. */
  autoregressive: boolean;
  /** Hidden width of the autoregressive path. */
  autoregressiveDims: number;
  /** How one-hot blocks are decoded at sampling: draw from the softmax, or take the argmax (the original). */
  categoricalSampling: CategoricalSampling;
  backend: TvaeBackendChoice;
  /** Data-parallel training threads (worker_threads) for the wasm and cpu backends; tfjs-node uses its own. */
  threads: number;
  /** DP-SGD target ε (off when absent). */
  epsilon?: number;
  delta?: number;
  maxGradNorm: number;
  /** DP-SGD noise multiplier; derived from ε when ε is given, else used as is and ε reported. */
  noiseMultiplier?: number;
  /** Share of ε (before RDP composition) given to the DP histograms behind the mode fits. */
  dpPreprocessingShare: number;
}

export const TVAE_DEFAULTS: TvaeParams = {
  epochs: 40,
  batchSize: 500,
  compressDims: [128, 128],
  decompressDims: [128, 128],
  embeddingDim: 128,
  learningRate: 1e-3,
  l2scale: 1e-5,
  lossFactor: 2,
  maxModes: 10,
  autoregressive: true,
  autoregressiveDims: 128,
  categoricalSampling: 'softmax',
  backend: 'auto',
  threads: 2,
  maxGradNorm: 1,
  dpPreprocessingShare: 0.1,
};

export const TVAE_PARAMETER_DOCS: Record<string, string> = {
  epochs: `training epochs (default ${TVAE_DEFAULTS.epochs}; the original TVAE uses 300)`,
  batchSize: `rows per mini-batch (default ${TVAE_DEFAULTS.batchSize}); with DP, the expected Poisson batch size`,
  compressDims: 'encoder hidden layer sizes, comma-separated (default 128,128)',
  decompressDims: 'decoder hidden layer sizes, comma-separated (default 128,128)',
  embeddingDim: `latent dimension (default ${TVAE_DEFAULTS.embeddingDim})`,
  learningRate: `Adam learning rate (default ${TVAE_DEFAULTS.learningRate})`,
  l2scale: `L2 weight decay added to the gradients, as PyTorch's Adam weight_decay (default ${TVAE_DEFAULTS.l2scale})`,
  lossFactor: `weight of the reconstruction loss against the KL term (default ${TVAE_DEFAULTS.lossFactor})`,
  maxModes: `most Gaussian-mixture modes per numeric column (default ${TVAE_DEFAULTS.maxModes})`,
  autoregressive:
    'true (default): the decoder also reads the items already drawn of the same row through a masked MLP (MADE), so columns are not drawn independently given the latent; false: the original TVAE decoder',
  autoregressiveDims: `hidden width of the autoregressive path (default ${TVAE_DEFAULTS.autoregressiveDims})`,
  categoricalSampling:
    'softmax (default: draw each category block from its softmax) or argmax (the original TVAE)',
  backend: 'auto (default: tfjs-node when installed, else wasm, else cpu), tensorflow, wasm or cpu',
  threads: `data-parallel training threads on the wasm and cpu backends (default ${TVAE_DEFAULTS.threads}; results are reproducible for a given seed, backend and thread count)`,
  epsilon: 'turn on DP-SGD with this total ε (RDP accountant, subsampled Gaussian); off by default',
  delta: 'DP δ (default min(1e-5, 1/(10·rows)))',
  maxGradNorm: `DP-SGD per-example gradient clipping norm C (default ${TVAE_DEFAULTS.maxGradNorm})`,
  noiseMultiplier:
    'DP-SGD noise σ/C; derived from epsilon when epsilon is given; alone, it turns DP-SGD on and ε is reported',
  dpPreprocessingShare: `with DP, share of ε spent on the noisy histograms the mode fits use (default ${TVAE_DEFAULTS.dpPreprocessingShare})`,
};

function bad(key: string, value: unknown, expect: string): never {
  throw new UsageError(
    'E_BAD_PARAM',
    `tvae parameter ${key}=${String(value)} is invalid: expected ${expect}`,
    {
      hint: `pass --param ${key}=<${expect}>, or leave it out for the default`,
    },
  );
}

function positiveInt(key: string, v: unknown): number {
  const x = typeof v === 'string' ? Number(v) : v;
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 1) bad(key, v, 'a positive integer');
  return x;
}

function positiveNumber(key: string, v: unknown, allowZero = false): number {
  const x = typeof v === 'string' ? Number(v) : v;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || (!allowZero && x === 0))
    bad(key, v, allowZero ? 'a number ≥ 0' : 'a number > 0');
  return x;
}

function dims(key: string, v: unknown): number[] {
  const parts = Array.isArray(v)
    ? v
    : typeof v === 'number'
      ? [v]
      : typeof v === 'string'
        ? v.split(',').map((s) => s.trim())
        : null;
  if (!parts || parts.length === 0) bad(key, v, 'comma-separated positive integers');
  return parts.map((p) => {
    const x = Number(p);
    if (!Number.isInteger(x) || x < 1) bad(key, v, 'comma-separated positive integers');
    return x;
  });
}

const KNOWN = new Set(Object.keys(TVAE_PARAMETER_DOCS));

/** Merge user parameters over the defaults, validating each (unknown keys are usage errors). */
export function resolveTvaeParams(raw: Record<string, unknown>): TvaeParams {
  for (const k of Object.keys(raw))
    if (!KNOWN.has(k))
      throw new UsageError('E_BAD_PARAM', `tvae has no parameter "${k}"`, {
        hint: `tvae parameters: ${[...KNOWN].join(', ')}`,
      });
  const p: TvaeParams = {
    ...TVAE_DEFAULTS,
    compressDims: [...TVAE_DEFAULTS.compressDims],
    decompressDims: [...TVAE_DEFAULTS.decompressDims],
  };
  if (raw.epochs !== undefined) p.epochs = positiveInt('epochs', raw.epochs);
  if (raw.batchSize !== undefined) p.batchSize = positiveInt('batchSize', raw.batchSize);
  if (raw.compressDims !== undefined) p.compressDims = dims('compressDims', raw.compressDims);
  if (raw.decompressDims !== undefined) p.decompressDims = dims('decompressDims', raw.decompressDims);
  if (raw.embeddingDim !== undefined) p.embeddingDim = positiveInt('embeddingDim', raw.embeddingDim);
  if (raw.learningRate !== undefined) p.learningRate = positiveNumber('learningRate', raw.learningRate);
  if (raw.l2scale !== undefined) p.l2scale = positiveNumber('l2scale', raw.l2scale, true);
  if (raw.lossFactor !== undefined) p.lossFactor = positiveNumber('lossFactor', raw.lossFactor);
  if (raw.maxModes !== undefined) p.maxModes = positiveInt('maxModes', raw.maxModes);
  if (raw.autoregressive !== undefined) {
    const a = raw.autoregressive;
    if (a === true || a === 'true') p.autoregressive = true;
    else if (a === false || a === 'false') p.autoregressive = false;
    else bad('autoregressive', a, 'true or false');
  }
  if (raw.autoregressiveDims !== undefined)
    p.autoregressiveDims = positiveInt('autoregressiveDims', raw.autoregressiveDims);
  if (raw.categoricalSampling !== undefined) {
    if (raw.categoricalSampling !== 'softmax' && raw.categoricalSampling !== 'argmax')
      bad('categoricalSampling', raw.categoricalSampling, 'softmax or argmax');
    p.categoricalSampling = raw.categoricalSampling;
  }
  if (raw.backend !== undefined) {
    const b = raw.backend;
    if (b !== 'auto' && b !== 'tensorflow' && b !== 'wasm' && b !== 'cpu')
      bad('backend', b, 'auto, tensorflow, wasm or cpu');
    p.backend = b;
  }
  if (raw.threads !== undefined) p.threads = positiveInt('threads', raw.threads);
  if (raw.epsilon !== undefined) p.epsilon = positiveNumber('epsilon', raw.epsilon);
  if (raw.delta !== undefined) {
    const d = positiveNumber('delta', raw.delta);
    if (d >= 1) bad('delta', raw.delta, 'a number in (0, 1)');
    p.delta = d;
  }
  if (raw.maxGradNorm !== undefined) p.maxGradNorm = positiveNumber('maxGradNorm', raw.maxGradNorm);
  if (raw.noiseMultiplier !== undefined)
    p.noiseMultiplier = positiveNumber('noiseMultiplier', raw.noiseMultiplier);
  if (raw.dpPreprocessingShare !== undefined) {
    const s = positiveNumber('dpPreprocessingShare', raw.dpPreprocessingShare);
    if (s >= 1) bad('dpPreprocessingShare', raw.dpPreprocessingShare, 'a number in (0, 1)');
    p.dpPreprocessingShare = s;
  }
  if (p.epsilon !== undefined && p.noiseMultiplier !== undefined)
    throw new UsageError('E_BAD_PARAM', 'tvae takes epsilon or noiseMultiplier, not both', {
      hint: 'give epsilon to derive the noise from a budget, or noiseMultiplier to fix the noise and report ε',
    });
  return p;
}

/** True when the fit runs DP-SGD. */
export function isDp(p: TvaeParams): boolean {
  return p.epsilon !== undefined || p.noiseMultiplier !== undefined;
}
