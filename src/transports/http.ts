// The HTTP interactions endpoint — Discord's "Interactions Endpoint URL". Discord POSTs each
// interaction as JSON signed with the application's Ed25519 key; we verify the signature over
// timestamp + raw body and answer with the interaction callback in the HTTP response itself.
//
// Stateless by design: nothing survives a request (button custom_ids carry their own state), so
// any number of replicas can sit behind a load balancer. Discord probes the endpoint with bad
// signatures and drops endpoints that accept them, so every doubt about a signature is a 401.
//
// Order of checks (cheapest first, and nothing unauthenticated is parsed):
//   path → 404, method → 405, declared/actual size → 413, signature headers + timestamp → 401,
//   Ed25519 verify → 401, JSON → 400, interaction type → 400, then respond() → 200.
import { createPublicKey, randomUUID, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Dispatcher } from '../commands/dispatch.ts';
import { respond } from './interaction.ts';

export interface InteractionServerOptions {
  /** The application's public key: 64 hex characters (Developer Portal → General Information). */
  publicKey: string;
  dispatcher: Dispatcher;
  log: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  maxBodyBytes?: number;
  /** How far X-Signature-Timestamp may be from our clock, either way (replay window). */
  maxSkewSeconds?: number;
  now?: () => number;
}

const PATHS = new Set(['/', '/interactions']);
// ASN.1 SubjectPublicKeyInfo header for an Ed25519 key; the 32 raw key bytes follow it.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const SIGNATURE_HEX = /^[0-9a-f]{128}$/i;
const TIMESTAMP = /^\d{1,15}$/;

/** A KeyObject from Discord's hex public key; throws on anything but 32 hex-encoded bytes. */
export function ed25519PublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('publicKey must be 64 hex characters (a 32-byte Ed25519 key)');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export function createInteractionServer({
  publicKey,
  dispatcher,
  log,
  maxBodyBytes = 64 * 1024,
  maxSkewSeconds = 300,
  now = () => Date.now(),
}: InteractionServerOptions): Server {
  const key = ed25519PublicKey(publicKey); // once, not per request

  const server = createServer((req, res) => {
    const started = performance.now();
    handle(req, res, started).catch((err: unknown) => {
      const errorId = randomUUID().slice(0, 8);
      log.error({ err, errorId }, 'interaction endpoint failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error', errorId });
      else res.destroy();
    });
  });
  // Slow or stalled clients cannot hold a socket: whole request within 10 s, headers within 5 s.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.setTimeout(15_000, (socket) => socket.destroy());

  async function handle(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    const pathname = (req.url ?? '/').split('?', 1)[0];
    if (!PATHS.has(pathname!)) return reject(req, res, 404, 'not found');
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return reject(req, res, 405, 'method not allowed');
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) return reject(req, res, 413, 'body too large', true);

    const signature = header(req, 'x-signature-ed25519');
    const timestamp = header(req, 'x-signature-timestamp');
    if (!signature || !SIGNATURE_HEX.test(signature) || !timestamp || !TIMESTAMP.test(timestamp)) {
      return reject(req, res, 401, 'invalid request signature', false, 'missing or malformed signature headers');
    }
    if (Math.abs(now() / 1000 - Number(timestamp)) > maxSkewSeconds) {
      return reject(req, res, 401, 'invalid request signature', false, 'timestamp outside the allowed window');
    }

    const body = await readBody(req, maxBodyBytes);
    if (body === 'aborted') return;
    if (body === 'too-large') return reject(req, res, 413, 'body too large', true);

    if (!verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'))) {
      return reject(req, res, 401, 'invalid request signature', false, 'signature does not verify');
    }

    let interaction: unknown;
    try {
      interaction = JSON.parse(body.toString('utf8'));
    } catch {
      return reject(req, res, 400, 'malformed JSON');
    }
    if (typeof interaction !== 'object' || interaction === null || Array.isArray(interaction) || typeof (interaction as { type?: unknown }).type !== 'number') {
      return reject(req, res, 400, 'not an interaction');
    }
    const raw = interaction as { id?: unknown; type: number; data?: { name?: unknown; custom_id?: unknown } };
    const callback = respond(dispatcher, raw as Parameters<typeof respond>[1]);
    if (!callback) return reject(req, res, 400, 'unknown interaction type', false, `type ${raw.type}`);
    send(res, 200, callback);
    // Only identifiers: never the body, its token, or the signature.
    log.debug(
      {
        interactionId: typeof raw.id === 'string' ? raw.id : undefined,
        type: raw.type,
        command: typeof raw.data?.name === 'string' ? raw.data.name : undefined,
        callbackType: callback.type,
        ms: Math.round((performance.now() - started) * 100) / 100,
      },
      'interaction answered',
    );
  }

  /** Answers with an error. `close`: the client may still be sending a body we will not read. */
  function reject(req: IncomingMessage, res: ServerResponse, status: number, error: string, close = false, reason?: string): void {
    if (close) res.setHeader('Connection', 'close');
    send(res, status, { error });
    log.debug({ status, method: req.method, reason: reason ?? error }, 'interaction request rejected');
  }

  return server;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v.trim() : undefined;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

/** The raw body, or 'too-large' the moment it passes the limit (reading stops there). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Buffer | 'too-large' | 'aborted') => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        done('too-large');
      } else chunks.push(chunk);
    };
    const onEnd = () => done(Buffer.concat(chunks, size));
    const onClose = () => done('aborted');
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', onClose);
  });
}
