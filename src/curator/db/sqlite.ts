// SQLite through better-sqlite3: one file in DATA_DIR, WAL mode. better-sqlite3 is synchronous,
// which is what makes it fast; each write is one short transaction from the write queue, and a
// lock held by someone else fails it at once (busy_timeout is kept short) rather than stalling the
// event loop: the queue retries later. A file deleted or replaced while the bot runs is noticed
// before each use and opened afresh, so records do not vanish into an unlinked file.
import { mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Database from 'better-sqlite3';

// Loaded on first use, not at start-up: the native module costs ~7 ms, and the bot answers
// before its first write.
const require = createRequire(import.meta.url);
let engine: typeof Database | undefined;
const sqlite = (): typeof Database => (engine ??= require('better-sqlite3') as typeof Database);
import type { Driver, Statement } from './driver.ts';

export const SQLITE_FILE = 'incident-desk.sqlite';

export interface SqliteOptions {
  /** Milliseconds to wait for another connection's lock before failing (the event loop waits too). */
  busyTimeoutMs?: number;
  /** Caps the file at this many pages: how a test makes the disk "full" for real. */
  maxPageCount?: number;
}

export function sqliteDriver(dataDir: string, opts: SqliteOptions = {}): Driver {
  const file = path.resolve(dataDir, SQLITE_FILE);
  let db: Database.Database | null = null;
  let inode = 0;
  let generation = 0;

  const open = (): Database.Database => {
    if (db) {
      // Still the file we opened? (Deleted, or replaced by a restore: open the one that is there.)
      let current = 0;
      try {
        current = statSync(file).ino;
      } catch {
        current = -1;
      }
      if (current === inode) return db;
      db.close();
      db = null;
      prepared = new Map();
    }
    mkdirSync(path.dirname(file), { recursive: true });
    const d = new (sqlite())(file);
    try {
      d.pragma('journal_mode = WAL');
      d.pragma('synchronous = NORMAL');
      d.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 25))}`);
      if (opts.maxPageCount) d.pragma(`max_page_count = ${Math.floor(opts.maxPageCount)}`);
    } catch (err) {
      d.close();
      throw err;
    }
    db = d;
    inode = statSync(file).ino;
    generation++;
    return d;
  };

  // Prepared once per connection: the store's statements are few and fixed.
  let prepared = new Map<string, Database.Statement>();
  const statement = (d: Database.Database, sql: string): Database.Statement => {
    let s = prepared.get(sql);
    if (!s) {
      s = d.prepare(sql);
      if (prepared.size < 64) prepared.set(sql, s);
    }
    return s;
  };

  const bind = (params: readonly unknown[] = []) =>
    params.map((p) => (p === undefined ? null : typeof p === 'boolean' ? Number(p) : p));

  return {
    engine: 'sqlite',
    where: file,
    get generation() {
      return generation;
    },
    async ensureOpen() {
      open();
    },
    async query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      const stmt = statement(open(), sql);
      if (stmt.reader) return stmt.all(...bind(params)) as T[];
      stmt.run(...bind(params));
      return [];
    },
    async transaction(statements: readonly Statement[]): Promise<void> {
      const d = open();
      d.transaction(() => {
        for (const s of statements) statement(d, s.sql).run(...bind(s.params));
      })();
    },
    async close() {
      db?.close();
      db = null;
      prepared = new Map();
    },
  };
}
