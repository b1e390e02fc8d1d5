// Faults, through the real discord.js client against the fake Discord on 127.0.0.1: the gateway
// dropped in the middle of a burst, REST 429s with retry-after and rate-limit headers, 500s that
// discord.js retries, and 500s that outlast its retries. Every interaction must be answered
// exactly once (or, when Discord refuses every attempt, logged as a warning), and nothing may
// end in an unhandled rejection or a crashed process.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCooldown } from '../src/commands/cooldown.ts';
import type { RawInteraction } from './fake-discord/index.ts';
import {
  assertValidCallback,
  build,
  startBot,
  userId,
  waitForAll,
  type BotUnderTest,
  type InteractionKind,
} from './helpers/gateway.ts';

const MIX: InteractionKind[] = [
  { kind: 'command', name: 'ask', options: { question: 'who made pegasus' } },
  { kind: 'command', name: 'source', options: { claim: '121 Indians were hacked' } },
  { kind: 'command', name: 'who-knew', options: { date: '6 Sep 2019' } },
  { kind: 'command', name: 'timeline', options: {} },
  { kind: 'command', name: 'help', options: {} },
  { kind: 'autocomplete', name: 'ask', options: { question: 'nso' }, focused: 'question' },
];

let t: BotUnderTest;
let nextUser = 0;
/** Interactions that Discord refused on every attempt on purpose: no callback is expected. */
const unanswerable = new Set<string>();
const rejections: unknown[] = [];
const exceptions: unknown[] = [];
const onRejection = (reason: unknown) => void rejections.push(reason);
const onException = (err: unknown) => void exceptions.push(err);

