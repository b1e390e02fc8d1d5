// The bounded, batched write queue between replies and the database. A reply only ever pushes (no
// I/O, no await); writes happen later, in batches, one at a time. When the database is down, slow,
// locked or full, records wait in memory and the write is retried with a growing pause; nothing is
// dropped while the queue has room. Once it is full, new records are dropped and counted. An
// operator sees one warning when writing starts to fail and one line when it works again, with
// the count of records dropped meanwhile — never a line per record.
import type { Logger } from 'pino';
import { problemOf } from './db/problem.ts';

export interface WriteQueue<T> {
  /** Queues a record; false when the queue is full and it was dropped. */
  push(record: T): boolean;
  /** Writes everything queued now (for shutdown and tests); resolves false if a write failed. */
  flush(): Promise<boolean>;
  stats(): { pending: number; written: number; dropped: number; failing: boolean };
  /** Last flush, then no more timers. */
  close(timeoutMs?: number): Promise<void>;
}

export interface WriteQueueOptions<T> {
  write(batch: readonly T[]): Promise<void>;
  /** For messages: where the records go ("data/incident-desk.sqlite", "db:5432/desk"). */
  where: string;
  log: Pick<Logger, 'warn' | 'info'>;
  capacity?: number;
  batchSize?: number;
  /** How long a record may wait for others to share its write. */
  lingerMs?: number;
  retryMs?: { first: number; max: number };
  onDrop?(count: number): void;
}

export function createWriteQueue<T>({
  write,
  where,
  log,
  capacity = 10_000,
  batchSize = 200,
  lingerMs = 100,
  retryMs = { first: 250, max: 15_000 },
  onDrop,
}: WriteQueueOptions<T>): WriteQueue<T> {
  let pending: T[] = [];
  let written = 0;
  let dropped = 0;
  let droppedInOutage = 0;
  let failing = false;
  let pause = retryMs.first;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<boolean> | null = null;
  let closed = false;

  const schedule = (ms: number) => {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = null;
      void drain();
    }, ms);
    timer.unref();
  };

  /** Writes batch after batch until the queue is empty or a write fails. */
  function drain(): Promise<boolean> {
    if (inFlight) return inFlight;
    inFlight = (async () => {
      try {
        while (pending.length > 0) {
          const batch = pending.slice(0, batchSize);
          try {
            await write(batch);
          } catch (err) {
            if (!failing) {
              failing = true;
              log.warn(
                { problem: problemOf(err), pending: pending.length, capacity },
                `could not record to ${where}: ${problemOf(err)}. Keeping records in memory (room for ${capacity}) and retrying`,
              );
            }
            schedule(pause);
            pause = Math.min(pause * 2, retryMs.max);
            return false;
          }
          pending = pending.slice(batch.length);
          written += batch.length;
          if (failing) {
            failing = false;
            const lost = droppedInOutage;
            droppedInOutage = 0;
            (lost > 0 ? log.warn : log.info).call(
              log,
              { dropped: lost, pending: pending.length },
              lost > 0
                ? `recording to ${where} again; ${lost} record${lost === 1 ? ' was' : 's were'} dropped while it was unavailable (the queue was full)`
                : `recording to ${where} again; nothing was lost`,
            );
          }
          pause = retryMs.first;
        }
        return true;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  return {
    push(record) {
      if (closed) return false;
      if (pending.length >= capacity) {
        dropped++;
        droppedInOutage++;
        if (droppedInOutage === 1)
          log.warn(
            { capacity },
            `record queue full (${capacity}) while ${where} is unavailable: dropping new records until it is back`,
          );
        onDrop?.(1);
        return false;
      }
      pending.push(record);
      if (!failing) {
        if (pending.length >= batchSize) {
          if (timer) clearTimeout(timer);
          timer = null;
          void drain();
        } else schedule(lingerMs);
      }
      return true;
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      if (inFlight) await inFlight;
      return drain();
    },
    stats: () => ({ pending: pending.length, written, dropped, failing }),
    async close(timeoutMs = 3_000) {
      const last = this.flush();
      await Promise.race([last, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
