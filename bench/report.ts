// Turns the measurements into the printed report and the verdict list stored in results.json.
// Every target is printed next to its measurement, and a size or phase that could not be
// measured says why in the table instead of disappearing from it.
import type { E2eResult } from './e2e.ts';
import type { RecordingMessage } from './recording-probe.ts';
import type { SizeResult } from './handlers.ts';
import type { CommandsResult } from './commands.ts';
import type { HttpResult, LoadFigures, Workload } from './http-load.ts';
import type { Machine } from './machine.ts';
import { GROUPS } from './query-mix.ts';
import { START_FLAGS, type StartupResult } from './startup.ts';
import { mb, ms } from './stats.ts';
import { int, table } from './table.ts';
import {
  atLeast,
  atMost,
  BUILD_1000_MAX_MS,
  CLI_MAX_RATIO,
  E2E_MAX_RATIO,
  HANDLER_P99_MS,
  HTTP_MIN_RATIO,
  INDEX_1000_MAX_BYTES,
  RECORDING_MAX_RATIO,
  RESTART_MAX_RATIO,
  RSS_MAX_BYTES,
  STARTUP_MAX_MS,
  STARTUP_MAX_RATIO,
  type Verdict,
} from './targets.ts';

export type Failed = { error: string };
export type Phase<T> = T | Failed | null;

export interface Results {
  startedAt: string;
  mode: 'full' | 'quick' | 'long';
  machine: Machine;
  settings: Record<string, number | string>;
  startup: Phase<StartupResult>;
  handlers: SizeResult[];
  e2e: Phase<E2eResult>;
  http: Phase<HttpResult>;
  commands: Phase<CommandsResult>;
  recording: Phase<RecordingMessage>;
  verdicts: VerdictRow[];
  totalMs: number;
}

export interface VerdictRow {
  what: string;
  measured: string;
  target: string;
  verdict: Verdict;
  note?: string;
}

const failed = <T>(p: Phase<T>): p is Failed => p !== null && typeof p === 'object' && 'error' in p;

