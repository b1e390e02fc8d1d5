// End-to-end latency through the fake Discord: INTERACTION_CREATE sent on the gateway WebSocket →
// interaction callback received on the fake's REST API. Measured for the real bot (runGateway with
// the real knowledge base) and, in the same run, for a bare discord.js bot that answers "pong" to
// everything — the floor set by discord.js, the WebSocket and HTTP on this machine. The ratio of
// the two is what the bot itself adds.
//
// Fairness: each bot runs in its own process (e2e-bot.ts), as in production, logged in to its own
// instance of the same fake (one session each) here in the parent, which sends the interactions
// and times them. The same interactions go to both in alternating order (bot first on even
// rounds, bare first on odd ones), one at a time, so both see the same conditions and only one
// bot is busy at a time. Only chat-input commands are sent: a bare bot cannot reply to autocomplete.
// Timing uses performance.now() in this process (the fake's own latencyMs is whole milliseconds).
import type { ChildProcess } from 'node:child_process';
import { startFakeDiscord, type FakeDiscord } from '../test/fake-discord/index.ts';
import { chatInputInteraction } from '../test/fake-discord/payloads.ts';
import { forkCompiled, stop } from './child.ts';
import { START_FLAGS } from './startup.ts';
import { queryMix } from './query-mix.ts';
import { summarize, type Summary } from './stats.ts';

// Shaped like a bot token; only ever sent to the fake on 127.0.0.1.
const TOKEN = 'MTEyMjMzNDQ1NTY2Nzc4ODk5.GfAkE0.bench-fake-token-never-real-0123456789';

export interface E2eResult {
  interactions: number;
  bot: Summary;
  /** The same bot recording to SQLite (npm start's default), in the same run. */
  recording: Summary;
  bare: Summary;
  ratio: { p50: number; p99: number };
  /** Recording on over off. */
  recordingRatio: { p50: number; p99: number; mean: number };
  /** Resident memory of each bot process, right after login and after the run. */
  memory: { bot: { ready: number; after: number }; bare: { ready: number; after: number } };
  /** Callbacks that were not a reply (type 4) or warnings the bot logged: a broken run. */
  problems: string[];
  /**
   * The big run `npm test` leaves to the benchmark: bursts of BURST interactions, every
   * BURST_GAP_MS, at the bot alone — each must be answered exactly once within Discord's 3 s.
   */
  bursts: { sent: number; burst: number; gapMs: number; answeredOnce: number; p50: number; p99: number; max: number };
}

const BURSTS = { total: 2000, burst: 100, gapMs: 500 };

/**
 * One interaction, sent and awaited: ms from dispatch to the callback arriving at the fake. Each
 * comes from its own member (`user`), as on a busy server, so the bot's per-user cooldown is in
 * the path as in production but never turns a question into "One moment, please".
 */
async function roundTrip(
  fake: FakeDiscord,
  command: string,
  options: Record<string, string>,
  user: string,
): Promise<{ ms: number; type: number }> {
  const interaction = chatInputInteraction(fake.ids, fake.commandId(command), command, options);
  (interaction.member as { user: { id: string } }).user.id = user;
  const t0 = performance.now();
  const sent = fake.sendInteraction(interaction);
  const cb = await fake.waitForCallback(sent.id, 10_000);
  return { ms: performance.now() - t0, type: cb.body.type };
}

/** Starts one bot process against `fake` and resolves once it is logged in. */
async function startBot(
  kind: 'bot' | 'recording' | 'bare',
  fake: FakeDiscord,
  problems: string[],
): Promise<ChildProcess> {
  // Compiled, under plain node with npm start's flags: the bot process as it runs in production.
  const child = forkCompiled('./e2e-bot.ts', [kind, fake.apiUrl, TOKEN], START_FLAGS);
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: { ready?: true; problem?: string }) => {
      if (m.ready) resolve();
      if (m.problem) problems.push(`${kind}: ${m.problem}`);
    });
    child.once('exit', (code) => reject(new Error(`${kind} bot exited with code ${String(code)}`)));
  });
  return child;
}

function rssOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (m: { memory?: { rss: number } }) => {
      if (!m.memory) return;
      child.off('message', onMessage);
      resolve(m.memory.rss);
    };
    child.on('message', onMessage);
    child.send({ memory: true });
  });
}

