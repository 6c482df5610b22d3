import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, SchemaError } from '../../src/errors.js';
import { DEFAULT_POLICY } from '../../src/release/default-policy.js';
import { loadPolicy, policyToJson } from '../../src/release/policy-file.js';
import { tempDir } from './helpers.js';

const dir = tempDir();

async function loadError(path: string): Promise<Error> {
  try {
    await loadPolicy(path);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`loadPolicy accepted ${path}`);
}

describe('loadPolicy', () => {
  it('without a path gives the default policy; policyToJson round-trips it', async () => {
    expect(await loadPolicy()).toBe(DEFAULT_POLICY);
    const path = join(dir, 'default.json');
    writeFileSync(path, policyToJson(DEFAULT_POLICY));
    expect(await loadPolicy(path)).toEqual(DEFAULT_POLICY);
  });

  it('an unreadable file is E_POLICY_READ, bad JSON is E_POLICY_JSON, both located at the file', async () => {
    const missing = await loadError(join(dir, 'nope.json'));
    expect(missing).toBeInstanceOf(InputError);
    expect(missing).toMatchObject({ code: 'E_POLICY_READ', location: { file: join(dir, 'nope.json') } });
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"synthgatePolicy": 1,');
    const broken = await loadError(path);
    expect(broken).toBeInstanceOf(SchemaError);
    expect(broken).toMatchObject({ code: 'E_POLICY_JSON', location: { file: path } });
  });

  it('checks figure names against the known figures', async () => {
    const path = join(dir, 'typo.json');
    const p = structuredClone(DEFAULT_POLICY);
    p.checks[0]!.figure = 'privacy.memorization.uniqueRowsCopied';
    writeFileSync(path, policyToJson(p));
    expect(await loadError(path)).toMatchObject({
      code: 'E_POLICY',
      location: { file: path, path: 'checks[0].figure' },
    });
  });
});
