// A fake Discord for end-to-end tests: an HTTP REST API and a WebSocket gateway on 127.0.0.1 (a
// random free port), enough of both for the real discord.js client to log in, receive
// interactions and answer them, and for `npm run deploy` to register commands.
//
//   REST      http://127.0.0.1:PORT/api/v10/...  (point DISCORD_API_URL at http://127.0.0.1:PORT/api)
//   gateway   ws://127.0.0.1:PORT/gateway        (handed out by GET /gateway/bot)
//   resume    ws://127.0.0.1:PORT/resume         (READY's resume_gateway_url)
//
// Everything is recorded — REST requests, interaction callbacks, gateway connections, IDENTIFY
// and RESUME payloads — and tests await what they need with waitFor/waitForCallback. The token is
// checked but never stored or logged: records say whether it matched.
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';
import {
  autocompleteInteraction,
  botMessage,
  botUser,
  buttonInteraction,
  selectInteraction,
  chatInputInteraction,
  guild,
  snowflake,
  type FakeIds,
  type RawInteraction,
  type StringOptions,
} from './payloads.ts';

export { botMessage, snowflake, type RawInteraction } from './payloads.ts';

export interface FakeDiscordOptions {
  /** The bot token the fake accepts (REST Authorization: Bot <token>, gateway IDENTIFY/RESUME). */
  token: string;
  applicationId?: string;
  guildId?: string;
  /**
   * How many shards Discord recommends (GET /gateway/bot). With more than one, the fake has one
   * guild per shard (guild_id >> 22 mod shards picks it), keeps one session per shard, and
   * delivers each interaction only on the session of the shard that owns its guild.
   */
  shards?: number;
  /** op 10 HELLO heartbeat_interval in ms (Discord: 41250). */
  heartbeatInterval?: number;
  /** Called with one line per notable or unexpected thing (unknown routes/ops); never given the token. */
  debug?: (line: string) => void;
}

/** Loosely typed JSON, for bodies the tests pick apart. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface RestRecord {
  method: string;
  /** Path after /api/v10, URL-decoded per segment (%40original → @original). */
  path: string;
  query: Record<string, string>;
  /** Whether Authorization was exactly `Bot <token>` (the header itself is not kept). */
  authorized: boolean;
  hasAuthorization: boolean;
  contentType: string | undefined;
  body: Json;
  status: number;
  at: number;
}

export interface CallbackRecord {
  interactionId: string;
  body: { type: number; data?: Json };
  query: Record<string, string>;
  /** ms from dispatching the INTERACTION_CREATE to receiving this callback. */
  latencyMs: number;
  at: number;
}

export interface ConnectionRecord {
  id: number;
  path: string;
  query: Record<string, string>;
  openedAt: number;
  /** How the connection authenticated, once it did. */
  auth?: 'identify' | 'resume' | 'invalid-session';
  closedAt?: number;
  closeCode?: number;
  closedBy?: 'fake' | 'client';
}

export interface IdentifyRecord {
  connection: number;
  tokenMatches: boolean;
  intents: number;
  shard: unknown;
  compress: unknown;
  properties: Json;
  large_threshold?: number;
}

export interface ResumeRecord {
  connection: number;
  tokenMatches: boolean;
  sessionId: string;
  seq: number | null;
  /** How many buffered events were replayed before RESUMED. */
  replayed: number;
  accepted: boolean;
}

export interface FailureInjection {
  status: 429 | 500 | 502 | 503;
  /** Seconds, for 429 (body retry_after and Retry-After header). */
  retryAfter?: number;
  /** A 429 with X-RateLimit-Global. */
  global?: boolean;
  /**
   * The callback is applied and only its response is lost (as when Discord's edge times out after
   * the interaction was acknowledged): the retry then gets 40060, "already acknowledged".
   */
  applied?: boolean;
}

interface Dispatch {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  /** Replayable dispatches, for RESUME. */
  events: Dispatch[];
  /** The authenticated connection this session is delivered on, if any. */
  socket: WebSocket | null;
  shard: number;
}

interface PendingInteraction {
  raw: RawInteraction;
  dispatchedAt: number;
  /** The shard whose session it was delivered on. */
  shard: number;
  callbacks: CallbackRecord[];
  original?: Json;
}

const OPEN = WebSocket.OPEN;