export function judge(r: Omit<Results, 'verdicts' | 'totalMs'>): VerdictRow[] {
  const rows: VerdictRow[] = [];
  for (const size of r.handlers) {
    const limit = HANDLER_P99_MS[size.factor];
    if (limit === undefined) continue;
    for (const g of GROUPS) {
      const s = size.done?.groups[g];
      const note = size.failure ?? size.done?.cutShort ?? undefined;
      rows.push({
        what: `handler p99 ${g} @ ${size.factor}×`,
        measured: s ? ms(s.p99) : '—',
        target: `≤ ${limit} ms`,
        verdict: atMost(s?.p99, limit),
        ...(note ? { note } : {}),
      });
    }
  }
  const big = r.handlers.find((h) => h.factor === 1000);
  if (big) {
    const note = big.failure ?? undefined;
    rows.push({
      what: 'index build @ 1000×',
      measured: big.built ? ms(big.built.buildMs) : '—',
      target: `≤ ${ms(BUILD_1000_MAX_MS)}`,
      verdict: atMost(big.built?.buildMs, BUILD_1000_MAX_MS),
      ...(note ? { note } : {}),
    });
    rows.push({
      what: "index's own memory @ 1000×",
      measured: big.built ? mb(big.built.indexBytes) : '—',
      target: `≤ ${mb(INDEX_1000_MAX_BYTES)}`,
      verdict: atMost(big.built?.indexBytes, INDEX_1000_MAX_BYTES),
      ...(note ? { note } : {}),
    });
  }
  if (r.commands && !failed(r.commands)) {
    const c = r.commands;
    rows.push({
      what: 'one-shot CLI ÷ npm run noop',
      measured: `${(c.cliMs / c.npmFloorMs).toFixed(2)}×`,
      target: `≤ ${CLI_MAX_RATIO}×`,
      verdict: atMost(c.cliMs / c.npmFloorMs, CLI_MAX_RATIO),
    });
    rows.push({
      what: 'second npm start ÷ compiled entry direct',
      measured: `${(c.npmStartMs / c.directStartMs).toFixed(2)}×`,
      target: `≤ ${RESTART_MAX_RATIO}×`,
      verdict: atMost(c.npmStartMs / c.directStartMs, RESTART_MAX_RATIO),
    });
  } else
    rows.push({
      what: 'CLI and npm start ratios',
      measured: '—',
      target: `≤ ${CLI_MAX_RATIO}×, ≤ ${RESTART_MAX_RATIO}×`,
      verdict: 'UNMEASURED',
      note: failed(r.commands) ? r.commands.error : 'not run',
    });
  if (r.http && !failed(r.http)) {
    rows.push({
      what: 'HTTP requests/s ÷ bare signature server (question mix)',
      measured: `${(r.http.ratio * 100).toFixed(0)}% (fixed request ${(r.http.fixed.ratio * 100).toFixed(0)}%, mix without answer cache ${(r.http.uncached.ratio * 100).toFixed(0)}%)`,
      target: `≥ ${HTTP_MIN_RATIO * 100}%`,
      verdict: atLeast(r.http.ratio, HTTP_MIN_RATIO),
    });
  } else
    rows.push({
      what: 'HTTP requests/s ÷ bare signature server',
      measured: '—',
      target: `≥ ${HTTP_MIN_RATIO * 100}%`,
      verdict: 'UNMEASURED',
      note: failed(r.http) ? r.http.error : 'not run',
    });
  if (r.e2e && !failed(r.e2e)) {
    rows.push({
      what: 'end-to-end p50 bot/bare',
      measured: `${r.e2e.ratio.p50.toFixed(2)}×`,
      target: `≤ ${E2E_MAX_RATIO}×`,
      verdict: atMost(r.e2e.ratio.p50, E2E_MAX_RATIO),
    });
    rows.push({
      what: 'end-to-end p99 bot/bare',
      measured: `${r.e2e.ratio.p99.toFixed(2)}×`,
      target: `≤ ${E2E_MAX_RATIO}×`,
      verdict: atMost(r.e2e.ratio.p99, E2E_MAX_RATIO),
    });
    rows.push({
      what: 'end-to-end p50, recording on ÷ off',
      measured: `${r.e2e.recordingRatio.p50.toFixed(3)}×`,
      target: `≤ ${RECORDING_MAX_RATIO}×`,
      verdict: atMost(r.e2e.recordingRatio.p50, RECORDING_MAX_RATIO),
      note: `p99 ${r.e2e.recordingRatio.p99.toFixed(3)}×, mean ${r.e2e.recordingRatio.mean.toFixed(3)}×`,
    });
    const b = r.e2e.bursts;
    rows.push({
      what: `bursts of ${b.burst}: slowest answer`,
      measured: ms(b.max),
      target: '< 3 s, each once',
      verdict: b.answeredOnce === b.sent ? atMost(b.max, 3000) : 'FAIL',
    });
  } else
    rows.push({
      what: 'end-to-end bot/bare',
      measured: '—',
      target: `≤ ${E2E_MAX_RATIO}×`,
      verdict: 'UNMEASURED',
      note: failed(r.e2e) ? r.e2e.error : 'not run',
    });
  if (r.recording && !failed(r.recording)) {
    const x = r.recording;
    const ratio = x.on.totalMs / x.off.totalMs;
    rows.push({
      what: 'handler time, recording on ÷ off (writes included)',
      measured: `${ratio.toFixed(3)}×`,
      target: `≤ ${RECORDING_MAX_RATIO}×`,
      verdict: atMost(ratio, RECORDING_MAX_RATIO),
      note: `${x.calls} calls each, ${x.recorded} recorded; p50 ${x.on.p50.toFixed(3)} vs ${x.off.p50.toFixed(3)} ms, p99 ${x.on.p99.toFixed(2)} vs ${x.off.p99.toFixed(2)} ms; final flush ${x.on.flushMs.toFixed(1)} ms`,
    });
  } else
    rows.push({
      what: 'handler time, recording on ÷ off',
      measured: '—',
      target: `≤ ${RECORDING_MAX_RATIO}×`,
      verdict: 'UNMEASURED',
      note: failed(r.recording) ? r.recording.error : 'not run',
    });
  if (r.startup && !failed(r.startup)) {
    const s = r.startup;
    rows.push({
      what: 'start-up (median, process start → ready)',
      measured: ms(s.median.readyMs),
      target: `≤ ${STARTUP_MAX_MS} ms`,
      verdict: atMost(s.median.readyMs, STARTUP_MAX_MS),
    });
    const ratio = s.median.readyMs / s.floor.readyMs;
    rows.push({
      what: 'start-up ÷ empty script (same run)',
      measured: `${ratio.toFixed(2)}×`,
      target: `≤ ${STARTUP_MAX_RATIO}×`,
      verdict: atMost(ratio, STARTUP_MAX_RATIO),
    });
    rows.push({
      what: 'RSS after start (median)',
      measured: mb(s.median.rss),
      target: `≤ ${mb(RSS_MAX_BYTES)}`,
      verdict: atMost(s.median.rss, RSS_MAX_BYTES),
    });
    rows.push({
      what: `RSS after ${int(s.afterQueries.queries)} queries`,
      measured: mb(s.afterQueries.rss),
      target: `≤ ${mb(RSS_MAX_BYTES)}`,
      verdict: atMost(s.afterQueries.rss, RSS_MAX_BYTES),
    });
  } else
    rows.push({
      what: 'start-up and RSS',
      measured: '—',
      target: `≤ ${STARTUP_MAX_MS} ms, ≤ ${mb(RSS_MAX_BYTES)}`,
      verdict: 'UNMEASURED',
      note: failed(r.startup) ? r.startup.error : 'not run',
    });
  return rows;
}

