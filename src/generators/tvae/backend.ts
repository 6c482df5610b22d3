import { UsageError } from '../../errors.js';
import type { TvaeBackendChoice } from './params.js';

/**
 * Loads TensorFlow.js and picks its backend, best first:
 * 1. `tensorflow` — `@tensorflow/tfjs-node` (native libtensorflow, multi-threaded) when installed. It
 *    is an optional peer dependency: its install script downloads a native library, so synthgate
 *    does not depend on it; `npm install @tensorflow/tfjs-node` next to synthgate turns it on.
 * 2. `wasm` — `@tensorflow/tfjs-backend-wasm` with SIMD (XNNPACK kernels). Single-threaded under
 *    Node: tfjs-backend-wasm 4.22 reports no multithread support when running in Node
 *    (`WASM_HAS_MULTITHREAD_SUPPORT` is false under `IS_NODE`, tensorflow/tfjs#3830), and forcing
 *    the flag makes the backend fail to initialize (measured), so `setThreadsCount` has no effect;
 *    TVAE trains data-parallel on worker threads instead (`step-runner.ts`).
 * 3. `cpu` — the pure-JavaScript backend (always available, ~15× slower than wasm here).
 *
 * TensorFlow.js keeps one active backend per process; every TVAE fit calls `loadTf` first, which
 * (re)selects its backend.
 *
 * @example
 * const rt = await loadTf('auto');
 * rt.backend; // => 'wasm' on a machine without tfjs-node
 */
export type TfModule = typeof import('@tensorflow/tfjs');
export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface TfRuntime {
  tf: TfModule;
  backend: TfBackendName;
  /** Human-readable detail, e.g. `wasm (SIMD, 1 thread)`. */
  description: string;
}

/** The optional peer's module name, kept in a variable so TypeScript does not need its types. */
const TFJS_NODE = '@tensorflow/tfjs-node';

async function tryTfjsNode(): Promise<TfModule | null> {
  try {
    const mod = (await import(TFJS_NODE)) as TfModule & { default?: TfModule };
    return typeof (mod as { setBackend?: unknown }).setBackend === 'function' ? mod : (mod.default ?? null);
  } catch {
    return null;
  }
}

async function baseTf(): Promise<TfModule> {
  const tf = await import('@tensorflow/tfjs');
  // PROD skips debug-mode checks and silences the "install tfjs-node" banner of the cpu backend.
  tf.env().set('PROD', true);
  return tf;
}

async function useWasm(tf: TfModule): Promise<TfRuntime | null> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) return null;
    await tf.ready();
    const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    return { tf, backend: 'wasm', description: `wasm (${simd ? 'SIMD' : 'no SIMD'})` };
  } catch {
    return null;
  }
}

async function useCpu(tf: TfModule): Promise<TfRuntime> {
  await tf.setBackend('cpu');
  await tf.ready();
  return { tf, backend: 'cpu', description: 'cpu (pure JavaScript)' };
}

/** Load tfjs with the requested backend (`auto`: tensorflow → wasm → cpu). */
export async function loadTf(choice: TvaeBackendChoice = 'auto'): Promise<TfRuntime> {
  if (choice === 'auto' || choice === 'tensorflow') {
    const node = await tryTfjsNode();
    if (node && (await node.setBackend('tensorflow').catch(() => false))) {
      await node.ready();
      return { tf: node, backend: 'tensorflow', description: 'tensorflow (tfjs-node, native)' };
    }
    if (choice === 'tensorflow')
      throw new UsageError(
        'E_BACKEND_UNAVAILABLE',
        'the tensorflow backend needs @tensorflow/tfjs-node, which is not installed',
        {
          hint: 'run `npm install @tensorflow/tfjs-node` (it downloads libtensorflow), or use --param backend=wasm',
        },
      );
  }
  const tf = await baseTf();
  if (choice === 'cpu') return useCpu(tf);
  const wasm = await useWasm(tf);
  if (wasm) return wasm;
  if (choice === 'wasm')
    throw new UsageError('E_BACKEND_UNAVAILABLE', 'the wasm backend of TensorFlow.js failed to initialize', {
      hint: 'check that @tensorflow/tfjs-backend-wasm is installed with its .wasm files, or use --param backend=cpu',
    });
  return useCpu(tf);
}
