// PostgreSQL through pg: a small pool, so shards and HTTP replicas share one log. A server that
// goes away fails the pending query (the write queue retries) and the pool reconnects by itself;
// an idle connection the server dropped is an 'error' event on the pool, which must be handled or
// Node ends the process.
import pg from 'pg';
import type { Driver, Statement } from './driver.ts';

/** `?` placeholders as PostgreSQL's $1, $2…: the store's SQL has no `?` inside string literals. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** host:port/database of a URL, for messages: never its user name or password. */
export function whereOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return 'the DATABASE_URL database';
  }
}

export interface PostgresDriver extends Driver {
  /** The pool itself, for the shared cooldown (rate-limiter-flexible's RateLimiterPostgres). */
  pool: pg.Pool;
}

export function postgresDriver(
  url: string,
  opts: { max?: number; onError?: (err: Error) => void } = {},
): PostgresDriver {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 4,
    // A reply never waits on the database, but a write must not hang forever either.
    connectionTimeoutMillis: 5_000,
    query_timeout: 10_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (err) => opts.onError?.(err));
  return {
    engine: 'postgres',
    pool,
    where: whereOf(url),
    generation: 1,
    // The pool connects on demand and drops broken connections by itself.
    async ensureOpen() {},
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const r = await pool.query(numbered(sql), params as unknown[]);
      return r.rows as T[];
    },
    async transaction(statements: readonly Statement[]): Promise<void> {
      const client = await pool.connect();
      // While checked out, a connection's errors are the client's, not the pool's: an unheard
      // 'error' event would end the process. The failing query rejects anyway.
      const ignore = () => undefined;
      client.on('error', ignore);
      let broken = false;
      try {
        await client.query('BEGIN');
        for (const s of statements) await client.query(numbered(s.sql), (s.params ?? []) as unknown[]);
        await client.query('COMMIT');
      } catch (err) {
        broken = true;
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        // A connection that failed mid-transaction is not put back for reuse.
        client.off('error', ignore);
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
