// The HTTP endpoint's limits as a load balancer and Discord expect them: a client that stalls its
// headers or its body gets 408 within the configured time while everyone else is still answered,
// connections past the cap are refused, and a signed but strange body is never a 500.
import net from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.ts';
import { createMetrics } from '../src/metrics.ts';
import type { MessagePayload } from '../src/render/discord.ts';
import { createInteractionServer } from '../src/transports/http.ts';
import { createCooldown } from '../src/commands/cooldown.ts';
import { assertDiscordValid, deskOf } from './helpers/bot.ts';
import { closed, interactionBody, keyPair, listen, signedHeaders } from './helpers/signed.ts';

const desk = deskOf(undefined, createCooldown());

const discord = keyPair();
const HEADERS_MS = 1_000;
const REQUEST_MS = 2_000;
// Wide: the 408 must come from the configured limit, not Node's 30 s check interval, but a busy
// 2-core machine may be a second or two late.
const SLACK_MS = 4_000;

const logLines: string[] = [];
const log = createLogger('debug', new Writable({ write: (c, _e, done) => (logLines.push(String(c)), done()) }));
const metrics = createMetrics();
const server = createInteractionServer({
  publicKey: discord.publicHex,
  desk,
  log,
  headersTimeoutMs: HEADERS_MS,
  requestTimeoutMs: REQUEST_MS,
  health: () => ({ status: 'ok', knowledge: 'test' }),
  observer: () => metrics,
  metrics: () => metrics,
});
let base = '';
let port = 0;
beforeAll(async () => {
  base = await listen(server);
  port = Number(new URL(base).port);
});
afterAll(() => closed(server));

async function post(
  body: string,
  headers = signedHeaders(discord.privateKey, body),
): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}/interactions`, { method: 'POST', headers, body });
  return { status: res.status, json: JSON.parse(await res.text()) };
}

/** A raw socket that sends `first` and then nothing: what it got back, and when it was closed. */
function stall(first: string): Promise<{ response: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write(first));
    let response = '';
    socket.on('data', (d) => (response += d));
    socket.on('error', reject);
    socket.on('close', () => resolve({ response, ms: Date.now() - started }));
  });
}

const askBody = (question: string) =>
  interactionBody(2, { id: '1', name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: question }] });

describe('slow clients', () => {
  it('500 stalled connections (half in their headers, half in their body) each get 408 on time, and normal requests are answered meanwhile', async () => {
    const body = askBody('who made pegasus');
    const signed = signedHeaders(discord.privateKey, body);
    const partialBody =
      `POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
      `X-Signature-Ed25519: ${signed['x-signature-ed25519']}\r\nX-Signature-Timestamp: ${signed['x-signature-timestamp']}\r\n\r\n${body.slice(0, 20)}`;
    const stalled = [
      ...Array.from({ length: 250 }, () =>
        stall('POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl'),
      ),
      ...Array.from({ length: 250 }, () => stall(partialBody)),
    ];
    // While they hang, real requests keep being answered.
    const normal = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(askBody(i % 2 ? 'who made pegasus' : 'how many indians were targeted')),
      ),
    );
    for (const r of normal) {
      expect(r.status).toBe(200);
      assertDiscordValid(r.json.data as MessagePayload);
    }
    const results = await Promise.all(stalled);
    const headerResults = results.slice(0, 250);
    const bodyResults = results.slice(250);
    for (const r of results) expect(r.response).toMatch(/^HTTP\/1\.1 408 /);
    for (const r of headerResults) expect(r.ms).toBeGreaterThanOrEqual(HEADERS_MS - 100);
    expect(Math.max(...headerResults.map((r) => r.ms))).toBeLessThan(HEADERS_MS + SLACK_MS);
    for (const r of bodyResults) expect(r.ms).toBeGreaterThanOrEqual(REQUEST_MS - 100);
    expect(Math.max(...bodyResults.map((r) => r.ms))).toBeLessThan(REQUEST_MS + SLACK_MS);
  }, 30_000);

  it('refuses connections past maxConnections at once, and serves again when they go', async () => {
    const capped = createInteractionServer({ publicKey: discord.publicHex, desk, log, maxConnections: 5 });
    const url = await listen(capped);
    const cappedPort = Number(new URL(url).port);
    const open: net.Socket[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const s = net.connect(cappedPort, '127.0.0.1');
        await new Promise((resolve) => s.once('connect', resolve));
        open.push(s);
      }
      await new Promise((resolve) => setTimeout(resolve, 100)); // the server has seen all five
      const extra = net.connect(cappedPort, '127.0.0.1');
      const started = Date.now();
      let got = '';
      extra.on('data', (d) => (got += d));
      extra.on('error', () => undefined);
      extra.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((resolve) => extra.once('close', resolve));
      expect(got).toBe(''); // closed unanswered…
      expect(Date.now() - started).toBeLessThan(HEADERS_MS); // …at once, not by a timeout
      for (const s of open) s.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      for (const s of open) s.destroy();
      await closed(capped);
    }
  });
});