beforeAll(async () => {
  // A generous cooldown: these tests are about faults, each interaction from its own user anyway.
  t = await startBot(createCooldown({ limit: 100_000 }));
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(() => {
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
});
afterEach(async () => {
  await sleep(50); // a rejection is reported a tick after it happens
  process.off('unhandledRejection', onRejection);
  process.off('uncaughtException', onException);
  expect(rejections, 'unhandled rejections').toEqual([]);
  expect(exceptions, 'uncaught exceptions').toEqual([]);
  expect(t.bot.client.isReady(), 'client still ready').toBe(true);
});

function send(count: number): RawInteraction[] {
  const out: RawInteraction[] = [];
  for (let i = 0; i < count; i++)
    out.push(t.fake.sendInteraction(build(t.fake, MIX[i % MIX.length]!, userId(nextUser++))));
  return out;
}

/** Each interaction has exactly one callback, and it is a valid answer. */
function answeredOnce(sent: RawInteraction[]): void {
  for (const s of sent) {
    const callbacks = t.fake.callbacksFor(s.id);
    expect(callbacks, s.id).toHaveLength(1);
    assertValidCallback(callbacks[0]!, s);
  }
}

describe('gateway dropped in the middle of a burst', () => {
  it.each([
    [4000, 'close 4000 (unknown error: resumable)'],
    [1006, 'an abrupt drop without a close frame'],
  ])('%i, %s: resumes, and all 200 interactions are answered exactly once, replayed ones included', async (code) => {
    const { fake } = t;
    const before = fake.lastConnectionId;
    const resumesBefore = fake.resumes.length;
    const first = send(100);
    // Some of the first hundred are still on the wire or in the bot's queue when the socket goes.
    const dropped = fake.dropConnection(code);
    const second = send(100); // the connection is closing: buffered by the fake, replayed on resume
    await dropped;
    expect(fake.live).toBe(false);
    await fake.waitUntilLive(before, 10_000);
    const sent = [...first, ...second];
    await waitForAll(
      fake,
      sent.map((s) => s.id),
      15_000,
    );
    await sleep(300); // room for a duplicate answer to a replayed event to show up
    answeredOnce(sent);
    const resume = fake.resumes.slice(resumesBefore);
    expect(resume).toHaveLength(1);
    expect(resume[0]).toMatchObject({ accepted: true, tokenMatches: true, connection: before + 1 });
    expect(resume[0]!.replayed).toBeGreaterThanOrEqual(100);
    expect(fake.identifies).toHaveLength(1); // resumed, never a new session
    expect(fake.rest.filter((r) => r.status === 400)).toEqual([]); // no "already acknowledged"
  });
});

describe('REST rate limits and errors on the callback route', () => {
  it.each([
    ['per-route', false],
    ['global', true],
  ])(
    '429 (%s) with retry-after and X-RateLimit-* headers: discord.js waits, retries, answers each once',
    async (_label, global) => {
      const { fake } = t;
      const refused = fake.refusedCallbacks.length;
      fake.failCallbacks(10, { status: 429, retryAfter: 0.3, global });
      const sent = send(40);
      await waitForAll(
        fake,
        sent.map((s) => s.id),
        10_000,
      );
      await sleep(200);
      answeredOnce(sent);
      const limited = fake.refusedCallbacks.slice(refused);
      expect(limited).toHaveLength(10);
      expect(limited.every((r) => r.status === 429)).toBe(true);
      // The refused ones were retried only after the retry-after had passed.
      for (const r of limited) {
        const callback = fake.callbacksFor(r.interactionId)[0]!;
        expect(callback.at - r.at, r.interactionId).toBeGreaterThanOrEqual(290);
        expect(callback.latencyMs).toBeLessThan(3000);
      }
      expect(fake.rest.filter((r) => r.status === 400)).toEqual([]);
    },
  );

  it('500 a few times: discord.js retries, every interaction answered once', async () => {
    const { fake } = t;
    const refused = fake.refusedCallbacks.length;
    fake.failCallbacks(6, { status: 500 });
    const sent = send(30);
    await waitForAll(
      fake,
      sent.map((s) => s.id),
      10_000,
    );
    await sleep(200);
    answeredOnce(sent);
    expect(fake.refusedCallbacks.slice(refused)).toHaveLength(6);
    expect(fake.rest.filter((r) => r.status === 400)).toEqual([]);
  });

  it('502 and 503 too, mixed with a 429', async () => {
    const { fake } = t;
    fake.failCallbacks(2, { status: 502 });
    fake.failCallbacks(1, { status: 429, retryAfter: 0.1 });
    fake.failCallbacks(2, { status: 503 });
    const sent = send(12);
    await waitForAll(
      fake,
      sent.map((s) => s.id),
      10_000,
    );
    await sleep(200);
    answeredOnce(sent);
  });

  it('500s that outlast the retries: a warning is logged, the process goes on, and the next interaction is answered', async () => {
    const { fake } = t;
    // discord.js tries a request 1 + 3 times (rest.retries); refuse all of them, and one more in case.
    fake.failCallbacks(4, { status: 500 });
    const [doomed] = send(1);
    unanswerable.add(doomed!.id);
    const warning = await fake.waitFor(
      () => t.logLines.find((l) => l.includes(doomed!.id) && l.includes('could not answer an interaction')),
      'the warning for the failed reply',
      10_000,
    );
    expect(JSON.parse(warning)).toMatchObject({ level: 40, interactionId: doomed!.id, err: { status: 500 } });
    expect(warning).not.toContain(doomed!.token);
    expect(fake.refusedCallbacks.filter((r) => r.interactionId === doomed!.id)).toHaveLength(4);
    expect(fake.callbacksFor(doomed!.id)).toHaveLength(0);

    // Several at once, each refused on every attempt, while others get through afterwards.
    fake.failCallbacks(12, { status: 500 });
    const doomedBurst = send(3);
    for (const d of doomedBurst) unanswerable.add(d.id);
    await fake.waitFor(
      () => doomedBurst.every((d) => t.logLines.some((l) => l.includes(d.id) && l.includes('could not answer'))),
      'three warnings',
      10_000,
    );
    const after = send(6);
    await waitForAll(
      fake,
      after.map((s) => s.id),
      10_000,
    );
    answeredOnce(after);
  });

  it('afterwards: every interaction of this file answered exactly once, except those refused on every attempt', async () => {
    await sleep(200);
    for (const { id } of t.fake.sentInteractions)
      expect(t.fake.callbacksFor(id), id).toHaveLength(unanswerable.has(id) ? 0 : 1);
    expect(t.fake.rest.filter((r) => r.status === 400)).toEqual([]);
    expect(t.logLines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    const all = t.logLines.join('\n');
    for (const { token } of t.fake.sentInteractions) expect(all).not.toContain(token);
    expect(t.guard.refused).toEqual([]);
  });
});
