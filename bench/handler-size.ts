// Child process: handler latency at one knowledge-base size. Builds the KB (real, or scaled in
// memory by scale-kb.ts), a fresh core and dispatcher, then times each query of the mix through
// dispatcher.run / dispatcher.autocomplete — query in, Discord payload out, as every transport
// calls it. One process per size so heap and build time belong to that size alone.
//
// Messages to the parent: 'generated' (KB in memory), 'built' (index built), then 'done'.
// Queries stop early at the time box (budgetMs, or the absolute deadline), and the result says
// how many ran, so a slow size is reported as slow rather than left out.
//
// argv: factor passes budgetMs deadline(epoch ms, 0 = none)
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { createCore } from '../src/answers/core.ts';
import { createDispatcher } from '../src/commands/dispatch.ts';
import { loadCommands } from '../src/commands/load.ts';
import { loadKnowledge } from '../src/kb/load.ts';
import { describe, GROUPS, queryMix, runQuery, type Group, type Query } from './query-mix.ts';
import { scaleKnowledge } from './scale-kb.ts';
import { summarize, type Summary } from './stats.ts';

export interface GeneratedMessage {
  type: 'generated';
  factor: number;
  counts: { qa: number; claims: number; events: number; parties: number };
  vocabulary: { real: number; scaled: number };
  genMs: number;
}

export interface BuiltMessage {
  type: 'built';
  /** createCore(kb): the search index and everything else built once at start-up. */
  buildMs: number;
  /** Threads that read the entries (two from PARALLEL_FROM entries, see src/search/index/parallel-build.ts). */
  threads: number;
  /** After a forced GC: what the knowledge base and index keep alive. */
  heapUsed: number;
  rss: number;
  /** The index's own memory: heap and typed-array buffers after createCore less before it (both after a GC). */
  indexBytes: number;
}

export interface DoneMessage {
  type: 'done';
  factor: number;
  warmup: { ran: number; ms: number };
  planned: number;
  ran: number;
  /** Why measuring stopped before the plan, if it did. */
  cutShort: string | null;
  queryMs: number;
  groups: Partial<Record<Group, Summary>>;
  /**
   * The same latencies less the garbage-collection pauses inside each query. Not judged (a running
   * bot pays for its garbage too), but it tells a slow algorithm from a high allocation rate when
   * p99 is far above p50. (Leaving out the queries a pause landed in instead would be biased:
   * the slowest queries are the likeliest to contain one.)
   */
  groupsNetOfGc: Partial<Record<Group, Summary>>;
  gc: { pauses: number; totalMs: number; maxMs: number };
  /** The slowest measured queries: where to look first when a p99 is over target. */
  slowest: Array<{ group: Group; command: string; input: string; ms: number; duringGc: boolean }>;
  /** Handlers that threw (the dispatcher turns them into an error reply): a broken run, not a fast one. */
  errors: number;
}

const [factor = 1, passes = 3, budgetMs = 60_000, deadline = 0] = process.argv.slice(2).map(Number);
const send = (m: GeneratedMessage | BuiltMessage | DoneMessage) =>
  new Promise<void>((resolve) => process.send!(m, () => resolve()));
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

const real = loadKnowledge();
let t = performance.now();
const scaled = scaleKnowledge(real, factor);
const genMs = performance.now() - t;
await send({ type: 'generated', factor, counts: scaled.counts, vocabulary: scaled.vocabulary, genMs });
collectGarbage();
const before = process.memoryUsage();
t = performance.now();
const core = createCore(scaled.kb);
const buildMs = performance.now() - t;
const commands = await loadCommands();
let errors = 0;
// No answer cache: the passes repeat the mix to gather samples, not to model repeated questions,
// and the targets are about computing an answer at this size (the cache is measured by the HTTP
// phase, on both a fixed request and a mix of them).
const dispatcher = createDispatcher(commands, core, { error: () => void errors++ }, { answerCache: 0 });
collectGarbage();
const mem = process.memoryUsage();
const indexBytes = mem.heapUsed + mem.arrayBuffers - (before.heapUsed + before.arrayBuffers);
await send({
  type: 'built',
  buildMs,
  threads: core.index.buildThreads,
  heapUsed: mem.heapUsed,
  rss: mem.rss,
  indexBytes,
});

const mix = queryMix();
const started = performance.now();
const stopAt = Math.min(started + budgetMs, deadline > 0 ? started + (deadline - Date.now()) : Infinity);
let cutShort: string | null = null;

// Warm-up: one pass, untimed, so JIT and caches (e.g. typo corrections) settle as in a running bot.
// It may use at most a fifth of the time box, so a slow size still gets measured queries.
const warmStop = started + (stopAt - started) / 5;
let warm = 0;
for (const q of mix) {
  if (performance.now() > warmStop) break;
  runQuery(dispatcher, q);
  warm++;
}
const warmMs = performance.now() - started;

// Every GC pause during the measured queries, to mark the samples it landed in.
const gcPauses: PerformanceEntry[] = [];
const observer = new PerformanceObserver((list) => void gcPauses.push(...list.getEntries()));
observer.observe({ entryTypes: ['gc'] });
const samples: Array<{ q: Query; t0: number; t1: number }> = [];
let ran = 0;
const planned = mix.length * passes;
const measureStart = performance.now();
outer: for (let p = 0; p < passes; p++) {
  for (const q of mix) {
    if (performance.now() > stopAt) {
      cutShort =
        deadline > 0 && stopAt < started + budgetMs
          ? 'run deadline reached'
          : `time box of ${Math.round(budgetMs / 1000)} s reached`;
      break outer;
    }
    const t0 = performance.now();
    runQuery(dispatcher, q);
    samples.push({ q, t0, t1: performance.now() });
    ran++;
  }
}
const queryMs = performance.now() - measureStart;
// GC entries are delivered asynchronously: let the observer catch up before reading them.
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();
const pauses = gcPauses.filter((e) => e.startTime + e.duration >= measureStart);
/** ms of GC pause inside a sample's interval. */
const gcWithin = (s: { t0: number; t1: number }) =>
  pauses.reduce((t, e) => t + Math.max(0, Math.min(s.t1, e.startTime + e.duration) - Math.max(s.t0, e.startTime)), 0);
const hitByGc = (s: { t0: number; t1: number }) => gcWithin(s) > 0;
const groups: Partial<Record<Group, Summary>> = {};
const groupsNetOfGc: Partial<Record<Group, Summary>> = {};
for (const g of GROUPS) {
  const mine = samples.filter((s) => s.q.group === g);
  if (!mine.length) continue;
  groups[g] = summarize(mine.map((s) => s.t1 - s.t0));
  groupsNetOfGc[g] = summarize(mine.map((s) => s.t1 - s.t0 - gcWithin(s)));
}
const gc = {
  pauses: pauses.length,
  totalMs: pauses.reduce((t, e) => t + e.duration, 0),
  maxMs: Math.max(0, ...pauses.map((e) => e.duration)),
};
const slowest = [...samples]
  .sort((a, b) => b.t1 - b.t0 - (a.t1 - a.t0))
  .slice(0, 5)
  .map((s) => ({
    group: s.q.group,
    command: s.q.command,
    input: describe(s.q),
    ms: s.t1 - s.t0,
    duringGc: hitByGc(s),
  }));
await send({
  type: 'done',
  factor,
  warmup: { ran: warm, ms: warmMs },
  planned,
  ran,
  cutShort,
  queryMs,
  groups,
  groupsNetOfGc,
  gc,
  slowest,
  errors,
});
process.exit(0);
