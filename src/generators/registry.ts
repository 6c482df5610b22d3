import { UsageError } from '../errors.js';
import { bayesnetFactory } from './bayesnet.js';
import { cartFactory } from './cart.js';
import { copulaFactory } from './copula.js';
import { tvaeFactory } from './tvae.js';
import type { Generator, GeneratorFactory } from './types.js';

/**
 * Name → generator factory. `--generator NAME` looks names up here; model files name their
 * generator so `load` can revive them.
 *
 * @example
 * const gen = createGenerator('copula', { maxCorrelationRows: 50_000 });
 */
const registry = new Map<string, GeneratorFactory>();

export function registerGenerator(factory: GeneratorFactory): void {
  registry.set(factory.name, factory);
}

export function generatorNames(): string[] {
  return [...registry.keys()];
}

export function getGeneratorFactory(name: string): GeneratorFactory {
  const f = registry.get(name);
  if (!f)
    throw new UsageError('E_UNKNOWN_GENERATOR', `unknown generator "${name}"`, {
      hint: `choose one of: ${generatorNames().join(', ')}`,
    });
  return f;
}

/** Construct a generator; parameters it does not declare are refused (a typo must not be ignored). */
export function createGenerator(name: string, params: Record<string, unknown> = {}): Generator {
  const factory = getGeneratorFactory(name);
  const known = Object.keys(factory.parameters);
  for (const key of Object.keys(params)) {
    if (known.includes(key)) continue;
    const dp = key === 'epsilon' || key === 'delta';
    throw new UsageError(
      dp ? 'E_NO_DP' : 'E_BAD_PARAM',
      dp
        ? `generator "${name}" does not support differential privacy (--epsilon/--delta)`
        : `generator "${name}" has no parameter "${key}"`,
      {
        hint: dp
          ? `use a DP generator: ${generatorNames()
              .filter((g) => 'epsilon' in getGeneratorFactory(g).parameters)
              .join(', ')}`
          : `its parameters are: ${known.join(', ') || '(none)'}`,
      },
    );
  }
  return factory.create(params);
}

export const DEFAULT_GENERATOR = 'copula';

registerGenerator(copulaFactory);
registerGenerator(bayesnetFactory);
registerGenerator(cartFactory);
registerGenerator(tvaeFactory);
