// Start-up benchmark: spawns the compiled probe (run.ts builds first: npm run build -- --all),
// `node dist/bench/startup-probe.js`, several times — the compiled code under plain node, as
// `npm start` runs the bot — taking the median of what each probe reports (performance.now() at
// ready = ms since its process began). The first spawn is reported apart as "cold" (file caches).
// The last probe also runs 10,000 queries and reports resident memory after them. Before each
// probe, another runs an empty script (floor-probe.ts): Node's own share of both budgets, reported
// as the median of those runs — one empty start alone was up to a third off on this shared machine,
// and the ratio with it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { queryMix } from './query-mix.ts';
import { ROOT } from './child.ts';
import { median } from './stats.ts';

/**
 * The node flags `npm start` runs the bot with, read from package.json so the probe always
 * starts the way the bot does (e.g. `node --max-semi-space-size=2 dist/src/main.js`).
 */
export const START_FLAGS: string[] = (() => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const command = pkg.scripts.start!.split('&&').at(-1)!.trim().split(/\s+/);
  return command.slice(1).filter((arg) => arg.startsWith('--'));
})();

export interface ProbeResult {
  readyMs: number;
  /** Wall clock in the parent from spawn to the "ready" line (adds process creation). */
  spawnToReadyMs: number;
  rss: number;
  heapUsed: number;
  /** ms spent in each step before ready (imports = Node + tsx + module loading). */
  phases: Record<string, number>;
  after?: { queries: number; ms: number; rss: number; heapUsed: number };
}

export interface StartupResult {
  /** node with an empty script: Node's own share of start-up time and RSS (the median of one per run). */
  floor: ProbeResult;
  cold: ProbeResult;
  runs: ProbeResult[];
  median: { readyMs: number; spawnToReadyMs: number; rss: number; phases: Record<string, number> };
  afterQueries: { queries: number; ms: number; rss: number; heapUsed: number };
}

function probe(queries: number, mixFile: string, script = 'dist/bench/startup-probe.js'): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...START_FLAGS, script, String(queries), mixFile], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let result: ProbeResult | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = JSON.parse(out.slice(0, nl)) as {
          event: string;
          readyMs: number;
          rss: number;
          heapUsed: number;
          phases: Record<string, number>;
          queries: number;
          ms: number;
        };
        out = out.slice(nl + 1);
        if (line.event === 'ready')
          result = {
            readyMs: line.readyMs,
            spawnToReadyMs: performance.now() - t0,
            rss: line.rss,
            heapUsed: line.heapUsed,
            phases: line.phases,
          };
        else if (result) result.after = { queries: line.queries, ms: line.ms, rss: line.rss, heapUsed: line.heapUsed };
      }
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 && result ? resolve(result) : reject(new Error(`startup probe exited with code ${String(code)}`)),
    );
  });
}

export async function benchStartup(runs: number, queries = 10_000): Promise<StartupResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'incident-desk-bench-'));
  const mixFile = path.join(dir, 'mix.json');
  writeFileSync(mixFile, JSON.stringify(queryMix()));
  try {
    const cold = await probe(0, mixFile);
    const floors: ProbeResult[] = [];
    const results: ProbeResult[] = [];
    for (let i = 0; i < runs; i++) {
      floors.push(await probe(0, mixFile, 'dist/bench/floor-probe.js'));
      results.push(await probe(i === runs - 1 ? queries : 0, mixFile));
    }
    // The median run itself (not a mix of runs), so its memory is one real process's.
    const floor = [...floors].sort((a, b) => a.readyMs - b.readyMs)[Math.floor(floors.length / 2)]!;
    return summarise(cold, floor, results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function summarise(cold: ProbeResult, floor: ProbeResult, results: ProbeResult[]): StartupResult {
  const last = results[results.length - 1]!;
  if (!last.after) throw new Error('startup probe did not report memory after its queries');
  return {
    floor,
    cold,
    runs: results,
    median: {
      readyMs: median(results.map((r) => r.readyMs)),
      spawnToReadyMs: median(results.map((r) => r.spawnToReadyMs)),
      rss: median(results.map((r) => r.rss)),
      phases: Object.fromEntries(Object.keys(last.phases).map((k) => [k, median(results.map((r) => r.phases[k]!))])),
    },
    afterQueries: last.after,
  };
}