describe('signed bodies of odd shapes', () => {
  it('a deeply nested option value is answered politely, not a 500', async () => {
    // Built as text: JSON.stringify itself cannot nest this deep. Still well under the 64 KB cap.
    const depth = 8_000;
    const nested = `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
    const template = interactionBody(2, {
      id: '1',
      name: 'ask',
      type: 1,
      options: [{ name: 'question', type: 3, value: 'HERE' }],
    });
    const body = template.replace('"HERE"', nested);
    const { status, json } = await post(body);
    expect(status).toBe(200);
    expect(json.type).toBe(4);
    expect(json.data.flags).toBe(64); // only the asker sees the "please type a question"
    assertDiscordValid(json.data as MessagePayload);
    // Arrays of arrays as the whole data, too.
    const odd = await post(interactionBody(2, 'HERE').replace('"HERE"', `${'['.repeat(depth)}${']'.repeat(depth)}`));
    expect([200, 400]).toContain(odd.status);
  });

  it('an option named __proto__ or constructor changes nothing', async () => {
    const body = interactionBody(2, {
      id: '1',
      name: 'ask',
      type: 1,
      options: [
        { name: '__proto__', type: 3, value: 'polluted' },
        { name: 'constructor', type: 3, value: 'polluted' },
        { name: 'question', type: 3, value: 'who made pegasus' },
      ],
    });
    const { status, json } = await post(body);
    expect(status).toBe(200);
    expect(JSON.stringify(json.data.embeds)).toMatch(/NSO/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('options that are not a list, or a list of junk, are answered (no TypeError, no 500)', async () => {
    for (const options of [0, 'x', [null], [1, 2], { name: 'question' }]) {
      const { status, json } = await post(interactionBody(2, { id: '1', name: 'ask', type: 1, options }));
      expect(status).toBe(200);
      assertDiscordValid(json.data as MessagePayload);
    }
  });
});

describe('for operators', () => {
  it('GET /healthz answers 200 with what is loaded', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', knowledge: 'test' });
  });

  it('GET /metrics counts interactions by command and outcome, with latency histograms', async () => {
    await post(askBody('who made pegasus'));
    await post(askBody('what is the capital of peru'));
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/incident_desk_interactions_total\{command="ask",kind="command",outcome="answer"\} [1-9]/);
    expect(text).toMatch(/incident_desk_interactions_total\{command="ask",kind="command",outcome="no-answer"\} [1-9]/);
    expect(text).toMatch(/incident_desk_handler_seconds_bucket\{le="0.05",command="ask"\} [1-9]/);
    expect(text).toMatch(/incident_desk_no_answer_ratio 0\.\d+/);
    expect(text).toContain('incident_desk_process_resident_memory_bytes');
  });

  it('one info line per interaction (command, outcome, ms) and the question only at debug', async () => {
    logLines.length = 0;
    await post(askBody('who made pegasus'));
    const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const info = lines.filter((l) => l.level === 30 && l.msg === 'interaction');
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ command: 'ask', kind: 'command', outcome: 'answer', ms: expect.any(Number) });
    expect(JSON.stringify(info[0])).not.toContain('who made pegasus');
    expect(lines.find((l) => l.level === 20 && l.text === 'who made pegasus')).toBeDefined();
  });
});
