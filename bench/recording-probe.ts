// Child process: the cost of recording, in one process, same queries, same moment — two desks over
// the same dispatcher, one without the curator loop and one recording to SQLite (the default) in
// a temp dir, each query sent to both in turn (order alternating). Per-call times are what a reply
// waits; the queued writes run between calls on the same thread, so the recording side's total
// (calls, then the final flush of what is still queued) is the fair throughput comparison.
// argv: rounds
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore } from '../src/answers/core.ts';
import { createDispatcher } from '../src/commands/dispatch.ts';
import { loadCommands } from '../src/commands/load.ts';
import { createCooldown } from '../src/commands/cooldown.ts';
import { parseConfig } from '../src/config.ts';
import { openCurator } from '../src/curator/curator.ts';
import { createDesk } from '../src/desk.ts';
import { createLogger } from '../src/log.ts';
import { queryMix } from './query-mix.ts';
import { summarize, type Summary } from './stats.ts';

export interface RecordingMessage {
  type: 'recording';
  calls: number;
  recorded: number;
  off: Summary & { totalMs: number };
  on: Summary & { totalMs: number; flushMs: number };
}

const rounds = Number(process.argv[2] ?? 3);
const dir = mkdtempSync(path.join(tmpdir(), 'bench-recording-'));
const log = createLogger('warn', process.stderr);
const core = createCore();
const commands = await loadCommands();
const config = parseConfig({ DATA_DIR: dir });
const curator = await openCurator({ config, kb: core.kb, log });
const records = { questionLog: true, retentionDays: 90 };
// Both with the production cooldown (in memory), its limit out of reach: only recording differs.
const limit = { limit: 1e9, windowMs: 1_000 };
// No answer cache on either side: the rounds replay the same queries to gather samples, and a
// remembered answer would make every round after the first a lookup — this measures recording
// against answering a question.
const off = createDesk({
  dispatcher: createDispatcher(commands, core, log, { answerCache: 0 }),
  core,
  log,
  cooldown: createCooldown(limit),
});
const on = createDesk({
  dispatcher: createDispatcher(commands, core, log, { records, answerCache: 0 }),
  core,
  log,
  curator,
  cooldown: createCooldown(limit),
});
const chat = queryMix().filter((q) => q.kind === 'run');
const times = { off: [] as number[], on: [] as number[] };
// Warm-up: V8 compiles both paths before anything is timed.
for (const q of chat.slice(0, 100)) {
  await off.command(q.command, q.options, { userId: '1' });
  await on.command(q.command, q.options, { userId: '1' });
}
await curator.queue.flush();
const before = curator.queue.stats().written;
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < chat.length; i++) {
    const q = chat[i]!;
    const who = { userId: String(3e17 + i), guildId: '998877665544332211' };
    const order = (i + r) % 2 ? (['on', 'off'] as const) : (['off', 'on'] as const);
    for (const side of order) {
      const desk = side === 'on' ? on : off;
      const t0 = performance.now();
      await desk.command(q.command, q.options, who);
      times[side].push(performance.now() - t0);
    }
  }
}
const f0 = performance.now();
await curator.queue.flush();
const flushMs = performance.now() - f0;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const message: RecordingMessage = {
  type: 'recording',
  calls: times.on.length,
  recorded: curator.queue.stats().written - before,
  off: { ...summarize(times.off), totalMs: sum(times.off) },
  on: { ...summarize(times.on), totalMs: sum(times.on) + flushMs, flushMs },
};
await curator.close();
rmSync(dir, { recursive: true, force: true });
process.send!(message);
