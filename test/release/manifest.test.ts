import { createHash, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/release/default-policy.js';
import {
  canonicalJson,
  checkSeal,
  type Manifest,
  manifestDigest,
  sealManifest,
} from '../../src/release/manifest.js';
import { applyPolicy } from '../../src/release/policy.js';

/** A deep copy with every object's keys in reverse order (same content, different key order). */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .reverse()
        .map((k) => [k, reverseKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

const pem = (
  k: { export(o: { type: 'spki' | 'pkcs8'; format: 'pem' }): string | Buffer },
  type: 'spki' | 'pkcs8',
) => k.export({ type, format: 'pem' }).toString();

function ed25519(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privatePem: pem(privateKey, 'pkcs8'), publicPem: pem(publicKey, 'spki') };
}

/** A small but complete manifest, as `release` would write it for a passing run. */
function manifest(): Manifest {
  const figures = {
    'fidelity.quality': { value: 0.9 },
    'privacy.dcr.shareCloserToTrain': { value: 0.5, ci: [0.49, 0.51] as [number, number] },
  };
  return {
    synthgateManifest: 1,
    tool: { name: 'synthgate', version: '0.1.0', node: 'v20.0.0' },
    createdAt: '2024-05-01T10:00:00.000Z',
    completedAt: '2024-05-01T10:00:30.000Z',
    command: ['synthgate', 'release', 'data.csv', '--out', 'out'],
    seed: 0,
    input: { path: 'data.csv', sha256: 'a'.repeat(64), rows: 100, bytes: 2000 },
    split: {
      holdoutFraction: 0.2,
      train: { path: '(in memory: training split)', sha256: 'b'.repeat(64), rows: 80 },
      holdout: { path: '(in memory: holdout split)', sha256: 'c'.repeat(64), rows: 20 },
    },
    output: { path: 'synthetic.csv', sha256: 'd'.repeat(64), rows: 80, bytes: 1600 },
    schema: { synthgateSchema: 1, columns: [{ name: 'x', sdtype: 'categorical' }] },
    generator: { name: 'copula', params: {}, modelSha256: 'e'.repeat(64) },
    differentialPrivacy: null,
    filter: { kept: 80 },
    policy: DEFAULT_POLICY,
    figures,
    outcome: applyPolicy(DEFAULT_POLICY, figures, { dp: false }),
    reports: [{ path: 'report.json', sha256: 'f'.repeat(64) }],
  };
}

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order, drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson([2, 1, 'x'])).toBe('[2,1,"x"]');
    expect(canonicalJson('é"\n')).toBe(JSON.stringify('é"\n'));
  });

  it('property: the same content in any key order gives the same bytes, and parses back to it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const plain = JSON.parse(JSON.stringify(v));
        const text = canonicalJson(plain);
        expect(canonicalJson(reverseKeys(plain))).toBe(text);
        expect(JSON.parse(text)).toEqual(plain);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sealManifest / checkSeal', () => {
  it('the digest is the SHA-256 of the canonical JSON of everything but digest and signature', () => {
    const m = manifest();
    const sealed = sealManifest(m);
    expect(sealed.digest).toBe(createHash('sha256').update(canonicalJson(m)).digest('hex'));
    expect(manifestDigest(sealed)).toBe(sealed.digest);
    expect(sealed.signature).toBeUndefined();
    // Key order (e.g. a JSON round trip through another tool) does not change the digest.
    expect(sealManifest(reverseKeys(m) as Manifest).digest).toBe(sealed.digest);
    expect(checkSeal(sealed)).toEqual([]);
    expect(checkSeal(JSON.parse(JSON.stringify(sealed)))).toEqual([]);
  });

  it('detects an edited figure, an edited verdict and a missing digest', () => {
    const sealed = sealManifest(manifest());
    const figure = structuredClone(sealed);
    figure.figures['fidelity.quality']!.value = 0.95;
    expect(checkSeal(figure)).toEqual([
      'manifest digest does not match its content (the manifest was edited)',
    ]);
    const verdict = structuredClone(sealed);
    verdict.outcome.passed = !verdict.outcome.passed;
    expect(checkSeal(verdict)).toHaveLength(1);
    const { digest: _d, ...unsealed } = sealed;
    expect(checkSeal(unsealed as Manifest)).toEqual(['manifest has no digest']);
  });

  it('an Ed25519 signature verifies with its key and fails with another key or after an edit', () => {
    const owner = ed25519();
    const other = ed25519();
    const signed = sealManifest(manifest(), owner.privatePem);
    expect(signed.signature).toMatchObject({ algorithm: 'ed25519', publicKey: owner.publicPem });
    expect(Buffer.from(signed.signature!.value, 'base64')).toHaveLength(64);
    expect(checkSeal(signed)).toEqual([]);
    expect(checkSeal(signed, owner.publicPem)).toEqual([]);
    expect(checkSeal(signed, other.publicPem)).toEqual([
      'manifest was signed by a different key than the one given',
    ]);

    // Someone edits a figure and recomputes the digest: the digest matches again, the signature does not.
    const forged = structuredClone(signed);
    forged.figures['fidelity.quality']!.value = 0.99;
    forged.digest = manifestDigest(forged);
    expect(checkSeal(forged)).toEqual(['manifest signature is invalid']);
    // …and re-signing with another key is caught when the recipient names the expected key.
    const resigned = sealManifest({ ...forged, signature: undefined }, other.privatePem);
    expect(checkSeal(resigned)).toEqual([]);
    expect(checkSeal(resigned, owner.publicPem)).toEqual([
      'manifest was signed by a different key than the one given',
    ]);

    const badValue = structuredClone(signed);
    badValue.signature!.value = Buffer.alloc(64, 1).toString('base64');
    expect(checkSeal(badValue)).toEqual(['manifest signature is invalid']);
    expect(checkSeal(sealManifest(manifest()), owner.publicPem)).toEqual([
      'manifest is not signed, but a public key was given to check',
    ]);
  });
});