function handlerSection(sizes: SizeResult[]): string {
  const sizeRows = sizes.map((s) => {
    const c = s.generated?.counts;
    const done = s.done;
    const queries = done
      ? `${int(done.ran)} of ${int(done.planned)}${done.cutShort ? ` — ${done.cutShort}, rest skipped` : ''} (+${int(done.warmup.ran)} warm-up)`
      : (s.failure ?? '—');
    const gc = done ? `${done.gc.pauses} / ${ms(done.gc.totalMs)} / ${ms(done.gc.maxMs)}` : '—';
    return [
      `${s.factor}×`,
      c ? `${int(c.qa)}/${int(c.claims)}/${int(c.events)}/${int(c.parties)}` : '—',
      s.generated ? int(s.generated.vocabulary.scaled) : '—',
      s.generated ? ms(s.generated.genMs) : '—',
      s.built
        ? `${ms(s.built.buildMs)}${s.built.threads > 1 ? ` (${s.built.threads} threads)` : ''}`
        : s.generated
          ? 'unfinished'
          : '—',
      s.built ? mb(s.built.indexBytes) : '—',
      s.built ? mb(s.built.heapUsed) : '—',
      gc,
      queries,
    ];
  });
  const latencyRows: string[][] = [];
  for (const s of sizes) {
    const limit = HANDLER_P99_MS[s.factor];
    for (const g of GROUPS) {
      const x = s.done?.groups[g];
      const verdict = limit === undefined ? '' : atMost(x?.p99, limit);
      const clean = s.done?.groupsNetOfGc[g];
      latencyRows.push([
        `${s.factor}×`,
        g,
        x ? int(x.n) : '0',
        x ? ms(x.p50) : '—',
        x ? ms(x.p99) : '—',
        x ? ms(x.max) : '—',
        clean ? ms(clean.p99) : '—',
        limit === undefined ? '—' : `≤ ${limit} ms`,
        verdict,
      ]);
    }
    if (s.done?.errors)
      latencyRows.push([`${s.factor}×`, `(${s.done.errors} handler errors!)`, '', '', '', '', '', '', 'FAIL']);
  }
  return [
    `1. Handler latency — query → Discord payload, in process (dispatcher.run / dispatcher.autocomplete); node ${START_FLAGS.join(' ')} as npm start up to 100×, node's defaults at 1000× (bench/handlers.ts)`,
    table(
      [
        'size',
        'qa/claims/events/parties',
        'vocabulary',
        'KB gen',
        'index build',
        'index memory',
        'heap used (KB + index)',
        'GC pauses / total / max',
        'queries measured',
      ],
      sizeRows,
    ),
    `   (index build and memory at 1000×: targets ≤ ${ms(BUILD_1000_MAX_MS)} and ≤ ${mb(INDEX_1000_MAX_BYTES)}; index memory = heap and typed arrays after createCore less before, both after a GC)`,
    '',
    table(['size', 'command', 'n', 'p50', 'p99', 'max', 'p99 net of GC', 'p99 target', 'result'], latencyRows),
    '   (p99 net of GC: each latency less the garbage-collection pauses inside it; for diagnosis, not judged)',
    '',
    'slowest queries per size:',
    ...sizes.flatMap((s) =>
      (s.done?.slowest ?? [])
        .slice(0, 3)
        .map(
          (q) =>
            `   ${`${s.factor}×`.padEnd(6)}${ms(q.ms).padStart(8)}  ${q.input.slice(0, 90)}${q.duringGc ? '  (GC pause)' : ''}`,
        ),
    ),
  ].join('\n');
}

