// The two database engines the curator store runs on, for tests: SQLite in a temp dir, and a real
// PostgreSQL engine — PGlite (PostgreSQL compiled to WebAssembly) served on 127.0.0.1 by
// pglite-socket, so `pg` speaks the real wire protocol to it. It can be stopped and started again
// on the same port, as a server restart looks to the bot. No mock database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Driver } from '../../src/curator/db/driver.ts';
import { postgresDriver } from '../../src/curator/db/postgres.ts';
import { sqliteDriver, type SqliteOptions } from '../../src/curator/db/sqlite.ts';

export type EngineName = 'sqlite' | 'postgres';

export interface Engine {
  name: EngineName;
  /** A new connection (a driver) to the same database: one per "replica". */
  driver(): Driver;
  /** What the bot's config would say for it. */
  env: { DATA_DIR?: string; DATABASE_URL?: string };
  /** PostgreSQL: stop the server (connections fail) and start it again on the same port. */
  stop?(): Promise<void>;
  start?(): Promise<void>;
  close(): Promise<void>;
}

export function sqliteEngine(opts: SqliteOptions = {}): Engine {
  const dir = mkdtempSync(path.join(tmpdir(), 'desk-sqlite-'));
  const drivers: Driver[] = [];
  return {
    name: 'sqlite',
    env: { DATA_DIR: dir },
    driver: () => {
      const d = sqliteDriver(dir, opts);
      drivers.push(d);
      return d;
    },
    async close() {
      for (const d of drivers) await d.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresEngine(): Promise<Engine> {
  const db = await PGlite.create();
  let server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 50 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  const url = `postgres://postgres:secret-password@127.0.0.1:${port}/postgres`;
  const drivers: Driver[] = [];
  let running = true;
  return {
    name: 'postgres',
    env: { DATABASE_URL: url },
    driver: () => {
      const d = postgresDriver(url, { onError: () => undefined });
      drivers.push(d);
      return d;
    },
    async stop() {
      if (!running) return;
      running = false;
      await server.stop();
    },
    async start() {
      if (running) return;
      server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 50 });
      await server.start();
      running = true;
    },
    async close() {
      for (const d of drivers) await d.close().catch(() => undefined);
      if (running) await server.stop();
      await db.close();
    },
  };
}

export const ENGINES: EngineName[] = ['sqlite', 'postgres'];

export const openEngine = (name: EngineName): Promise<Engine> =>
  name === 'sqlite' ? Promise.resolve(sqliteEngine()) : postgresEngine();
