// Discord's request signature for the HTTP interactions endpoint, as one pure function any server
// can call: Ed25519 over X-Signature-Timestamp + the raw body, with Discord's public key. The key
// is imported from its raw bytes as a JWK (no hand-built DER prefix), once.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

const SIGNATURE_HEX = /^[0-9a-f]{128}$/i;
const TIMESTAMP = /^\d{1,15}$/;

/** A KeyObject from Discord's hex public key; throws on anything but 32 hex-encoded bytes. */
export function ed25519PublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('publicKey must be 64 hex characters (a 32-byte Ed25519 key)');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') },
    format: 'jwk',
  });
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether a request is Discord's: both headers present and well-formed, the timestamp within
 * `maxSkewSeconds` of `now` (a replayed request is refused), and the signature valid.
 */
export function verifyInteraction(
  headers: SignatureHeaders,
  body: Buffer,
  key: KeyObject,
  opts: { now?: number; maxSkewSeconds?: number } = {},
): Verdict {
  const problem = headerProblem(headers, opts);
  if (problem) return { ok: false, reason: problem };
  return verifySignature(headers as Required<SignatureHeaders>, body, key);
}

/**
 * The Ed25519 check alone, for headers headerProblem() has already found well-formed (a server
 * that refuses on the headers before reading the body need not test them twice).
 */
export function verifySignature(
  { signature, timestamp }: Required<SignatureHeaders>,
  body: Buffer,
  key: KeyObject,
): Verdict {
  if (!verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex')))
    return { ok: false, reason: 'signature does not verify' };
  return { ok: true };
}

export interface SignatureHeaders {
  signature?: string | undefined;
  timestamp?: string | undefined;
}

/** What is wrong with the headers alone (so a server can refuse before reading the body), or null. */
export function headerProblem(
  { signature, timestamp }: SignatureHeaders,
  { now = Date.now(), maxSkewSeconds = 300 }: { now?: number; maxSkewSeconds?: number } = {},
): string | null {
  if (!signature || !SIGNATURE_HEX.test(signature) || !timestamp || !TIMESTAMP.test(timestamp))
    return 'missing or malformed signature headers';
  return windowProblem(timestamp, now, maxSkewSeconds);
}

/** A well-formed timestamp too far from `now` (ms), either way: the request may be a replay. */
export function windowProblem(timestamp: string, now: number, maxSkewSeconds: number): string | null {
  return Math.abs(now / 1000 - Number(timestamp)) > maxSkewSeconds ? 'timestamp outside the allowed window' : null;
}
