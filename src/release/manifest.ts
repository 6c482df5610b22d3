import { createHash, createPrivateKey, createPublicKey, sign, verify as verifySig } from 'node:crypto';
import type { PrivacyLedger } from '../generators/types.js';
import type { SchemaDocument } from '../schema/types.js';
import type { Figures, Policy, PolicyOutcome } from './policy.js';

/**
 * The provenance manifest of a release: what was made from what, under which policy, with which
 * verdict. `digest` is the SHA-256 of the canonical JSON of everything else, so editing any
 * figure, hash or verdict is detected by `synthgate verify`; an optional Ed25519 `signature` over
 * the digest lets a recipient check who released it (a digest alone only detects edits by someone
 * who does not recompute it).
 */
export const MANIFEST_VERSION = 1;

export interface FileRecord {
  path: string;
  sha256: string;
  rows?: number;
  bytes?: number;
}

export interface Manifest {
  synthgateManifest: typeof MANIFEST_VERSION;
  tool: { name: string; version: string; node: string };
  createdAt: string;
  completedAt: string;
  command: string[];
  seed: number;
  input: FileRecord;
  /** The split (hashes of the row sets as CSV bytes, so a reviewer with the input can re-derive them). */
  split: { holdoutFraction: number; train: FileRecord; holdout: FileRecord };
  output: FileRecord | null;
  schema: SchemaDocument;
  generator: { name: string; params: Record<string, unknown>; modelSha256: string };
  differentialPrivacy: { epsilon: number; delta: number; ledger: PrivacyLedger } | null;
  filter: Record<string, unknown>;
  policy: Policy;
  figures: Figures;
  outcome: PolicyOutcome;
  reports: FileRecord[];
  digest?: string;
  signature?: { algorithm: 'ed25519'; publicKey: string; value: string };
}

/** JSON with object keys sorted at every level: the byte form the digest covers. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function manifestDigest(m: Manifest): string {
  const { digest: _d, signature: _s, ...rest } = m;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/** Seal the manifest: set its digest and, with a PEM Ed25519 private key, sign the digest. */
export function sealManifest(m: Manifest, privateKeyPem?: string): Manifest {
  const sealed: Manifest = { ...m, digest: manifestDigest(m) };
  if (privateKeyPem) {
    const key = createPrivateKey(privateKeyPem);
    const pub = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
    sealed.signature = {
      algorithm: 'ed25519',
      publicKey: pub,
      value: sign(null, Buffer.from(sealed.digest!, 'hex'), key).toString('base64'),
    };
  }
  return sealed;
}

/** Check digest and, if present, signature (optionally against an expected public key). */
export function checkSeal(m: Manifest, expectedPublicKeyPem?: string): string[] {
  const problems: string[] = [];
  if (!m.digest) problems.push('manifest has no digest');
  else if (manifestDigest(m) !== m.digest)
    problems.push('manifest digest does not match its content (the manifest was edited)');
  if (m.signature) {
    const ok = verifySig(
      null,
      Buffer.from(m.digest ?? '', 'hex'),
      createPublicKey(m.signature.publicKey),
      Buffer.from(m.signature.value, 'base64'),
    );
    if (!ok) problems.push('manifest signature is invalid');
    if (
      expectedPublicKeyPem &&
      createPublicKey(expectedPublicKeyPem).export({ type: 'spki', format: 'pem' }).toString() !==
        m.signature.publicKey
    )
      problems.push('manifest was signed by a different key than the one given');
  } else if (expectedPublicKeyPem)
    problems.push('manifest is not signed, but a public key was given to check');
  return problems;
}
