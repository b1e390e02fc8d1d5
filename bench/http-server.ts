// Child process: the HTTP interactions endpoint exactly as `npm run serve` builds it (real
// knowledge base, real commands, createInteractionServer), on 127.0.0.1 and a free port. It runs
// apart from the load generator so the two do not share one event loop (on a 2-core machine: one
// core each). Sends {port} to the parent once listening; killed by the parent when the load ends.
//
// argv: publicKeyHex
import type { AddressInfo } from 'node:net';
import { createCore } from '../src/answers/core.ts';
import { createCooldown } from '../src/commands/cooldown.ts';
import { createDispatcher } from '../src/commands/dispatch.ts';
import { loadCommands } from '../src/commands/load.ts';
import { createLogger } from '../src/log.ts';
import { createInteractionServer } from '../src/transports/http.ts';

const publicKey = process.argv[2]!;
const log = createLogger('warn', process.stderr);
// Every load-test request comes from the same user id. The cooldown keeps, per user, the times of
// the requests in its window and filters that list on each request: with limit 1e9 and the default
// 10 s window, one user's list would grow to ~10 s × requests/s and the benchmark would measure
// that artificial list instead of the endpoint. A 1 ms window keeps it as short as a real user's
// (≤ 5 entries with the production limit) while the cooldown code still runs on every request.
const dispatcher = createDispatcher(
  await loadCommands(),
  createCore(),
  log,
  createCooldown({ limit: 1e9, windowMs: 1 }),
);
const server = createInteractionServer({ publicKey, dispatcher, log });
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
