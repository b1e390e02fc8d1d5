// The HTTP interactions endpoint — Discord's "Interactions Endpoint URL". Discord POSTs each
// interaction as JSON signed with the application's Ed25519 key; we verify the signature over
// timestamp + raw body (verify.ts) and answer with the interaction callback in the response itself.
//
// The process keeps nothing between requests that an answer depends on (button custom_ids carry
// their own state), so any number of replicas can sit behind a load balancer. The state there is
// is named: the per-user cooldown and the curator records live in the database (PostgreSQL, with
// DATABASE_URL, shared by every replica; SQLite in DATA_DIR otherwise, one per host); only metrics
// are per process. Discord probes the endpoint with bad signatures and drops
// endpoints that accept them, so every doubt about a signature is a 401.
//
// Order of checks (cheapest first, and nothing unauthenticated is parsed):
//   GET /healthz, GET /metrics → path → 404, method → 405, declared/actual size → 413,
//   signature and timestamp → 401, JSON → 400, interaction shape → 400, then respond() → 200.
// Limits are real: a client that stalls its headers or its body gets 408 within the configured
// time (Node only checks every connectionsCheckingInterval, 30 s by default), and connections
// beyond `maxConnections` are refused at once.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Desk } from '../desk.ts';
import { NO_METRICS, reporter, snowflakeAge, type Observed, type Observer } from '../observe.ts';
import { callbackJson, respond, type RawInteraction } from './interaction.ts';
import {
  ed25519PublicKey,
  headerProblem,
  type SignatureHeaders,
  verifyInteraction,
  verifySignature,
  windowProblem,
} from './verify.ts';

export { ed25519PublicKey, verifyInteraction };

export interface InteractionServerOptions {
  /** The application's public key: 64 hex characters (Developer Portal → General Information). */
  publicKey: string;
  desk: Desk;
  log: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  maxBodyBytes?: number;
  /** How far X-Signature-Timestamp may be from our clock, either way (replay window). */
  maxSkewSeconds?: number;
  now?: () => number;
  /** Whole request within this many ms, headers within `headersTimeoutMs`: else 408. */
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** Open connections at most; more are refused. */
  maxConnections?: number;
  /** What GET /healthz reports once the knowledge base is loaded (the server starts after it is). */
  health?: () => Record<string, unknown>;
  /** Where each interaction is counted (the current one: metrics may arrive after start-up). */
  observer?: () => Observer;
  /** GET /metrics, when metrics are loaded. */
  metrics?: () => { text(): Promise<string>; contentType: string } | null;
}

const PATHS = new Set(['/', '/interactions']);

export function createInteractionServer({
  publicKey,
  desk,
  log,
  maxBodyBytes = 64 * 1024,
  maxSkewSeconds = 300,
  now = () => Date.now(),
  requestTimeoutMs = 10_000,
  headersTimeoutMs = 5_000,
  maxConnections = 1_000,
  health = () => ({ status: 'ok' }),
  observer = () => NO_METRICS,
  metrics = () => null,
}: InteractionServerOptions): Server {
  const key = ed25519PublicKey(publicKey); // once, not per request
  const report = reporter(log, observer);

  const server = createServer(
    // Node checks the two timeouts only every connectionsCheckingInterval: make that a fraction of
    // the shorter one, so a stalled client gets its 408 on time.
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: headersTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(headersTimeoutMs / 5))),
      keepAliveTimeout: 5_000,
    },
    (req, res) => {
      const started = performance.now();
      handle(req, res, started).catch((err: unknown) => {
        const errorId = randomUUID().slice(0, 8);
        log.error({ err, errorId }, 'interaction endpoint failed');
        if (!res.headersSent) send(res, 500, { error: 'internal error', errorId });
        else res.destroy();
      });
    },
  );
  server.maxConnections = maxConnections;
  // A socket idle past both limits (no request at all) is closed too.
  server.setTimeout(requestTimeoutMs + headersTimeoutMs, (socket) => socket.destroy());

  async function handle(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    const pathname = (req.url ?? '/').split('?', 1)[0]!;
    if (req.method === 'GET' && pathname === '/healthz') return send(res, 200, health());
    if (req.method === 'GET' && pathname === '/metrics') {
      const m = metrics();
      if (!m) return send(res, 503, { error: 'metrics not loaded yet' });
      const text = await m.text();
      res.writeHead(200, { 'Content-Type': m.contentType, 'Content-Length': Buffer.byteLength(text) });
      return void res.end(text);
    }
    if (!PATHS.has(pathname)) return reject(req, res, 404, 'not found');
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return reject(req, res, 405, 'method not allowed');
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) return reject(req, res, 413, 'body too large', true);

    const headers = { signature: header(req, 'x-signature-ed25519'), timestamp: header(req, 'x-signature-timestamp') };
    // Refused before the body is read when the headers alone condemn the request.
    const early = headerProblem(headers, { now: now(), maxSkewSeconds });
    if (early) return reject(req, res, 401, 'invalid request signature', false, early);

    const body = await readBody(req, maxBodyBytes);
    if (body === 'aborted') return;
    if (body === 'too-large') return reject(req, res, 413, 'body too large', true);

    // The headers passed above; only the clock may have moved on while the body came in.
    const late = windowProblem(headers.timestamp!, now(), maxSkewSeconds);
    if (late) return reject(req, res, 401, 'invalid request signature', false, late);
    const verdict = verifySignature(headers as Required<SignatureHeaders>, body, key);
    if (!verdict.ok) return reject(req, res, 401, 'invalid request signature', false, verdict.reason);

    let interaction: unknown;
    try {
      interaction = JSON.parse(body.toString('utf8'));
    } catch {
      return reject(req, res, 400, 'malformed JSON');
    }
    if (
      typeof interaction !== 'object' ||
      interaction === null ||
      Array.isArray(interaction) ||
      typeof (interaction as { type?: unknown }).type !== 'number'
    ) {
      return reject(req, res, 400, 'not an interaction');
    }
    const raw = interaction as RawInteraction & { id?: unknown };
    const result = await respond(desk, raw);
    if (!result) return reject(req, res, 400, 'unknown interaction type', false, `type ${raw.type}`);
    const { json, bytes } = callbackJson(result.callback);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes });
    res.end(json);
    if (result.observed) {
      // Built field by field, always in one order: spreads of optional fields made events of many
      // shapes (with whoOf's: 7-13% of the endpoint's CPU per interaction under load, A/B).
      const { command, kind, outcome, text } = result.observed;
      const event: Observed = { command, kind, outcome, handlerMs: performance.now() - started };
      if (text !== undefined) event.text = text;
      if (typeof raw.id === 'string') {
        event.interactionId = raw.id;
        const responseMs = snowflakeAge(raw.id);
        if (responseMs > 0) event.responseMs = responseMs;
      }
      report(event);
    }
  }

  /** Answers with an error. `close`: the client may still be sending a body we will not read. */
  function reject(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    error: string,
    close = false,
    reason?: string,
  ): void {
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
