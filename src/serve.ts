// npm run serve: the HTTP interactions endpoint (Discord → General Information → Interactions
// Endpoint URL), for hosting without a gateway connection. Needs DISCORD_PUBLIC_KEY; listens on
// HOST:PORT. Stateless, so it scales by running more replicas behind a load balancer.
import type { AddressInfo } from 'node:net';
import { createCore } from './answers/core.ts';
import { warmUpDateReader } from './answers/date-input.ts';
import { createDispatcher } from './commands/dispatch.ts';
import { loadCommands } from './commands/load.ts';
import { ConfigError, getConfig, requireKeys } from './config.ts';
import { createLogger } from './log.ts';
import { createInteractionServer } from './transports/http.ts';

try {
  const config = requireKeys(getConfig(), ['DISCORD_PUBLIC_KEY'], 'npm run serve');
  const log = createLogger(config.LOG_LEVEL);
  const started = performance.now();
  const core = createCore();
  const commands = await loadCommands();
  log.info({ ms: Math.round(performance.now() - started), commands: [...commands.keys()] }, 'knowledge loaded and indexed');
  const dispatcher = createDispatcher(commands, core, log);
  // After the current turn, so it overlaps the gateway login / listen instead of delaying them.
  setImmediate(warmUpDateReader);
  const server = createInteractionServer({ publicKey: config.DISCORD_PUBLIC_KEY, dispatcher, log });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}`;
  log.info({ url, port }, `listening on ${url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // close() stops accepting, lets in-flight requests finish and drops idle keep-alive sockets;
    // anything still open after 5 s is cut so a stuck client cannot block the shutdown.
    const force = setTimeout(() => server.closeAllConnections(), 5_000);
    force.unref();
    server.close(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
