import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InputError, ModelError } from '../errors.js';
import type { SchemaDocument } from '../schema/types.js';
import { parseSchema } from '../schema/validate.js';
import { PACKAGE_NAME, VERSION } from '../version.js';
import { getGeneratorFactory } from './registry.js';
import type { FittedModel, GeneratorState, PrivacyLedger } from './types.js';

/**
 * The model file: one JSON document holding everything `sample` needs, and what it was made from.
 * No timestamps, so the same data, schema, generator and seed give a byte-identical file (and the
 * same model hash in release manifests).
 *
 * Format versions: 1 (current). A newer synthgate must keep loading every older format; the
 * reference model under models/ is loaded by a test to hold us to that.
 */
export const MODEL_FORMAT = 'synthgate-model';
export const MODEL_FORMAT_VERSION = 1;

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  generator: string;
  library: { name: string; version: string };
  seed: number;
  training: { sha256: string; rows: number; source?: string };
  schema: SchemaDocument;
  privacy?: PrivacyLedger;
  model: GeneratorState;
}

export function buildModelFile(
  model: FittedModel,
  meta: { seed: number; trainingSha256: string; trainingRows: number; source?: string },
): ModelFile {
  const file: ModelFile = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    generator: model.generator,
    library: { name: PACKAGE_NAME, version: VERSION },
    seed: meta.seed,
    training: {
      sha256: meta.trainingSha256,
      rows: meta.trainingRows,
      ...(meta.source ? { source: meta.source } : {}),
    },
    schema: model.schema,
    model: model.toJSON(),
  };
  if (model.privacy) file.privacy = model.privacy;
  return file;
}

/** Serialized model text (stable key order as built, 0 decimals lost: JSON numbers round-trip exactly). */
export function modelFileToJson(file: ModelFile): string {
  return `${JSON.stringify(file)}\n`;
}

/** SHA-256 of the serialized model: the "model hash" of manifests and blend provenance. */
export function modelHash(json: string): string {
  return createHash('sha256').update(json).digest('hex');
}

/** Parse and revive a model file's text. */
export function parseModelFile(text: string, path = '<model>'): { file: ModelFile; model: FittedModel } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ModelError('E_MODEL_JSON', `model file is not valid JSON: ${(e as Error).message}`, {
      location: { file: path },
      hint: 'pass a file written by `synthgate fit --model`',
    });
  }
  const f = raw as Partial<ModelFile>;
  if (!f || typeof f !== 'object' || f.format !== MODEL_FORMAT)
    throw new ModelError('E_MODEL_FORMAT', 'not a synthgate model file', {
      location: { file: path },
      hint: 'pass a file written by `synthgate fit --model`',
    });
  if (typeof f.formatVersion !== 'number' || f.formatVersion > MODEL_FORMAT_VERSION || f.formatVersion < 1)
    throw new ModelError(
      'E_MODEL_VERSION',
      `model format version ${f.formatVersion} is not supported by synthgate ${VERSION}`,
      {
        location: { file: path },
        hint: `this synthgate reads format versions 1..${MODEL_FORMAT_VERSION}; upgrade synthgate or refit the model`,
      },
    );
  if (typeof f.generator !== 'string' || !f.model || !f.schema)
    throw new ModelError('E_MODEL_FORMAT', 'model file lacks generator, model or schema', {
      location: { file: path },
    });
  const schema = parseSchema(f.schema, `${path}#schema`);
  let factory: ReturnType<typeof getGeneratorFactory>;
  try {
    factory = getGeneratorFactory(f.generator);
  } catch {
    throw new ModelError(
      'E_MODEL_GENERATOR',
      `model was made by generator "${f.generator}", unknown to synthgate ${VERSION}`,
      {
        location: { file: path },
      },
    );
  }
  try {
    return { file: f as ModelFile, model: factory.load(f.model, schema) };
  } catch (e) {
    throw new ModelError('E_MODEL_STATE', `model state cannot be loaded: ${(e as Error).message}`, {
      location: { file: path },
    });
  }
}

export async function loadModelFile(
  path: string,
): Promise<{ file: ModelFile; model: FittedModel; text: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? 'E_NOT_FOUND' : 'E_READ',
      `cannot read model file: ${(e as Error).message}`,
      {
        location: { file: path },
        hint: code === 'ENOENT' ? 'check the path, or create the model with `synthgate fit`' : undefined,
      },
    );
  }
  return { ...parseModelFile(text, path), text };
}
