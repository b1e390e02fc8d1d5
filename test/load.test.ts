// Load, bounded: 2,000 interactions through the real discord.js client against the fake Discord,
// 2,000 signed requests to the HTTP endpoint, memory across two equal batches, and the per-user
// cooldown under a quick burst from one user. Everything runs on 127.0.0.1 (a guard refuses any
// other connection) and every loop is bounded in count; the whole file takes ~20 s.
//
// Gateway users: every interaction comes from its own user id, so the bot runs with its real,
// default cooldown (5 commands per user per 10 s) and the burst test below exercises it for real.
import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooldown } from '../src/commands/cooldown.ts';
import { createDispatcher } from '../src/commands/dispatch.ts';
import { createDesk } from '../src/desk.ts';
import { createLogger } from '../src/log.ts';
import type { MessagePayload } from '../src/render/discord.ts';
import { createInteractionServer } from '../src/transports/http.ts';
import type { RawInteraction } from './fake-discord/index.ts';
import {
  assertDiscordValid,
  commands,
  core,
  dispatcher as reference,
  isVerbatim,
  quotedPassages,
} from './helpers/bot.ts';
import {
  assertValidCallback,
  build,
  startBot,
  userId,
  waitForAll,
  type BotUnderTest,
  type InteractionKind,
} from './helpers/gateway.ts';
import { keyPair, signedHeaders } from './helpers/signed.ts';

const GATEWAY_TOTAL = 600;
const BURST = 20;
/**
 * Bursts sized for a 5× margin under Discord's 3 s on a busy 2-core machine: one process here runs
 * the bot, discord.js and the fake Discord, and a burst of 20 of this mix clears in 30-80 ms on
 * an idle machine (handlers take ~2 ms on average, ~9 ms for a date chrono-node cannot read) — so
 * even a machine five times slower, or busy with other work, answers every one in time. The big
 * bursts (100 at once, 1,000 and more in a row) are the benchmark's (npm run bench): a test is
 * about "answered exactly once, in time", not about how far the machine can be pushed.
 */
const BURST_GAP_MS = 250;
const DEADLINE_MS = 3000;

/** The button a reference reply carries with this label (its custom_id holds the whole state). */
function button(message: MessagePayload, label: string): string {
  const found = message.components
    .flatMap((r) => r.components)
    .find((b) => 'label' in b && b.label === label && 'custom_id' in b);
  if (!found || !('custom_id' in found)) throw new Error(`no ${label} button`);
  return found.custom_id;
}

const timelinePage1 = reference.run('timeline', {}).message;
const timelineNext = button(timelinePage1, '▶');
const timelinePage2 = reference.press(timelineNext).message;
const timelinePrev = button(timelinePage2, '◀');

/** A mix of everything the bot answers: every command, autocomplete, buttons, bad input. */
const MIX: InteractionKind[] = [
  { kind: 'command', name: 'ask', options: { question: 'who made pegasus' } },
  { kind: 'command', name: 'ask', options: { question: 'whn did whatsap sue nso' } },
  { kind: 'command', name: 'ask', options: { question: 'what is the price of bitcoin' } },
  { kind: 'command', name: 'source', options: { claim: '1,400 Indians were hacked' } },
  { kind: 'command', name: 'source', options: { claim: 'WhatsApp never told the government' } },
  { kind: 'command', name: 'who-knew', options: { date: '2019-09-06' } },
  { kind: 'command', name: 'who-knew', options: { date: 'banana' } },
  { kind: 'command', name: 'timeline', options: {} },
  { kind: 'command', name: 'timeline', options: { party: 'NSO' } },
  { kind: 'command', name: 'timeline', options: { from: '1 Sep 2019', to: '2019-11-04' } },
  { kind: 'command', name: 'help', options: {} },
  { kind: 'autocomplete', name: 'ask', options: { question: 'who' }, focused: 'question' },
  { kind: 'autocomplete', name: 'source', options: { claim: '1,4' }, focused: 'claim' },
  { kind: 'autocomplete', name: 'who-knew', options: { date: '' }, focused: 'date' },
  { kind: 'autocomplete', name: 'timeline', options: { party: 'cert' }, focused: 'party' },
  { kind: 'button', customId: timelineNext, message: timelinePage1 },
  { kind: 'button', customId: timelinePrev, message: timelinePage2 },
  { kind: 'button', customId: 'ask:0:not-a-button', message: timelinePage1 },
];

