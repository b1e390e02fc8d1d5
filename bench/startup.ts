// Start-up benchmark: spawns `node --import tsx bench/startup-probe.ts` several times and takes
// the median of what each probe reports (performance.now() at ready = ms since its process began).
// The first spawn is reported apart as "cold": from a clean clone it also fills tsx's transform
// cache, which a deployed bot pays once, not at every restart. The last probe also runs 10,000
// queries and reports resident memory after them. One more probe runs an empty script under
// `node --import tsx` (floor-probe.ts): the part of both budgets spent before the bot's first line.
import { spawn } from 'node:child_process';
import { ROOT } from './child.ts';
import { median } from './stats.ts';

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
  /** node --import tsx with an empty script: Node's and tsx's share of start-up time and RSS. */
  floor: ProbeResult;
  cold: ProbeResult;
  runs: ProbeResult[];
  median: { readyMs: number; spawnToReadyMs: number; rss: number; phases: Record<string, number> };
  afterQueries: { queries: number; ms: number; rss: number; heapUsed: number };
}

function probe(queries: number, script = 'bench/startup-probe.ts'): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', script, String(queries)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let result: ProbeResult | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = JSON.parse(out.slice(0, nl)) as { event: string; readyMs: number; rss: number; heapUsed: number; phases: Record<string, number>; queries: number; ms: number };
        out = out.slice(nl + 1);
        if (line.event === 'ready') result = { readyMs: line.readyMs, spawnToReadyMs: performance.now() - t0, rss: line.rss, heapUsed: line.heapUsed, phases: line.phases };
        else if (result) result.after = { queries: line.queries, ms: line.ms, rss: line.rss, heapUsed: line.heapUsed };
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`startup probe exited with code ${String(code)}`))));
  });
}

export async function benchStartup(runs: number, queries = 10_000): Promise<StartupResult> {
  const cold = await probe(0);
  const floor = await probe(0, 'bench/floor-probe.ts');
  const results: ProbeResult[] = [];
  for (let i = 0; i < runs; i++) results.push(await probe(i === runs - 1 ? queries : 0));
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