function e2eSection(e: Phase<E2eResult>): string {
  const head = '2. End to end through the fake Discord — INTERACTION_CREATE sent → interaction callback received';
  if (!e || failed(e)) return `${head}\n   not measured: ${e ? e.error : 'not run'}`;
  const v = (x: number) => atMost(x, E2E_MAX_RATIO);
  return [
    head,
    table(
      ['', 'n', 'p50', 'p99', 'max', 'target', 'result'],
      [
        ['bare discord.js bot ("pong")', int(e.bare.n), ms(e.bare.p50), ms(e.bare.p99), ms(e.bare.max), '', ''],
        ['incident-desk bot', int(e.bot.n), ms(e.bot.p50), ms(e.bot.p99), ms(e.bot.max), '', ''],
        [
          'ratio bot/bare',
          '',
          `${e.ratio.p50.toFixed(2)}×`,
          `${e.ratio.p99.toFixed(2)}×`,
          '',
          `≤ ${E2E_MAX_RATIO}×`,
          `p50 ${v(e.ratio.p50)}, p99 ${v(e.ratio.p99)}`,
        ],
        [
          'incident-desk bot, recording to SQLite',
          int(e.recording.n),
          ms(e.recording.p50),
          ms(e.recording.p99),
          ms(e.recording.max),
          '',
          '',
        ],
        [
          'ratio recording on/off',
          '',
          `${e.recordingRatio.p50.toFixed(3)}×`,
          `${e.recordingRatio.p99.toFixed(3)}×`,
          '',
          `≤ ${RECORDING_MAX_RATIO}× (p50)`,
          atMost(e.recordingRatio.p50, RECORDING_MAX_RATIO),
        ],
      ],
    ),
    `   bursts (the big run npm test leaves here): ${int(e.bursts.sent)} interactions, ${e.bursts.burst} at a time every ${e.bursts.gapMs} ms — answered exactly once: ${int(e.bursts.answeredOnce)}; latency p50 ${ms(e.bursts.p50)}, p99 ${ms(e.bursts.p99)}, max ${ms(e.bursts.max)} (Discord allows 3 s)`,
    `   gateway processes (compiled, ${START_FLAGS.join(' ')}), RSS after login → after the run: incident-desk ${mb(e.memory.bot.ready)} → ${mb(e.memory.bot.after)}; bare discord.js ${mb(e.memory.bare.ready)} → ${mb(e.memory.bare.after)}`,
    ...(e.problems.length ? [`   problems: ${e.problems.slice(0, 5).join('; ')}`] : []),
  ].join('\n');
}

