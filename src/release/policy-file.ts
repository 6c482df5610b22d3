import { readFile } from 'node:fs/promises';
import { InputError, SchemaError } from '../errors.js';
import { DEFAULT_POLICY } from './default-policy.js';
import { isKnownFigure } from './figures.js';
import { type Policy, parsePolicy } from './policy.js';

/** Read and validate a policy file; without a path, the default policy. */
export async function loadPolicy(path?: string): Promise<Policy> {
  if (!path) return DEFAULT_POLICY;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InputError('E_POLICY_READ', `cannot read policy file: ${(e as Error).message}`, {
      location: { file: path },
      hint: 'write one with `synthgate policy init --out policy.json`',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SchemaError('E_POLICY_JSON', `policy file is not valid JSON: ${(e as Error).message}`, {
      location: { file: path },
    });
  }
  return parsePolicy(json, path, isKnownFigure);
}

export function policyToJson(p: Policy): string {
  return `${JSON.stringify(p, null, 2)}\n`;
}
