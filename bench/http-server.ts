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
import { createDesk } from '../src/desk.ts';
import { loadCommands } from '../src/commands/load.ts';
import { createLogger } from '../src/log.ts';
import { createInteractionServer } from '../src/transports/http.ts';

const publicKey = process.argv[2]!;
const log = createLogger('warn', process.stderr);
// Every load-test request comes from the same user id: a limit no load reaches keeps the cooldown
// (rate-limiter-flexible, in memory, as in production without DATABASE_URL) running on every
// request without refusing any.
const core = createCore();
const dispatcher = createDispatcher(await loadCommands(), core, log);
const desk = createDesk({ dispatcher, core, log, cooldown: createCooldown({ limit: 1e9, windowMs: 1 }) });
const server = createInteractionServer({ publicKey, desk, log });
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