describe('the gateway bot under load', () => {
  let t: BotUnderTest;
  beforeAll(async () => {
    t = await startBot(createCooldown());
  });
  afterAll(async () => {
    await t?.stop();
  });

  it(`answers ${GATEWAY_TOTAL} interactions sent in bursts of ${BURST}: each exactly once, valid, within 3 s`, async () => {
    const { fake } = t;
    // Warm-up: one of each kind, so the measured bursts see a running bot, not a cold JIT.
    const warm = MIX.map((kind, i) => fake.sendInteraction(build(fake, kind, userId(GATEWAY_TOTAL + i))));
    await waitForAll(
      fake,
      warm.map((s) => s.id),
      10_000,
    );
    const sent: RawInteraction[] = [];
    const started = performance.now();
    for (let i = 0; i < GATEWAY_TOTAL; i += BURST) {
      // One burst: every send queued on the WebSocket before the bot can answer any of them.
      for (let j = i; j < Math.min(i + BURST, GATEWAY_TOTAL); j++)
        sent.push(fake.sendInteraction(build(fake, MIX[j % MIX.length]!, userId(j))));
      await sleep(BURST_GAP_MS);
    }
    await waitForAll(
      fake,
      sent.map((s) => s.id),
      20_000,
    );
    await sleep(200); // room for a stray duplicate to show up
    const elapsed = performance.now() - started;

    for (const s of [...warm, ...sent]) {
      const callbacks = fake.callbacksFor(s.id);
      expect(callbacks, s.id).toHaveLength(1);
      assertValidCallback(callbacks[0]!, s);
    }
    const latencies = sent.map((s) => fake.callbacksFor(s.id)[0]!.latencyMs);
    const perBurst = Array.from({ length: GATEWAY_TOTAL / BURST }, (_, b) =>
      Math.max(...latencies.slice(b * BURST, (b + 1) * BURST)),
    );
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    console.info(
      `gateway load: ${GATEWAY_TOTAL} interactions in ${Math.round(elapsed)} ms; callback latency p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${latencies.at(-1)} ms; slowest per burst ${perBurst.join(' ')} ms`,
    );
    expect(latencies.at(-1)).toBeLessThan(DEADLINE_MS);
    // Nothing refused: no 400 "already acknowledged", no 404 unknown interaction, no unknown route.
    expect(
      fake.rest
        .filter((r) => r.status >= 400)
        .map((r) => `${r.status} ${r.method} ${r.path.replace(/\/[\w-]{60,}\//, '/<token>/')}`),
    ).toEqual([]);
    // Every user sent one command: the cooldown never stood in the way.
    expect(fake.callbacks.filter((c) => JSON.stringify(c.body).includes('One moment, please'))).toEqual([]);
    expect(t.logLines.filter((l) => /"level":(40|50|60)/.test(l))).toEqual([]);
    expect(t.guard.refused).toEqual([]);
    // 2,000 different users came and went: discord.js kept none of them (or their member
    // objects) in memory, only the bot itself (src/transports/gateway.ts, LEAN_CACHES).
    const client = t.bot.client;
    expect([...client.users.cache.keys()].filter((id) => id !== client.user!.id)).toEqual([]);
    expect(
      [...client.guilds.cache.values()]
        .flatMap((g) => [...g.members.cache.keys()])
        .filter((id) => id !== client.user!.id),
    ).toEqual([]);
  }, 40_000);

  it('holds one user to 5 commands in a quick burst of 8: then ephemeral "One moment, please", no crash', async () => {
    const { fake } = t;
    const user = userId(999_999);
    const names = ['ask', 'source', 'who-knew', 'timeline', 'help', 'ask', 'timeline', 'source'];
    const options: Record<string, Record<string, string>> = {
      ask: { question: 'who made pegasus' },
      source: { claim: '121 Indians were hacked' },
      'who-knew': { date: '6 Sep 2019' },
      timeline: {},
      help: {},
    };
    const sent = names.map((name) =>
      fake.sendInteraction(build(fake, { kind: 'command', name, options: options[name]! }, user)),
    );
    await waitForAll(
      fake,
      sent.map((s) => s.id),
      5000,
    );
    sent.forEach((s, i) => {
      const callbacks = fake.callbacksFor(s.id);
      expect(callbacks, `interaction ${i}`).toHaveLength(1);
      const data = callbacks[0]!.body.data;
      assertValidCallback(callbacks[0]!, s);
      const slowed = data.embeds[0].title === 'One moment, please';
      expect(slowed, `interaction ${i}`).toBe(i >= 5);
      expect((data.flags ?? 0) & 64, `interaction ${i}`).toBe(i >= 5 ? 64 : 0);
    });
    // A button press from the same user is also held back, and answered privately.
    const press = fake.sendInteraction(
      build(fake, { kind: 'button', customId: timelineNext, message: timelinePage1 }, user),
    );
    const pressed = await fake.waitForCallback(press.id);
    expect(pressed.body).toMatchObject({ type: 4, data: { flags: 64, embeds: [{ title: 'One moment, please' }] } });
    // Still up, and other users are not affected.
    expect(t.bot.client.isReady()).toBe(true);
    const other = fake.sendInteraction(build(fake, { kind: 'command', name: 'help', options: {} }, userId(1_000_000)));
    expect((await fake.waitForCallback(other.id)).body.data.embeds[0].title).not.toBe('One moment, please');
    expect(t.logLines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  });
});

// ---- the HTTP endpoint ---------------------------------------------------------------------------

const discord = keyPair();
const HTTP_BATCH = 1000;
const IN_FLIGHT = 50;

/** The interaction bodies of one batch: the same mix, each from its own user. */
function httpBodies(): Array<{ type: number; body: string }> {
  const out: Array<{ type: number; body: string }> = [];
  for (let i = 0; i < HTTP_BATCH; i++) {
    const kind = MIX[i % MIX.length]!;
    const base = {
      id: `4${String(i).padStart(17, '0')}`,
      application_id: '112233445566778899',
      token: `token-${i}`,
      version: 1,
      member: { user: { id: userId(i) } },
    };
    let raw: Record<string, unknown>;
    if (i % 50 === 0) raw = { ...base, type: 1 };
    else if (kind.kind === 'command')
      raw = {
        ...base,
        type: 2,
        data: {
          id: '1',
          name: kind.name,
          type: 1,
          options: Object.entries(kind.options).map(([name, value]) => ({ name, type: 3, value })),
        },
      };
    else if (kind.kind === 'autocomplete')
      raw = {
        ...base,
        type: 4,
        data: {
          id: '1',
          name: kind.name,
          type: 1,
          options: Object.entries(kind.options).map(([name, value]) => ({
            name,
            type: 3,
            value,
            focused: name === kind.focused,
          })),
        },
      };
    else raw = { ...base, type: 3, data: { custom_id: kind.customId, component_type: 2 } };
    out.push({ type: raw.type as number, body: JSON.stringify(raw) });
  }
  return out;
}

function post(base: string, agent: Agent, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/interactions`,
      { method: 'POST', agent, headers: signedHeaders(discord.privateKey, body) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function assertValidResponse(type: number, status: number, text: string): void {
  if (status !== 200) throw new Error(`status ${status}: ${text}`);
  const json = JSON.parse(text) as { type: number; data?: unknown };
  if (type === 1) return void expect(json).toEqual({ type: 1 });
  if (type === 4) {
    const choices = (json.data as { choices: Array<{ name: string; value: string }> }).choices;
    expect(json.type).toBe(8);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) expect(c.name.length > 0 && c.name.length <= 100 && c.value.length <= 100).toBe(true);
    return;
  }
  expect(type === 3 ? [4, 7] : [4]).toContain(json.type);
  const message = json.data as MessagePayload;
  assertDiscordValid({ ...message, components: message.components ?? [] });
  expect(message.embeds[0]?.title, 'held back by the cooldown').not.toBe('One moment, please');
  for (const q of quotedPassages(message)) expect(isVerbatim(q), q).toBe(true);
}

/** Sends every body with at most IN_FLIGHT requests open at once; checks each response. */
async function runBatch(base: string, agent: Agent, bodies: Array<{ type: number; body: string }>): Promise<number[]> {
  const ms: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const { type, body } = bodies[next++]!;
      const t0 = performance.now();
      const { status, text } = await post(base, agent, body);
      ms.push(performance.now() - t0);
      assertValidResponse(type, status, text);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return ms;
}

/** A full collection when the test runs without --expose-gc (V8 allows turning it on at run time). */
function gcFunction(): () => void {
  if (typeof globalThis.gc === 'function') return globalThis.gc as () => void;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

describe('the HTTP endpoint under load', () => {
  const errors: unknown[] = [];
  // A dispatcher of its own, with the default cooldown: each batch sends one request per user.
  const dispatcher = createDispatcher(commands, core, { error: (obj: unknown) => void errors.push(obj) } as never);
  const server: Server = createInteractionServer({
    publicKey: discord.publicHex,
    desk: createDesk({ dispatcher, core, log: createLogger('silent'), cooldown: createCooldown() }),
    log: createLogger('silent'),
  });
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it(`answers 2 × ${HTTP_BATCH} signed requests, ${IN_FLIGHT} in flight, all 200 and valid, and memory does not grow`, async () => {
    const gc = gcFunction();
    const bodies = httpBodies();
    // Warm-up (JIT, caches, sockets) so the two measured batches start from the same state.
    await runBatch(base, agent, bodies.slice(0, 200));
    const measure = () => {
      gc();
      gc();
      return process.memoryUsage();
    };
    const t0 = performance.now();
    const first = await runBatch(base, agent, bodies);
    const afterFirst = measure();
    const second = await runBatch(base, agent, bodies);
    const afterSecond = measure();
    const elapsed = performance.now() - t0;
    const all = [...first, ...second].sort((a, b) => a - b);
    const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
    console.info(
      `http load: ${2 * HTTP_BATCH} requests in ${Math.round(elapsed)} ms, p50 ${all[all.length >> 1]!.toFixed(1)} ms, max ${all.at(-1)!.toFixed(1)} ms; ` +
        `heapUsed ${mb(afterFirst.heapUsed)} → ${mb(afterSecond.heapUsed)} MB, rss ${mb(afterFirst.rss)} → ${mb(afterSecond.rss)} MB`,
    );
    expect(errors).toEqual([]);
    // Both measurements follow a full GC, so heapUsed is live data only. The second batch is the
    // same 1,000 requests again (same users, so the cooldown map does not grow); anything it
    // keeps alive is a leak. Measured growth here is 0.1-0.4 MB (late JIT code, caches filling);
    // 1.5 MB is 1.5 KB per request, so keeping each reply (3-6 KB), request body or socket fails
    // it — tried: retaining just the slash-command replies grew the heap by 1.9 MB.
    expect(afterSecond.heapUsed - afterFirst.heapUsed).toBeLessThan(1.5 * 2 ** 20);
    // RSS includes allocator pages V8 keeps after a GC and is only loosely tied to live data, so
    // its bound is generous: it catches gross growth (buffers, sockets), not small leaks.
    expect(afterSecond.rss - afterFirst.rss).toBeLessThan(48 * 2 ** 20);
  }, 40_000);
});