// Warm-up: the first 100 interactions to each bot are not timed, so both are measured in the
// steady state a running bot is in (the bot has many more code paths than "pong" for V8 to compile).
export async function benchE2e(count: number, warmup = 100): Promise<E2eResult> {
  const problems: string[] = [];
  const fakes = await Promise.all([0, 1, 2].map(() => startFakeDiscord({ token: TOKEN })));
  const [botFake, bareFake, recordingFake] = fakes as [FakeDiscord, FakeDiscord, FakeDiscord];
  const children: ChildProcess[] = [];
  try {
    children.push(
      await startBot('bot', botFake, problems),
      await startBot('bare', bareFake, problems),
      await startBot('recording', recordingFake, problems),
    );
    const [botChild, bareChild] = children as [ChildProcess, ChildProcess];
    const readyRss = await Promise.all([rssOf(botChild), rssOf(bareChild)]);
    const chat = queryMix().filter((q) => q.kind === 'run');
    const botMs: number[] = [];
    const bareMs: number[] = [];
    const recordingMs: number[] = [];
    for (let i = 0; i < warmup + count; i++) {
      const q = chat[i % chat.length]!;
      const options = q.kind === 'run' ? q.options : {};
      const order: Array<[FakeDiscord, number[]]> = [
        [botFake, botMs],
        [bareFake, bareMs],
        [recordingFake, recordingMs],
      ];
      // Each bot goes first, second and third equally often.
      for (let k = 0; k < i % 3; k++) order.push(order.shift()!);
      for (const [fake, out] of order) {
        const r = await roundTrip(fake, q.command, options, String(300_000_000_000_000_000n + BigInt(i)));
        if (r.type !== 4) problems.push(`/${q.command}: callback type ${r.type}, expected 4`);
        if (i >= warmup) out.push(r.ms);
      }
    }
    const bursts = await burstRun(botFake, problems);
    const bot = summarize(botMs);
    const bare = summarize(bareMs);
    const recording = summarize(recordingMs);
    const afterRss = await Promise.all([rssOf(botChild), rssOf(bareChild)]);
    const memory = {
      bot: { ready: readyRss[0], after: afterRss[0] },
      bare: { ready: readyRss[1], after: afterRss[1] },
    };
    return {
      interactions: count,
      bot,
      recording,
      bare,
      ratio: { p50: bot.p50 / bare.p50, p99: bot.p99 / bare.p99 },
      recordingRatio: { p50: recording.p50 / bot.p50, p99: recording.p99 / bot.p99, mean: recording.mean / bot.mean },
      memory,
      problems,
      bursts,
    };
  } finally {
    for (const c of children) await stop(c);
    for (const f of fakes) await f.close();
  }
}

/** BURSTS.total interactions in bursts: every send of a burst queued before the bot answers any. */
async function burstRun(fake: FakeDiscord, problems: string[]): Promise<E2eResult['bursts']> {
  const chat = queryMix().filter((q) => q.kind === 'run');
  const sent: Array<{ id: string; at: number }> = [];
  for (let i = 0; i < BURSTS.total; i += BURSTS.burst) {
    for (let j = i; j < Math.min(i + BURSTS.burst, BURSTS.total); j++) {
      const q = chat[j % chat.length]!;
      const interaction = chatInputInteraction(
        fake.ids,
        fake.commandId(q.command),
        q.command,
        q.kind === 'run' ? q.options : {},
      );
      (interaction.member as { user: { id: string } }).user.id = String(400_000_000_000_000_000n + BigInt(j));
      sent.push({ id: fake.sendInteraction(interaction).id, at: Date.now() });
    }
    await new Promise((resolve) => setTimeout(resolve, BURSTS.gapMs));
  }
  await fake
    .waitFor(() => sent.every((x) => fake.callbacksFor(x.id).length > 0), 'every burst interaction answered', 30_000)
    .catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 300)); // room for a duplicate to show up
  const latencies: number[] = [];
  let answeredOnce = 0;
  for (const x of sent) {
    const callbacks = fake.callbacksFor(x.id);
    if (callbacks.length === 1) answeredOnce++;
    if (callbacks[0]) latencies.push(callbacks[0].at - x.at);
  }
  if (answeredOnce < sent.length)
    problems.push(`bursts: ${sent.length - answeredOnce} of ${sent.length} interactions not answered exactly once`);
  const s = summarize(latencies);
  return {
    sent: sent.length,
    burst: BURSTS.burst,
    gapMs: BURSTS.gapMs,
    answeredOnce,
    p50: s.p50,
    p99: s.p99,
    max: s.max,
  };
}
