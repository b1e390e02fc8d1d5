// npm run serve: the HTTP interactions endpoint (Discord → General Information → Interactions
// Endpoint URL), for hosting without a gateway connection. Needs DISCORD_PUBLIC_KEY; listens on
// HOST:PORT. The process keeps no state between requests: the cooldown and the records are in the
// database (shared by every replica with DATABASE_URL), so it scales by running more replicas.
import type { AddressInfo } from 'node:net';
import { warmUpDateReader } from './answers/date-input.ts';
import { NO_METRICS, type Observer } from './observe.ts';
import { listenError, run, startUp } from './start.ts';
import { createInteractionServer } from './transports/http.ts';

run(async () => {
  const { config, log, desk, core, close } = await startUp({ mode: 'npm run serve', needs: ['DISCORD_PUBLIC_KEY'] });
  setImmediate(warmUpDateReader);
  // prom-client costs ~45 ms to load: it comes in after start-up, and counts from then on.
  let metrics: (Observer & { text(): Promise<string>; contentType: string }) | null = null;
  const server = createInteractionServer({
    publicKey: config.DISCORD_PUBLIC_KEY,
    desk,
    log,
    health: () => ({ status: 'ok', knowledge: core.kb.version }),
    observer: () => metrics ?? NO_METRICS,
    metrics: () => metrics,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, config)));
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  void import('./metrics.ts').then((m) => (metrics = m.createMetrics()));
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
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
    server.close(() => void close().finally(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
