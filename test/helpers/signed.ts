// Signing interactions exactly as Discord does (Ed25519 over timestamp + raw body), with a key
// pair made in the test, and posting them to an endpoint on 127.0.0.1.
import { generateKeyPairSync, sign as ed25519Sign, type KeyObject } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KeyPair {
  privateKey: KeyObject;
  /** The public key as the Developer Portal shows it: 64 hex characters. */
  publicHex: string;
}

export function keyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  // SPKI DER of an Ed25519 key is a 12-byte header followed by the 32 raw key bytes.
  return { privateKey, publicHex: publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex') };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export function signature(key: KeyObject, timestamp: string, body: string | Buffer): string {
  return ed25519Sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), key).toString('hex');
}

export function signedHeaders(key: KeyObject, body: string, timestamp = String(nowSeconds())): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-signature-ed25519': signature(key, timestamp, body),
    'x-signature-timestamp': timestamp,
  };
}

let seq = 0;
/** An interaction's JSON with a fresh snowflake-shaped id and token. */
export function interactionBody(type: number, data?: unknown, userId?: string, token = 'interaction-token'): string {
  seq++;
  const member = userId ? { member: { user: { id: userId } } } : {};
  return JSON.stringify({
    id: `12345678901234${String(seq).padStart(4, '0')}`,
    application_id: '123456789012345678',
    type,
    token: `${token}-${seq}`,
    version: 1,
    ...member,
    ...(data ? { data } : {}),
  });
}

/** Listens on an ephemeral port of 127.0.0.1; the base URL. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export const closed = (server: Server): Promise<unknown> => new Promise((resolve) => server.close(resolve));