export class FakeDiscord extends EventEmitter {
  readonly ids: FakeIds;
  readonly rest: RestRecord[] = [];
  readonly unknownRoutes: RestRecord[] = [];
  readonly callbacks: CallbackRecord[] = [];
  /** Messages the bot posted to a channel (POST /channels/{id}/messages). */
  readonly channelMessages: Array<{ channelId: string; body: Json; at: number }> = [];
  /** Callback requests the fake refused on purpose (injected 429/500s). */
  readonly refusedCallbacks: Array<{ interactionId: string; status: number; at: number }> = [];
  readonly connections: ConnectionRecord[] = [];
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  readonly unknownOps: Array<{ connection: number; op: unknown }> = [];
  /** Registered commands, by scope: 'global' or the guild id. */
  readonly commands = new Map<string, Json[]>();
  heartbeats = 0;

  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Socket>();
  private readonly interactions = new Map<string, PendingInteraction>();
  private readonly sessions = new Map<string, Session>();
  private readonly failures: FailureInjection[] = [];
  private readonly commandIds = new Map<string, string>();
  private readonly connectionOf = new WeakMap<WebSocket, ConnectionRecord>();
  /** The live session of each shard (the latest IDENTIFY for it). */
  private readonly shardSessions = new Map<number, Session>();
  private port = 0;
  readonly shardCount: number;
  /** Every guild the bot is in, with its text channel; the first is ids.guildId. */
  readonly guilds: Array<{ guildId: string; channelId: string; shard: number }> = [];

