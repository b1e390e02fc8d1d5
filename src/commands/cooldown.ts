// The per-user cooldown that keeps one member from flooding a channel: at most `limit` commands
// in any `windowMs`, through rate-limiter-flexible. In memory by default (one process: the console,
// one gateway bot); in PostgreSQL when DATABASE_URL is set (its RateLimiterPostgres, on the
// `cooldown` table the curator migrations create), so N HTTP replicas or shards give one limit,
// not N. If PostgreSQL is unreachable, an in-memory limiter stands in ("insurance"), so a database
// outage never blocks or floods anyone. Users are keyed by a hash, never by their id.
import { createRequire } from 'node:module';
import type { Pool } from 'pg';
import type * as Flexible from 'rate-limiter-flexible';

// The limiters one by one: the package's index loads every store it supports (Redis, Mongo,
// DynamoDB…), 21 ms at every start against 5 ms for these.
const require = createRequire(import.meta.url);
const RateLimiterMemory =
  require('rate-limiter-flexible/lib/RateLimiterMemory.js') as typeof Flexible.RateLimiterMemory;
const RateLimiterRes = require('rate-limiter-flexible/lib/RateLimiterRes.js') as typeof Flexible.RateLimiterRes;
const postgresLimiter = () =>
  require('rate-limiter-flexible/lib/RateLimiterPostgres.js') as typeof Flexible.RateLimiterPostgres;

export interface Cooldown {
  /** Milliseconds the user must wait, or 0 when the command may run now (and is counted). */
  take(userId: string): Promise<number>;
}

export interface CooldownOptions {
  limit?: number;
  windowMs?: number;
  /** A one-way key for a user (the curator store's keyed hash): what the limiter stores. */
  keyOf?: (userId: string) => string;
  /** Shared across replicas: PostgreSQL's pool. */
  pool?: Pool;
}

export function createCooldown({
  limit = 5,
  windowMs = 10_000,
  keyOf = (id) => id,
  pool,
}: CooldownOptions = {}): Cooldown {
  // The library counts whole seconds; a window under a second is rounded up to one.
  const duration = Math.max(1, Math.ceil(windowMs / 1000));
  const memory = new RateLimiterMemory({ points: limit, duration, keyPrefix: 'cooldown' });
  const limiter = pool
    ? new (postgresLimiter())({
        storeClient: unnamed(pool),
        storeType: 'pool',
        tableName: 'cooldown',
        tableCreated: true,
        points: limit,
        duration,
        keyPrefix: 'cooldown',
        insuranceLimiter: new RateLimiterMemory({ points: limit, duration, keyPrefix: 'cooldown' }),
      })
    : memory;
  return {
    async take(userId) {
      try {
        await limiter.consume(keyOf(userId));
        return 0;
      } catch (res) {
        // Rejected with a RateLimiterRes when over the limit; anything else is a store error the
        // insurance limiter did not absorb: let the command run rather than refuse everyone.
        return res instanceof RateLimiterRes ? Math.max(1, res.msBeforeNext) : 0;
      }
    },
  };
}

/**
 * The pool as the limiter sees it, its queries sent as unnamed statements: a named prepared
 * statement belongs to one server session, which breaks behind a transaction-pooling proxy such as
 * PgBouncer (and behind PGlite's connection multiplexer, in the tests). The limiter only calls query().
 */
function unnamed(pool: Pool): Pick<Pool, 'query'> {
  return {
    query: ((q: { name?: string; text: string; values?: unknown[] }) =>
      pool.query({ text: q.text, ...(q.values ? { values: q.values } : {}) })) as Pool['query'],
  };
}
