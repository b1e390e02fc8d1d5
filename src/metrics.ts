// Prometheus metrics through prom-client, loaded only by the processes that serve them (the HTTP
// endpoint always, the gateway bot when METRICS_PORT is set): interactions by command, kind and
// outcome; handler and response latency; the share of questions refused; late and skipped
// interactions; gateway reconnects; and Node's own process metrics.
import client from 'prom-client';
import type { Observer } from './observe.ts';

export interface Metrics extends Observer {
  /** The text exposition for GET /metrics. */
  text(): Promise<string>;
  contentType: string;
}

export function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'incident_desk_' });
  const registers = [registry];
  const interactions = new client.Counter({
    name: 'incident_desk_interactions_total',
    help: 'Interactions answered, by command, kind and outcome',
    labelNames: ['command', 'kind', 'outcome'],
    registers,
  });
  const handler = new client.Histogram({
    name: 'incident_desk_handler_seconds',
    help: 'Time in the bot for one interaction (dispatch and render)',
    labelNames: ['command'],
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    registers,
  });
  const response = new client.Histogram({
    name: 'incident_desk_response_seconds',
    help: 'From the interaction being created (its snowflake time) to the reply being sent',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 3, 5],
    registers,
  });
  const refused = new client.Gauge({
    name: 'incident_desk_no_answer_ratio',
    help: 'Share of /ask and /source questions answered "the articles don\'t say", since start',
    registers,
  });
  const late = new client.Counter({
    name: 'incident_desk_late_interactions_total',
    help: "Interactions picked up late: deferred, or skipped as past Discord's 3 s",
    labelNames: ['action'],
    registers,
  });
  const reconnects = new client.Counter({
    name: 'incident_desk_gateway_reconnects_total',
    help: 'Gateway connections lost and reconnected',
    labelNames: ['shard'],
    registers,
  });
  const dropped = new client.Counter({
    name: 'incident_desk_records_dropped_total',
    help: 'Questions, votes and reports dropped because the database was unavailable and the write queue was full',
    registers,
  });
  let asked = 0;
  let notAnswered = 0;
  return {
    interaction(e) {
      interactions.inc({ command: e.command, kind: e.kind, outcome: e.outcome });
      handler.observe({ command: e.command }, e.handlerMs / 1000);
      if (e.responseMs !== undefined) response.observe(e.responseMs / 1000);
      if (e.kind === 'command' && (e.command === 'ask' || e.command === 'source')) {
        asked++;
        if (e.outcome === 'no-answer') notAnswered++;
        refused.set(notAnswered / asked);
      }
    },
    late: (action) => late.inc({ action }),
    reconnect: (shard) => reconnects.inc({ shard: String(shard) }),
    dropped: (count) => dropped.inc(count),
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
