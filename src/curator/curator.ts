// The curator loop, put together for a running bot: the store on the configured engine (SQLite in
// DATA_DIR, or PostgreSQL at DATABASE_URL), the write queue in front of it, the retention purge,
// the shared cooldown, and the posting of problem reports to REPORT_CHANNEL_ID.
//
// Opening never stops the bot: a database that cannot be reached or written at start-up is one
// error line saying what is wrong and where; records wait in the queue and are written once it
// works (checked again at every write, with a growing pause), replies go on meanwhile.
import path from 'node:path';
import type { Logger } from 'pino';
import type { Cooldown } from '../commands/cooldown.ts';
import { createCooldown } from '../commands/cooldown.ts';
import type { Config } from '../config.ts';
import type { KnowledgeBase } from '../kb/load.ts';
import type { Observer } from '../observe.ts';
import type { Driver } from './db/driver.ts';
import { problemOf } from './db/problem.ts';
import { gapReport, type GapReport } from './gaps.ts';
import { createWriteQueue, type WriteQueue } from './queue.ts';
import type { CuratorRecord, ReportRecord } from './records.ts';
import { createStore, type Store } from './store.ts';
import { reportPoster } from './report-channel.ts';

export interface Curator {
  engine: Driver['engine'];
  /** Where records go, for messages (never a password). */
  where: string;
  /** QUESTION_LOG is on: unanswered questions are recorded (votes and reports always are). */
  questionLog: boolean;
  /**
   * Settles once the database was first opened, migrated and purged (true), or could not be
   * opened (false, and logged).
   */
  ready: Promise<boolean>;
  /** Queues a record; false if the queue was full and it was dropped. */
  record(r: CuratorRecord): boolean;
  /** Posts a report to the moderators' channel when one is configured; true if it will be. */
  postReport(r: ReportRecord): boolean;
  gaps(sinceMs: number, guildId?: string): Promise<GapReport>;
  cooldown: Cooldown;
  store: Store;
  queue: WriteQueue<CuratorRecord>;
  close(): Promise<void>;
}

const DAY = 86_400_000;

export interface CuratorOptions {
  config: Pick<
    Config,
    | 'DATA_DIR'
    | 'DATABASE_URL'
    | 'QUESTION_LOG'
    | 'RETENTION_DAYS'
    | 'REPORT_CHANNEL_ID'
    | 'DISCORD_TOKEN'
    | 'DISCORD_API_URL'
  >;
  kb: KnowledgeBase;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  observer?: () => Observer;
  /** A driver of the test's own (a capped SQLite file, a PostgreSQL that will be stopped). */
  driver?: Driver;
  queue?: { capacity?: number; batchSize?: number; lingerMs?: number; retryMs?: { first: number; max: number } };
}

export async function openCurator({
  config,
  kb,
  log,
  observer,
  driver: given,
  queue: queueOpts = {},
}: CuratorOptions): Promise<Curator> {
  let driver: Driver;
  let pool: import('pg').Pool | undefined;
  if (given) driver = given;
  else if (config.DATABASE_URL) {
    const { postgresDriver } = await import('./db/postgres.ts');
    const pg = postgresDriver(config.DATABASE_URL, {
      onError: (err) => log.warn({ problem: problemOf(err) }, 'PostgreSQL connection lost; it is reopened when needed'),
    });
    driver = pg;
    pool = pg.pool;
  } else {
    const { sqliteDriver } = await import('./db/sqlite.ts');
    driver = sqliteDriver(path.resolve(config.DATA_DIR));
  }
  // A PostgreSQL driver brings its pool, which the cooldown shares.
  pool ??= (driver as { pool?: import('pg').Pool }).pool;
  const variable = driver.engine === 'postgres' ? 'DATABASE_URL' : 'DATA_DIR';
  const store = createStore(driver);
  const queue = createWriteQueue<CuratorRecord>({
    write: (batch) => store.write(batch),
    where: driver.where,
    log,
    ...queueOpts,
    onDrop: (n) => observer?.().dropped(n),
  });

  const purge = async () => {
    try {
      const gone = await store.purge(Date.now() - config.RETENTION_DAYS * DAY);
      if (gone > 0) log.info({ gone, retentionDays: config.RETENTION_DAYS }, 'old records purged');
    } catch (err) {
      log.warn({ problem: problemOf(err) }, `could not purge old records in ${driver.where}`);
    }
  };
  // Opened in the background: start-up does not wait for the database (the bot answers before its
  // first write, and a database that is down must not hold it back); what is recorded meanwhile
  // waits in the queue. It starts after the current turn, not here: SQLite opens synchronously
  // (better-sqlite3's native module, the file, the WAL pragma: 10-20 ms), which would otherwise
  // still be spent before the bot is ready. A record queued sooner opens it itself.
  const opened = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => store.ready())
    .then(
      () => true,
      (err: unknown) => {
        log.error(
          { problem: problemOf(err) },
          `${variable}: cannot use ${driver.where}: ${problemOf(err)}. The bot answers as usual; what it records waits in memory and is written once this is fixed.`,
        );
        return false;
      },
    );
  const ready = opened.then(async (ok) => {
    if (ok) await purge();
    return ok;
  });

  const daily = setInterval(() => void purge(), DAY);
  daily.unref();

  // In PostgreSQL the cooldown's rows are keyed by the user's hash, never the id; in this process's
  // memory the id itself does (it never leaves the process, and hashing costs every interaction).
  const cooldown = createCooldown(pool ? { keyOf: (id) => store.hashUser(id), pool } : {});
  const post = reportPoster(config, log);

  return {
    engine: driver.engine,
    where: driver.where,
    ready,
    questionLog: config.QUESTION_LOG === 'on',
    record: (r) => queue.push(r),
    postReport: (r) => post(r, kb),
    async gaps(sinceMs, guildId) {
      // What is still queued is part of the picture: write it first (quick when the queue is empty).
      await queue.flush();
      const since = Date.now() - sinceMs;
      return gapReport(kb, await store.read(since, guildId), since);
    },
    cooldown,
    store,
    queue,
    async close() {
      clearInterval(daily);
      await ready;
      await queue.close();
      await store.close().catch(() => undefined);
    },
  };
}
