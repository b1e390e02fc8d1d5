// What an operator sees of each interaction: one info line (command, outcome, milliseconds,
// shard; the question's text only at debug level) and, when metrics are on, the same figures as
// Prometheus counters and histograms (src/metrics.ts, loaded only where /metrics is served).
import type { Logger } from 'pino';

export type InteractionKind = 'command' | 'component' | 'autocomplete' | 'modal';

export interface Observed {
  command: string;
  kind: InteractionKind;
  outcome: string;
  /** Time in our code: the dispatcher and the render layer. */
  handlerMs: number;
  /** From the interaction's creation (its snowflake time) to our reply being sent, when known. */
  responseMs?: number;
  shard?: number;
  /** Discord's id of the interaction, to find it again in Discord's and our records. */
  interactionId?: string;
  /** What the user typed (logged at debug only). */
  text?: string;
}

export interface Observer {
  interaction(e: Observed): void;
  /** An interaction answered late with a deferred reply, or skipped as past Discord's window. */
  late(action: 'deferred' | 'skipped'): void;
  reconnect(shard: number): void;
  /** Records (questions, votes, reports) dropped because the write queue was full. */
  dropped(count: number): void;
}

export const NO_METRICS: Observer = {
  interaction: () => undefined,
  late: () => undefined,
  reconnect: () => undefined,
  dropped: () => undefined,
};

/**
 * The logger for the interaction line: `log` itself, or a child of it without redaction. That line
 * holds only the scalar fields reporter() puts there (no key that REDACT_PATHS names, nothing
 * nested), so redaction could never change it, yet pino's wildcard paths ("*.token") ran the
 * redactor on each of its fields: ~10 µs of every interaction, most of its log line's cost.
 */
function lineLogger(log: Pick<Logger, 'info' | 'debug'>): Pick<Logger, 'info' | 'debug'> {
  const child = (log as Partial<Logger>).child;
  return typeof child === 'function' ? child.call(log, {}, { redact: [] }) : log;
}

/** Logs each interaction and hands it to the observer that is current when it happens. */
export function reporter(log: Pick<Logger, 'info' | 'debug'>, observer: () => Observer) {
  const lines = lineLogger(log);
  return (e: Observed): void => {
    const ms = Math.round(e.handlerMs * 100) / 100;
    lines.info(
      {
        command: e.command,
        kind: e.kind,
        outcome: e.outcome,
        ms,
        ...(e.responseMs !== undefined ? { responseMs: Math.round(e.responseMs) } : {}),
        ...(e.shard !== undefined ? { shard: e.shard } : {}),
        ...(e.interactionId ? { interactionId: e.interactionId } : {}),
      },
      'interaction',
    );
    if (e.text) log.debug({ command: e.command, text: e.text }, 'interaction text');
    observer().interaction(e);
  };
}

/** Milliseconds since Discord created the snowflake (ids carry their creation time). */
export function snowflakeAge(id: string, now = Date.now()): number {
  if (!/^\d{15,21}$/.test(id)) return 0;
  // The id's top 42 bits are its milliseconds since Discord's epoch. For an id of up to 19 digits
  // (below 2^64, every id Discord makes), id / 2^22 as a double is off by less than 2^-10 ms, so
  // its floor is exact unless it is that close to a whole millisecond: then (about one id in 250)
  // BigInt says which side it is on.
  const shifted = Number(id) / 4_194_304;
  let ms = Math.floor(shifted);
  const fraction = shifted - ms;
  if (id.length > 19 || fraction < 0.002 || fraction > 0.998) ms = Number(BigInt(id) >> 22n);
  return now - (ms + 1_420_070_400_000);
}

/**
 * Interaction ages corrected for our clock's offset from Discord's: the least age seen among the
 * last interactions is taken as the offset (at least one of them arrived promptly), so a clock a
 * few seconds ahead does not make every interaction look late.
 */
export function ageMeter(window = 50) {
  const recent: number[] = [];
  let offset = 0;
  return {
    /** An interaction picked up now, `raw` ms after its creation by our clock: its corrected age. */
    pickedUp(raw: number): number {
      recent.push(raw);
      if (recent.length > window) recent.shift();
      offset = Math.max(0, Math.min(...recent) - 250);
      return Math.max(0, raw - offset);
    },
    /** A later age of an interaction already picked up, with the same correction. */
    corrected: (raw: number): number => Math.max(0, raw - offset),
  };
}