export function httpSection(h: Phase<HttpResult>): string {
  const head =
    '3. HTTP interactions endpoint under load — autocannon on 127.0.0.1; the endpoint as `npm run serve` builds it (info log line, metrics, question log in SQLite)';
  if (!h || failed(h)) return `${head}\n   not measured: ${h ? h.error : 'not run'}`;
  const row = (what: string, f: LoadFigures): string[] => [
    what,
    f.requestsPerSec.toFixed(0),
    int(f.requests),
    `${f.p50} ms`,
    `${f.p99} ms`,
    String(f.errors),
    String(f.timeouts),
    String(f.non2xx),
    '',
    '',
  ];
  const ratio = (what: string, w: Pick<Workload, 'ratio'>, judged: boolean): string[] => [
    what,
    `${(w.ratio * 100).toFixed(0)}%`,
    '',
    '',
    '',
    '',
    '',
    '',
    judged ? `≥ ${HTTP_MIN_RATIO * 100}%` : '',
    judged ? atLeast(w.ratio, HTTP_MIN_RATIO) : '',
  ];
  return [
    head,
    `   ${h.durationS} s of load per server in ${h.slices} turns taken in rotation, after ${h.warmupS} s of the same load not counted; ${h.connections} connections; last sanity request: HTTP ${h.sanity.status}, callback type ${h.sanity.callbackType}`,
    `   fixed: one pre-signed /ask "${h.question}"; mix: ${int(h.mix.distinct)} distinct pre-signed /ask questions (every eval set), from ${h.mix.users} users, each connection from its own place in the list`,
    table(
      ['', 'requests/s', 'requests', 'p50', 'p99', 'errors', 'timeouts', 'non-2xx', 'target', 'result'],
      [
        row('fixed: bare node:http, signature check only', h.fixed.floor),
        row('fixed: incident-desk endpoint', h.fixed.endpoint),
        ratio('fixed: endpoint ÷ bare', h.fixed, false),
        row('mix: bare node:http, signature check only', h.mix.floor),
        row('mix: incident-desk endpoint', h.mix.endpoint),
        ratio('mix: endpoint ÷ bare', h.mix, true),
        row('mix, no answer cache: endpoint', h.uncached.endpoint),
        ratio('mix, no answer cache: endpoint ÷ bare', h.uncached, false),
      ],
    ),
    ...(
      [
        ['fixed', h.fixed.endpoint],
        ['mix', h.mix.endpoint],
        ['mix, no answer cache', h.uncached.endpoint],
      ] as const
    ).map(
      ([what, e]) =>
        `   ${what}: ${int(e.logLines)} interaction log lines, ${int(e.records)} question-log records, answers remembered ${int(e.answers.hits)} / computed ${int(e.answers.misses)} (${e.answers.size} of ${e.answers.capacity} kept)`,
    ),
  ].join('\n');
}

function startupSection(s: Phase<StartupResult>): string {
  const head = `4. Start-up — \`node ${START_FLAGS.join(' ')} dist/bench/startup-probe.js\` (compiled, as npm start runs the bot): process start → config, logger, knowledge loaded, validated, indexed, commands loaded`;
  if (!s || failed(s)) return `${head}\n   not measured: ${s ? s.error : 'not run'}`;
  const p = s.median.phases;
  return [
    head,
    table(
      ['', 'measured', 'target', 'result'],
      [
        [
          `ready, median of ${s.runs.length} (performance.now() in the probe)`,
          ms(s.median.readyMs),
          `≤ ${STARTUP_MAX_MS} ms`,
          atMost(s.median.readyMs, STARTUP_MAX_MS),
        ],
        [
          '  ÷ the empty script below (same run)',
          `${(s.median.readyMs / s.floor.readyMs).toFixed(2)}×`,
          `≤ ${STARTUP_MAX_RATIO}×`,
          atMost(s.median.readyMs / s.floor.readyMs, STARTUP_MAX_RATIO),
        ],
        [
          '  range over the runs (this machine is shared: expect ±100 ms)',
          `${ms(Math.min(...s.runs.map((r) => r.readyMs)))} – ${ms(Math.max(...s.runs.map((r) => r.readyMs)))}`,
          '',
          '',
        ],
        ['  of which: Node + imports + config + logger', ms(p.imports ?? NaN), '', ''],
        [
          '  loadKnowledge (read + hash, parse cache or YAML, zod, verbatim quotes, dates)',
          ms(p.loadKnowledge ?? NaN),
          '',
          '',
        ],
        ['  createCore (search index)', ms(p.createCore ?? NaN), '', ''],
        ['  loadCommands', ms(p.loadCommands ?? NaN), '', ''],
        ['  openCurator (the database opens after ready)', ms(p.openCurator ?? NaN), '', ''],
        ['spawn → ready line, median (parent wall clock)', ms(s.median.spawnToReadyMs), '', ''],
        ['floor: empty script under plain node', `${ms(s.floor.readyMs)}, ${mb(s.floor.rss)} RSS`, '', ''],
        ['first start, cold (file caches)', ms(s.cold.readyMs), '', ''],
        ['RSS after start, median', mb(s.median.rss), `≤ ${mb(RSS_MAX_BYTES)}`, atMost(s.median.rss, RSS_MAX_BYTES)],
        [
          `RSS after ${int(s.afterQueries.queries)} queries (${ms(s.afterQueries.ms)})`,
          mb(s.afterQueries.rss),
          `≤ ${mb(RSS_MAX_BYTES)}`,
          atMost(s.afterQueries.rss, RSS_MAX_BYTES),
        ],
        [
          `heap used after start → after the queries`,
          `${mb(s.runs[s.runs.length - 1]!.heapUsed)} → ${mb(s.afterQueries.heapUsed)}`,
          '',
          '',
        ],
      ],
    ),
  ].join('\n');
}

