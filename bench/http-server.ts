// Child process: the HTTP interactions endpoint as `npm run serve` builds it (src/start.ts and
// src/serve.ts) — real knowledge base, real commands, the curator recording questions to SQLite,
// one info log line per interaction, Prometheus metrics — on 127.0.0.1 and a free port. It runs
// apart from the load generator so the two do not share one event loop (on a 2-core machine: one
// core each). Sends {port} to the parent once listening; killed by the parent when the load ends.
//
// Two differences from production, both needed to measure it: the log goes to a file in a
// temporary directory (production writes the same lines the same way, pino.destination on a
// file descriptor, to stderr, which here would be the terminal), and the cooldown's limit is out
// of reach (the load comes from a few user ids; it still runs on every request, through
// rate-limiter-flexible in memory, as in production without DATABASE_URL).
//
// argv: publicKeyHex, dataDir (the SQLite file and the log go there; the parent removes it),
// answerCache (optional: how many answers the dispatcher remembers; 0 measures every request
// computed afresh). Answers a {stats: true} message with what it did: the answer cache's figures
// and the records queued for the question log (written or still waiting).
import { openSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { warmUpDateReader } from '../src/answers/date-input.ts';
import { createCore } from '../src/answers/core.ts';
import { createCooldown } from '../src/commands/cooldown.ts';
import { createDispatcher } from '../src/commands/dispatch.ts';
import { loadCommands } from '../src/commands/load.ts';
import { parseConfig } from '../src/config.ts';
import { openCurator } from '../src/curator/curator.ts';
import { createDesk } from '../src/desk.ts';
import { createLogger } from '../src/log.ts';
import { createMetrics } from '../src/metrics.ts';
import { createInteractionServer } from '../src/transports/http.ts';

const [publicKey, dataDir, answerCache] = [process.argv[2]!, process.argv[3]!, process.argv[4]];
const log = createLogger('info', pino.destination(openSync(path.join(dataDir, 'serve.log'), 'a')));
const core = createCore();
// Production's defaults (question log on, 90 days' retention), with the records in dataDir.
const config = parseConfig({ DATA_DIR: dataDir });
const dispatcher = createDispatcher(await loadCommands(), core, log, {
  records: { questionLog: config.QUESTION_LOG === 'on', retentionDays: config.RETENTION_DAYS },
  ...(answerCache !== undefined ? { answerCache: Number(answerCache) } : {}),
});
const curator = await openCurator({ config, kb: core.kb, log });
await curator.ready;
const desk = createDesk({ dispatcher, core, log, curator, cooldown: createCooldown({ limit: 1e9, windowMs: 1 }) });
warmUpDateReader();
const metrics = createMetrics();
const server = createInteractionServer({
  publicKey,
  desk,
  log,
  health: () => ({ status: 'ok', knowledge: core.kb.version }),
  observer: () => metrics,
  metrics: () => metrics,
});
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on('message', (m: { stats?: boolean }) => {
  if (m.stats) process.send!({ stats: { answers: dispatcher.answers.stats(), records: curator.queue.stats() } });
});
