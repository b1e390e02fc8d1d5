// The schema, as versioned migrations in plain SQL that SQLite and PostgreSQL both accept: times
// as BIGINT milliseconds, ids made by the bot (no engine-specific auto-increment), JSON as TEXT.
// A migration is never edited once released; a change is a new entry at the end.
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: readonly string[] }> = [
  {
    version: 1,
    name: 'question log, votes, reports, meta, shared cooldown',
    sql: [
      `CREATE TABLE IF NOT EXISTS asked (
        id TEXT PRIMARY KEY,
        at BIGINT NOT NULL,
        command TEXT NOT NULL,
        question TEXT NOT NULL,
        folded TEXT NOT NULL,
        outcome TEXT NOT NULL,
        confidence DOUBLE PRECISION,
        nearest_kind TEXT,
        nearest_id TEXT,
        candidates TEXT NOT NULL,
        kb_version TEXT NOT NULL,
        guild_id TEXT,
        user_hash TEXT
      )`,
      'CREATE INDEX IF NOT EXISTS asked_at ON asked (at)',
      `CREATE TABLE IF NOT EXISTS votes (
        message_id TEXT NOT NULL,
        user_hash TEXT NOT NULL,
        vote INTEGER NOT NULL,
        entry_kind TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        kb_version TEXT NOT NULL,
        guild_id TEXT,
        at BIGINT NOT NULL,
        PRIMARY KEY (message_id, user_hash)
      )`,
      'CREATE INDEX IF NOT EXISTS votes_at ON votes (at)',
      `CREATE TABLE IF NOT EXISTS reports (
        id TEXT PRIMARY KEY,
        at BIGINT NOT NULL,
        entry_kind TEXT,
        entry_id TEXT,
        kb_version TEXT NOT NULL,
        message_id TEXT,
        reply_title TEXT,
        text TEXT NOT NULL,
        guild_id TEXT,
        user_hash TEXT
      )`,
      'CREATE INDEX IF NOT EXISTS reports_at ON reports (at)',
      'CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
      // rate-limiter-flexible's RateLimiterPostgres table, created here so it exists on every
      // replica once the database is reachable (the library would try only once, at start).
      'CREATE TABLE IF NOT EXISTS cooldown (key VARCHAR(255) PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire BIGINT)',
    ],
  },
];