function commandsSection(c: Phase<CommandsResult>): string {
  const head =
    "5. Commands as people type them — wall clock, spawn → exit (CLI) or → the console's first prompt (start); medians";
  if (!c || failed(c)) return `${head}\n   not measured: ${c ? c.error : 'not run'}`;
  const npmOwn = c.npmFloorMs - c.nodeFloorMs;
  return [
    head,
    table(
      ['', 'measured', 'ratio', 'target', 'result'],
      [
        ['node -e 0', ms(c.nodeFloorMs), '', '', ''],
        ['npm run --silent noop (npm starting node -e 0): the CLI floor', ms(c.npmFloorMs), '', '', ''],
        [
          'npm run --silent ask -- ask "who made pegasus"',
          ms(c.cliMs),
          `${(c.cliMs / c.npmFloorMs).toFixed(2)}× noop`,
          `≤ ${CLI_MAX_RATIO}×`,
          atMost(c.cliMs / c.npmFloorMs, CLI_MAX_RATIO),
        ],
        ['  the same, compiled entry under node directly', ms(c.cliDirectMs), '', '', ''],
        [`node ${START_FLAGS.join(' ')} dist/src/main.js → prompt: the start floor`, ms(c.directStartMs), '', '', ''],
        [
          'npm start, second time (nothing to build) → prompt',
          ms(c.npmStartMs),
          `${(c.npmStartMs / c.directStartMs).toFixed(2)}× direct`,
          `≤ ${RESTART_MAX_RATIO}×`,
          atMost(c.npmStartMs / c.directStartMs, RESTART_MAX_RATIO),
        ],
        [
          "  less npm's own start-up (noop − node -e 0)",
          ms(c.npmStartMs - npmOwn),
          `${((c.npmStartMs - npmOwn) / c.directStartMs).toFixed(2)}× direct`,
          '',
          '',
        ],
        [
          '  the launcher alone (node scripts/run.mjs: hash check, then the entry)',
          ms(c.launcherStartMs),
          `${(c.launcherStartMs / c.directStartMs).toFixed(2)}× direct`,
          '',
          '',
        ],
      ],
    ),
  ].join('\n');
}

export function render(r: Results): string {
  const m = r.machine;
  const counts = r.verdicts.reduce<Record<string, number>>(
    (acc, v) => ((acc[v.verdict] = (acc[v.verdict] ?? 0) + 1), acc),
    {},
  );
  const misses = r.verdicts.filter((v) => v.verdict !== 'PASS');
  return [
    `incident-desk benchmark — ${r.startedAt} — ${r.mode} run`,
    `machine: ${m.cpu} · ${m.cores} cores · ${m.totalMemoryGB} GB · Node ${m.node} · ${m.platform}`,
    '',
    handlerSection(r.handlers),
    '',
    e2eSection(r.e2e),
    '',
    httpSection(r.http),
    '',
    startupSection(r.startup),
    '',
    commandsSection(r.commands),
    '',
    `Targets: ${['PASS', 'FAIL', 'UNMEASURED'].map((k) => `${counts[k] ?? 0} ${k}`).join(', ')}`,
    ...(misses.length
      ? [
          table(
            ['missed target', 'measured', 'target', 'result', 'note'],
            misses.map((v) => [v.what, v.measured, v.target, v.verdict, v.note ?? '']),
          ),
        ]
      : []),
    '',
    `total run time: ${(r.totalMs / 1000).toFixed(1)} s`,
  ].join('\n');
}
