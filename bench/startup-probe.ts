// Start-up probe, run compiled as `node dist/bench/startup-probe.js [queries mix.json]`. It does what the
// bot does before it can answer — load and validate the knowledge base, build the index, load
// and check the command modules — then prints one JSON line with performance.now() (ms since this
// process started, so it includes Node's own start) and the resident memory. With a query
// count it then answers that many queries of the mix and prints a second line with the memory
// after them, to see whether anything grows with use.
//
// It also says where the start-up time goes (phases), since that is what to look at when it is
// over target. createCore(loadKnowledge()) is exactly what createCore() does by default. The
// curator loop is opened as npm start opens it (SQLite, here in a temp dir; the database itself
// opens in the background, after ready).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createCore } from '../src/answers/core.ts';
import { createDispatcher } from '../src/commands/dispatch.ts';
import { loadCommands } from '../src/commands/load.ts';
import { getConfig, parseConfig } from '../src/config.ts';
import { loadKnowledge } from '../src/kb/load.ts';
import { createLogger } from '../src/log.ts';
import type { Query } from './query-mix.ts';

// Static imports have been evaluated by now: Node's start and the src/ modules.
const t0 = performance.now();
// As src/main.ts does: read the config, make the logger (console mode logs warnings only).
createLogger(getConfig().LOG_LEVEL === 'info' ? 'warn' : getConfig().LOG_LEVEL);
const kb = loadKnowledge();
const t1 = performance.now();
const core = createCore(kb);
const t2 = performance.now();
const dispatcher = createDispatcher(await loadCommands(), core, { error: () => undefined });
const t3 = performance.now();
const { openCurator } = await import('../src/curator/curator.ts');
const curator = await openCurator({
  config: parseConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'startup-probe-')) }),
  kb,
  log: createLogger('warn'),
});
const readyMs = performance.now();
const ready = process.memoryUsage();
const phases = {
  imports: t0,
  loadKnowledge: t1 - t0,
  createCore: t2 - t1,
  loadCommands: t3 - t2,
  openCurator: readyMs - t3,
};
void curator;
console.log(JSON.stringify({ event: 'ready', readyMs, rss: ready.rss, heapUsed: ready.heapUsed, phases }));

// With a query count, the second argument is a JSON file of the query mix, written by the parent
// (bench/startup.ts): parsing the eval YAML here would load a YAML parser and count its memory.
const queries = Number(process.argv[2] ?? 0);
if (queries > 0) {
  const { runQuery } = await import('./query-mix.ts');
  const mix = JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as Query[];
  const t0 = performance.now();
  for (let i = 0; i < queries; i++) runQuery(dispatcher, mix[i % mix.length]!);
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({ event: 'queries', queries, ms: performance.now() - t0, rss: after.rss, heapUsed: after.heapUsed }),
  );
}