  constructor(private readonly options: FakeDiscordOptions) {
    super();
    this.setMaxListeners(0);
    this.ids = {
      applicationId: options.applicationId ?? snowflake(),
      botUserId: options.applicationId ?? snowflake(),
      guildId: options.guildId ?? snowflake(),
      channelId: snowflake(),
      userId: snowflake(),
    };
    this.shardCount = Math.max(1, options.shards ?? 1);
    this.guilds.push({
      guildId: this.ids.guildId,
      channelId: this.ids.channelId,
      shard: this.shardOf(this.ids.guildId),
    });
    // One guild on each shard, so every shard has something to serve.
    for (let shard = 0; shard < this.shardCount; shard++) {
      while (!this.guilds.some((g) => g.shard === shard)) {
        const guildId = snowflake();
        if (this.shardOf(guildId) === shard) this.guilds.push({ guildId, channelId: snowflake(), shard });
      }
    }
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/gateway' && url.pathname !== '/resume') {
        this.debug(`upgrade refused for ${url.pathname}`);
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url));
    });
  }

  /** Listens on 127.0.0.1 and a free port chosen by the OS. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The DISCORD_API_URL for the bot: discord.js appends /v10/... to it. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  get resumeUrl(): string {
    return `ws://127.0.0.1:${this.port}/resume`;
  }

  /** Discord's rule: a guild's events go to shard (guild_id >> 22) % shard count. */
  shardOf(guildId: string): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(this.shardCount));
  }

  /** The ids as seen from one guild of the bot's (for building interactions sent there). */
  idsIn(guild: { guildId: string; channelId: string }): FakeIds {
    return { ...this.ids, guildId: guild.guildId, channelId: guild.channelId };
  }

  /** Shard 0's session: the only one when unsharded. */
  private get session(): Session | null {
    return this.shardSessions.get(0) ?? null;
  }

  /** The shards with a live, authenticated connection. */
  get liveShards(): number[] {
    return [...this.shardSessions.values()]
      .filter((x) => x.socket?.readyState === OPEN)
      .map((x) => x.shard)
      .sort();
  }

  /** The session interactions are dispatched to (the latest IDENTIFY's). */
  get sessionId(): string | undefined {
    return this.session?.id;
  }

  /** Whether the current session has an authenticated, open connection. */
  get live(): boolean {
    return this.session?.socket?.readyState === OPEN;
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- waiting -------------------------------------------------------------------------------

  /** Resolves with fn's first truthy result, re-checked after every recorded change. */
  waitFor<T>(fn: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
    const first = fn();
    if (first) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = fn();
        if (!value) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        const unknown = this.unknownRoutes.map((r) => `${r.method} ${r.path}`).join(', ');
        reject(
          new Error(
            `fake Discord: timed out after ${timeoutMs} ms waiting for ${what}${unknown ? ` (unknown routes called: ${unknown})` : ''}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('change', check);
      };
      this.on('change', check);
    });
  }

  /** The first callback for an interaction, once the bot has posted it. */
  waitForCallback(interactionId: string, timeoutMs = 5000): Promise<CallbackRecord> {
    return this.waitFor(
      () => this.interactions.get(interactionId)?.callbacks[0],
      `the callback for interaction ${interactionId}`,
      timeoutMs,
    );
  }

  callbacksFor(interactionId: string): CallbackRecord[] {
    return this.interactions.get(interactionId)?.callbacks ?? [];
  }

  /** Every interaction dispatched so far, in order. */
  get sentInteractions(): RawInteraction[] {
    return [...this.interactions.values()].map((p) => p.raw);
  }

  // ---- interactions --------------------------------------------------------------------------

  /** The id of a registered command by name (a made-up stable one when nothing was deployed). */
  commandId(name: string): string {
    for (const list of this.commands.values()) {
      const found = list.find((c: Json) => c.name === name);
      if (found) return String(found.id);
    }
    let id = this.commandIds.get(name);
    if (!id) this.commandIds.set(name, (id = snowflake()));
    return id;
  }

  /** Dispatches a slash command (/name option:value ...). */
  command(name: string, options: StringOptions = {}): RawInteraction {
    return this.sendInteraction(chatInputInteraction(this.ids, this.commandId(name), name, options));
  }

  /** Dispatches an autocomplete request with `focused` being typed. */
  autocomplete(name: string, options: StringOptions, focused: string): RawInteraction {
    return this.sendInteraction(autocompleteInteraction(this.ids, this.commandId(name), name, options, focused));
  }

  /** Dispatches a button press on a message (e.g. messageFor(callback) of an earlier reply), by the tester or `by`. */
  pressButton(customId: string, message: Json, by?: string): RawInteraction {
    return this.sendInteraction(buttonInteraction(this.ids, customId, message, by));
  }

  /** Dispatches a choice in a select menu on a message. */
  select(customId: string, values: string[], message: Json, by?: string): RawInteraction {
    return this.sendInteraction(selectInteraction(this.ids, customId, values, message, by));
  }

  /** The message Discord would have created from a reply callback (type 4 or 7). */
  messageFor(callback: CallbackRecord): Json {
    return botMessage(this.ids, callback.body.data ?? {});
  }

  /**
   * Sends INTERACTION_CREATE on the current session. When its connection is down the event is
   * buffered in the session, as Discord does, and delivered when the client resumes.
   */
  sendInteraction(raw: RawInteraction): RawInteraction {
    const shard = raw.guild_id ? this.shardOf(raw.guild_id) : 0;
    const session = this.shardSessions.get(shard);
    if (!session) throw new Error(`fake Discord: no session for shard ${shard} yet — it has not identified`);
    this.interactions.set(raw.id, { raw, dispatchedAt: Date.now(), shard, callbacks: [] });
    this.dispatch(session, 'INTERACTION_CREATE', raw);
    return raw;
  }

  /** The next `count` interaction callbacks are refused with this status before any is accepted. */
  failCallbacks(count: number, failure: FailureInjection): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
  }

  // ---- gateway control -----------------------------------------------------------------------

  /** Closes the current session's connection from the server side (1006: an abrupt drop, no close frame). */
  async dropConnection(code = 4000, reason = 'fake Discord: connection dropped'): Promise<void> {
    const ws = this.session?.socket;
    if (!ws || ws.readyState !== OPEN) throw new Error('fake Discord: no live connection to drop');
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    this.markClosing(ws, 'fake');
    if (code === 1006) ws.terminate();
    else ws.close(code, reason);
    await closed;
  }

  /** Sends op 7 RECONNECT: the client should close and resume on resume_gateway_url. */
  requestReconnect(): void {
    const ws = this.session?.socket;
    if (!ws || ws.readyState !== OPEN) throw new Error('fake Discord: no live connection to send op 7 on');
    this.send(ws, { op: 7, d: null });
  }

  /** The id of the newest gateway connection (0 before any); pass it to waitUntilLive to await a reconnect. */
  get lastConnectionId(): number {
    return this.connections.length;
  }

  /**
   * Resolves with the connection the current session is delivered on, once that is an open,
   * authenticated connection newer than connection `after` (i.e. the client reconnected).
   */
  waitUntilLive(after = 0, timeoutMs = 5000): Promise<ConnectionRecord> {
    return this.waitFor(
      () => {
        const ws = this.session?.socket;
        const record = ws && ws.readyState === OPEN ? this.connectionOf.get(ws) : undefined;
        return record && record.id > after ? record : undefined;
      },
      `a live gateway session on a connection after #${after}`,
      timeoutMs,
    );
  }

  // ---- gateway internals ---------------------------------------------------------------------

  private onConnection(ws: WebSocket, url: URL): void {
    const record: ConnectionRecord = {
      id: this.connections.length + 1,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      openedAt: Date.now(),
    };
    this.connections.push(record);
    this.connectionOf.set(ws, record);
    if (record.query.v !== '10' || record.query.encoding !== 'json')
      this.debug(`gateway connection ${record.id} with unexpected query ${url.search}`);
    if (record.query.compress)
      this.debug(
        `gateway connection ${record.id} asked for compress=${record.query.compress}; the fake only speaks plain JSON`,
      );
    ws.on('message', (data, isBinary) => this.onFrame(ws, record, isBinary ? null : data.toString()));
    ws.on('close', (code) => {
      record.closedAt = Date.now();
      record.closeCode = code;
      record.closedBy ??= 'client';
      for (const session of this.sessions.values()) if (session.socket === ws) session.socket = null;
      this.changed();
    });
    ws.on('error', (err) => this.debug(`gateway connection ${record.id} error: ${err.message}`));
    this.send(ws, { op: 10, d: { heartbeat_interval: this.options.heartbeatInterval ?? 41250 } });
    this.changed();
  }

  private onFrame(ws: WebSocket, record: ConnectionRecord, text: string | null): void {
    let payload: { op?: unknown; d?: Json };
    try {
      if (text === null) throw new Error('binary frame');
      payload = JSON.parse(text) as { op?: unknown; d?: Json };
    } catch {
      this.debug(`gateway connection ${record.id}: undecodable frame`);
      this.closeWith(ws, 4002, 'Decode error');
      return;
    }
    const authenticated = record.auth === 'identify' || record.auth === 'resume';
    switch (payload.op) {
      case 1:
        this.heartbeats++;
        this.send(ws, { op: 11 });
        this.changed();
        return;
      case 2:
        if (authenticated) return this.closeWith(ws, 4005, 'Already authenticated');
        return this.identify(ws, record, payload.d);
      case 6:
        if (authenticated) return this.closeWith(ws, 4005, 'Already authenticated');
        return this.resume(ws, record, payload.d);
      case 3: // presence update
      case 4: // voice state update
      case 8: // request guild members
        if (!authenticated) return this.closeWith(ws, 4003, 'Not authenticated');
        this.debug(`gateway connection ${record.id}: op ${String(payload.op)} accepted and ignored`);
        return;
      default:
        this.unknownOps.push({ connection: record.id, op: payload.op });
        this.debug(`gateway connection ${record.id}: unknown op ${JSON.stringify(payload.op)}`);
        this.closeWith(ws, 4001, 'Unknown opcode');
    }
  }

  private identify(ws: WebSocket, record: ConnectionRecord, d: Json): void {
    const tokenMatches = d?.token === this.options.token;
    this.identifies.push({
      connection: record.id,
      tokenMatches,
      intents: d?.intents,
      shard: d?.shard,
      compress: d?.compress,
      properties: d?.properties,
      large_threshold: d?.large_threshold,
    });
    if (!tokenMatches) {
      this.debug(`gateway connection ${record.id}: IDENTIFY with a wrong token`);
      return this.closeWith(ws, 4004, 'Authentication failed');
    }
    if (typeof d?.intents !== 'number') return this.closeWith(ws, 4013, 'Invalid intent(s)');
    const [shard, count] = Array.isArray(d.shard) ? (d.shard as number[]) : [0, 1];
    if (count !== this.shardCount || !(shard! >= 0 && shard! < count!))
      return this.closeWith(ws, 4010, 'Invalid shard');
    record.auth = 'identify';
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, events: [], socket: ws, shard: shard! };
    this.sessions.set(session.id, session);
    this.shardSessions.set(shard!, session);
    const mine = this.guilds.filter((g) => g.shard === shard);
    this.dispatch(
      session,
      'READY',
      {
        v: 10,
        user: botUser(this.ids),
        guilds: mine.map((g) => ({ id: g.guildId, unavailable: true })),
        session_id: session.id,
        session_type: 'normal',
        resume_gateway_url: this.resumeUrl,
        shard: [shard, count],
        application: { id: this.ids.applicationId, flags: 0 },
        private_channels: [],
        relationships: [],
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        user_settings: {},
        auth_session_id_hash: '',
        _trace: ['["fake-discord",{"micros":0}]'],
      },
      false,
    );
    for (const g of mine) this.dispatch(session, 'GUILD_CREATE', guild(this.idsIn(g)));
    this.changed();
  }

  private resume(ws: WebSocket, record: ConnectionRecord, d: Json): void {
    const tokenMatches = d?.token === this.options.token;
    const session = typeof d?.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const seq = typeof d?.seq === 'number' ? d.seq : null;
    const resume: ResumeRecord = {
      connection: record.id,
      tokenMatches,
      sessionId: String(d?.session_id),
      seq,
      replayed: 0,
      accepted: false,
    };
    this.resumes.push(resume);
    if (!tokenMatches) {
      this.changed();
      return this.closeWith(ws, 4004, 'Authentication failed');
    }
    if (!session || session !== this.shardSessions.get(session.shard)) {
      // Not resumable: op 9 with d false; the client must IDENTIFY again.
      record.auth = 'invalid-session';
      this.send(ws, { op: 9, d: false });
      this.changed();
      return;
    }
    if (seq !== null && seq > session.seq) {
      this.changed();
      return this.closeWith(ws, 4007, 'Invalid seq');
    }
    if (session.socket && session.socket !== ws && session.socket.readyState === OPEN) {
      this.markClosing(session.socket, 'fake');
      session.socket.close(4009, 'Session resumed elsewhere');
    }
    record.auth = 'resume';
    session.socket = ws;
    const missed = session.events.filter((e) => seq === null || e.s > seq);
    for (const event of missed) this.send(ws, event);
    resume.replayed = missed.length;
    resume.accepted = true;
    this.dispatch(session, 'RESUMED', null, false);
    this.changed();
  }

  /** Sends a dispatch with the session's next sequence number (buffered when not delivered now). */
  private dispatch(session: Session, t: string, d: unknown, replayable = true): void {
    const event: Dispatch = { op: 0, t, s: ++session.seq, d };
    if (replayable) session.events.push(event);
    if (session.socket && session.socket.readyState === OPEN) this.send(session.socket, event);
  }

  private send(ws: WebSocket, payload: object): void {
    if (ws.readyState === OPEN) ws.send(JSON.stringify(payload));
  }

  private markClosing(ws: WebSocket, by: 'fake' | 'client'): void {
    const record = this.connectionOf.get(ws);
    if (record) record.closedBy ??= by;
  }

  private closeWith(ws: WebSocket, code: number, reason: string): void {
    this.markClosing(ws, 'fake');
    ws.close(code, reason);
  }

  // ---- REST ----------------------------------------------------------------------------------

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const contentType = req.headers['content-type'];
    let body: Json = raw.length > 0 ? raw : undefined;
    let invalidJson = false;
    if (raw.length > 0 && contentType?.startsWith('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        invalidJson = true;
      }
    }
    const authorization = req.headers.authorization;
    const prefix = url.pathname.match(/^\/api(?:\/v(\d+))?(\/.*)$/);
    const segments = (prefix?.[2] ?? url.pathname).split('/').map((s) => safeDecode(s));
    const record: RestRecord = {
      method: req.method ?? 'GET',
      path: segments.join('/'),
      query: Object.fromEntries(url.searchParams),
      authorized: authorization === `Bot ${this.options.token}`,
      hasAuthorization: authorization !== undefined,
      contentType,
      body,
      status: 0,
      at: Date.now(),
    };
    this.rest.push(record);
    const status = (() => {
      if (invalidJson) return this.reply(res, 400, { message: 'The request body contains invalid JSON.', code: 50109 });
      if (prefix?.[1] !== '10') return this.notFound(res, record, `not under /api/v10`);
      return this.route(record, segments.slice(1), res);
    })();
    record.status = status;
    this.changed();
  }

  /** Answers one REST request; returns the status sent. */
  private route(r: RestRecord, s: string[], res: http.ServerResponse): number {
    const { method } = r;
    const needAuth = () => (r.authorized ? 0 : this.reply(res, 401, { message: '401: Unauthorized', code: 0 }));
    const app = this.ids.applicationId;

    // GET /gateway/bot, GET /gateway
    if (method === 'GET' && s[0] === 'gateway' && s.length <= 2 && (s[1] === undefined || s[1] === 'bot')) {
      if (s[1] === undefined) return this.reply(res, 200, { url: this.gatewayUrl });
      return (
        needAuth() ||
        this.reply(res, 200, {
          url: this.gatewayUrl,
          shards: this.shardCount,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
        })
      );
    }
    // GET /users/@me, GET /applications/@me
    if (method === 'GET' && s.length === 2 && s[0] === 'users' && s[1] === '@me')
      return needAuth() || this.reply(res, 200, botUser(this.ids));
    if (method === 'GET' && s.length === 2 && s[0] === 'applications' && s[1] === '@me') {
      return (
        needAuth() ||
        this.reply(res, 200, {
          id: app,
          name: 'incident-desk',
          icon: null,
          description: '',
          bot_public: false,
          bot_require_code_grant: false,
          flags: 0,
          bot: botUser(this.ids),
        })
      );
    }
    // PUT|GET /applications/{app}/commands and /applications/{app}/guilds/{guild}/commands
    if (s[0] === 'applications' && (method === 'PUT' || method === 'GET')) {
      const scope =
        s.length === 3 && s[2] === 'commands'
          ? 'global'
          : s.length === 5 && s[2] === 'guilds' && s[4] === 'commands'
            ? s[3]!
            : null;
      if (scope !== null) {
        const denied = needAuth();
        if (denied) return denied;
        if (s[1] !== app) return this.reply(res, 403, { message: 'Missing Access', code: 50001 });
        if (method === 'GET') return this.reply(res, 200, this.commands.get(scope) ?? []);
        if (!Array.isArray(r.body)) return this.reply(res, 400, { message: 'Invalid Form Body', code: 50035 });
        const registered = r.body.map((c: Json) => ({
          id: this.commandId(String(c?.name)),
          application_id: app,
          version: snowflake(),
          type: 1,
          default_member_permissions: null,
          nsfw: false,
          ...(scope === 'global' ? {} : { guild_id: scope }),
          ...c,
        }));
        this.commands.set(scope, registered);
        return this.reply(res, 200, registered);
      }
    }
    // POST /channels/{channel}/messages: the bot posting (the problem reports' channel)
    if (method === 'POST' && s.length === 3 && s[0] === 'channels' && s[2] === 'messages') {
      const denied = needAuth();
      if (denied) return denied;
      const message = botMessage(this.ids, (r.body as Json) ?? {});
      this.channelMessages.push({ channelId: s[1]!, body: r.body as Json, at: Date.now() });
      return this.reply(res, 200, { ...message, channel_id: s[1] });
    }
    // POST /interactions/{id}/{token}/callback
    if (method === 'POST' && s.length === 4 && s[0] === 'interactions' && s[3] === 'callback')
      return this.callback(r, s[1]!, s[2]!, res);
    // /webhooks/{app}/{token}[/messages/{message}]
    if (s[0] === 'webhooks' && s.length >= 3) {
      const pending = [...this.interactions.values()].find((p) => p.raw.token === s[2]);
      if (s[1] !== app || !pending) return this.reply(res, 404, { message: 'Unknown Webhook', code: 10015 });
      if (method === 'POST' && s.length === 3) return this.reply(res, 200, botMessage(this.ids, r.body ?? {}));
      if (s.length === 5 && s[3] === 'messages') {
        const message = s[4] === '@original' ? pending.original : undefined;
        if (!message) return this.reply(res, 404, { message: 'Unknown Message', code: 10008 });
        if (method === 'GET') return this.reply(res, 200, message);
        if (method === 'PATCH')
          return this.reply(
            res,
            200,
            Object.assign(message, r.body ?? {}, { edited_timestamp: new Date().toISOString() }),
          );
        if (method === 'DELETE') {
          pending.original = undefined;
          return this.reply(res, 204);
        }
      }
    }
    return this.notFound(res, r, 'no such route in the fake');
  }

  private callback(r: RestRecord, interactionId: string, token: string, res: http.ServerResponse): number {
    const pending = this.interactions.get(interactionId);
    if (!pending || pending.raw.token !== token)
      return this.reply(res, 404, { message: 'Unknown interaction', code: 10062 });
    const failure = this.failures.shift();
    if (failure?.applied && pending.callbacks.length === 0) {
      this.refusedCallbacks.push({ interactionId, status: failure.status, at: Date.now() });
      this.accept(r, interactionId, pending);
      return this.reply(res, failure.status, {
        message: `${failure.status}: injected failure after the callback was applied`,
        code: 0,
      });
    }
    if (failure) {
      this.refusedCallbacks.push({ interactionId, status: failure.status, at: Date.now() });
      if (failure.status === 429) {
        const retryAfter = failure.retryAfter ?? 0.1;
        const headers: Record<string, string> = {
          'retry-after': String(retryAfter),
          'x-ratelimit-limit': '1',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(retryAfter),
          'x-ratelimit-bucket': 'fake-interaction-callback',
          'x-ratelimit-scope': failure.global ? 'global' : 'user',
        };
        if (failure.global) headers['x-ratelimit-global'] = 'true';
        return this.reply(
          res,
          429,
          { message: 'You are being rate limited.', retry_after: retryAfter, global: Boolean(failure.global), code: 0 },
          headers,
        );
      }
      return this.reply(res, failure.status, { message: `${failure.status}: injected failure`, code: 0 });
    }
    if (pending.callbacks.length > 0)
      return this.reply(res, 400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    const body = r.body as Json;
    if (typeof body?.type !== 'number') return this.reply(res, 400, { message: 'Invalid Form Body', code: 50035 });
    const message = this.accept(r, interactionId, pending);
    if (r.query.with_response !== 'true') return this.reply(res, 204);
    return this.reply(res, 200, {
      interaction: {
        id: interactionId,
        type: pending.raw.type,
        activity_instance_id: null,
        response_message_id: message?.id ?? null,
        response_message_loading: false,
        response_message_ephemeral: Boolean((body.data?.flags ?? 0) & 64),
      },
      resource: { type: body.type, ...(message ? { message } : {}) },
    });
  }

  /**
   * Records an accepted callback and the message it makes, as Discord does: a reply (4) or update
   * (7) is the message itself; a deferred reply (5) is a "thinking…" placeholder (flag LOADING)
   * that the bot later edits through PATCH @original; a deferred update (6) leaves the pressed
   * message as the original, to be edited the same way.
   */
  private accept(r: RestRecord, interactionId: string, pending: PendingInteraction): Json | undefined {
    const body = r.body as Json;
    const record: CallbackRecord = {
      interactionId,
      body,
      query: r.query,
      latencyMs: Date.now() - pending.dispatchedAt,
      at: Date.now(),
    };
    pending.callbacks.push(record);
    this.callbacks.push(record);
    let message: Json | undefined;
    if (body.type === 4 || body.type === 7) {
      message = botMessage(
        this.ids,
        body.data ?? {},
        body.type === 7 ? String(pending.raw.message?.id ?? snowflake()) : snowflake(),
      );
    } else if (body.type === 5) {
      message = { ...botMessage(this.ids, {}), flags: 128 | ((body.data?.flags ?? 0) & 64) };
    } else if (body.type === 6) {
      message = pending.raw.message as Json | undefined;
    }
    if (message) pending.original = message;
    return message;
  }

  private notFound(res: http.ServerResponse, r: RestRecord, why: string): number {
    this.unknownRoutes.push(r);
    this.debug(`unknown route ${r.method} ${r.path} (${why})`);
    return this.reply(res, 404, { message: 'Unknown', code: 0 });
  }

  private reply(
    res: http.ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ): number {
    if (body === undefined) {
      res.writeHead(status, headers).end();
    } else {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    }
    return status;
  }

  private changed(): void {
    this.emit('change');
  }

  private debug(line: string): void {
    this.options.debug?.(`[fake-discord] ${line}`);
  }
}

/** Starts a fake Discord on 127.0.0.1 and a free port. */
export async function startFakeDiscord(options: FakeDiscordOptions): Promise<FakeDiscord> {
  return new FakeDiscord(options).listen();
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
