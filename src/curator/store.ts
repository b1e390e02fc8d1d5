// The curator store: one schema on either engine (src/curator/db/), migrated at start-up and again
// whenever the driver had to open its database afresh. It writes batches from the write queue,
// purges what is older than the retention, and reads back what the gap report needs.
//
// Users are kept as an HMAC of their id under a key made once per database (kept in its `meta`
// table, so every replica hashes alike): enough to count distinct askers and to keep one vote per
// member, never the id itself.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Driver, Statement } from './db/driver.ts';
import { MIGRATIONS } from './db/migrations.ts';
import { foldText, type CuratorRecord } from './records.ts';

export interface AskedRow {
  at: number;
  command: string;
  question: string;
  folded: string;
  outcome: string;
  confidence: number | null;
  nearestKind: string | null;
  nearestId: string | null;
  /** The search's best candidates, best first. */
  candidates: Array<{ kind: string; id: string; score: number }>;
  userHash: string | null;
}

export interface VoteRow {
  entryKind: string;
  entryId: string;
  vote: number;
  at: number;
}

export interface ReportRow {
  at: number;
  entryKind: string | null;
  entryId: string | null;
  replyTitle: string | null;
  text: string;
}

export interface GapData {
  asked: AskedRow[];
  votes: VoteRow[];
  reports: ReportRow[];
}

/** At most this many rows of each kind are read for one report: a week's worth on a busy server. */
const READ_LIMIT = 50_000;

export interface Store {
  readonly driver: Driver;
  /** Migrates and loads the hashing key; safe to call again (it is, before every write). */
  ready(): Promise<void>;
  write(records: readonly CuratorRecord[]): Promise<void>;
  /** Deletes records older than `before` (ms since the epoch); returns how many went. */
  purge(before: number): Promise<number>;
  /** Records from `since` on; of one server only when `guildId` is given. */
  read(since: number, guildId?: string): Promise<GapData>;
  /** The keyed hash a user is known by (also the shared cooldown's key). */
  hashUser(userId: string): string;
  close(): Promise<void>;
}

/** The stored JSON, read defensively: a row is never worth a crash of the report. */
function candidatesOf(v: unknown): AskedRow['candidates'] {
  try {
    const list = JSON.parse(String(v)) as unknown;
    if (!Array.isArray(list)) return [];
    return list
      .filter(
        (c): c is { kind: string; id: string; score: number } =>
          typeof c?.kind === 'string' && typeof c?.id === 'string',
      )
      .map((c) => ({ kind: c.kind, id: c.id, score: Number(c.score) || 0 }));
  } catch {
    return [];
  }
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function createStore(driver: Driver): Store {
  let migrated = -1; // the driver generation the schema was last checked on
  let key: Buffer | null = null;

  async function migrate(): Promise<void> {
    await driver.query(
      'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
    );
    const rows = await driver.query<{ v: unknown }>('SELECT MAX(version) AS v FROM schema_version');
    const current = rows[0]?.v === null || rows[0]?.v === undefined ? 0 : num(rows[0].v);
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await driver.transaction([
        ...m.sql.map((sql) => ({ sql })),
        {
          // Two replicas starting at once: the second finds the version there and changes nothing.
          sql: 'INSERT INTO schema_version (version, applied_at) VALUES (?, ?) ON CONFLICT (version) DO NOTHING',
          params: [m.version, Date.now()],
        },
      ]);
    }
  }

  async function loadKey(): Promise<Buffer> {
    await driver.query('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [
      'user_hash_key',
      randomBytes(32).toString('hex'),
    ]);
    const rows = await driver.query<{ value: string }>('SELECT value FROM meta WHERE key = ?', ['user_hash_key']);
    return Buffer.from(String(rows[0]!.value), 'hex');
  }

  async function ready(): Promise<void> {
    await driver.ensureOpen(); // SQLite: a deleted or replaced file is opened afresh (a new generation)
    if (migrated === driver.generation && key) return;
    const generation = driver.generation;
    if (migrated !== generation) {
      await migrate();
      key = await loadKey();
      migrated = generation;
    }
  }

  // A member who asks again is hashed once: the hashes of the users seen lately, for the key they
  // were made with (a database opened afresh may bring another key). Bounded; cleared when full.
  let hashes = new Map<string, string>();
  let hashedWith: Buffer | null = null;
  const hash = (userId: string | undefined): string | null => {
    if (!userId) return null;
    if (hashedWith !== key || hashes.size >= 10_000) {
      hashes = new Map();
      hashedWith = key;
    }
    let h = hashes.get(userId);
    if (h === undefined) {
      h = createHmac('sha256', key!).update(userId).digest('hex').slice(0, 32);
      hashes.set(userId, h);
    }
    return h;
  };

  function statementOf(r: CuratorRecord): Statement {
    switch (r.type) {
      case 'asked': {
        const nearest = r.candidates[0];
        return {
          sql: `INSERT INTO asked (id, at, command, question, folded, outcome, confidence, nearest_kind, nearest_id,
                candidates, kb_version, guild_id, user_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING`,
          params: [
            r.id,
            r.at,
            r.command,
            r.question,
            foldText(r.question),
            r.outcome,
            r.confidence ?? null,
            nearest?.kind ?? null,
            nearest?.id ?? null,
            JSON.stringify(r.candidates),
            r.kbVersion,
            r.guildId ?? null,
            hash(r.userId),
          ],
        };
      }
      case 'vote':
        return {
          sql: `INSERT INTO votes (message_id, user_hash, vote, entry_kind, entry_id, kb_version, guild_id, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (message_id, user_hash) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
          params: [
            r.messageId,
            hash(r.userId) ?? 'local',
            r.vote,
            r.entry.kind,
            r.entry.id,
            r.kbVersion,
            r.guildId ?? null,
            r.at,
          ],
        };
      case 'report':
        return {
          sql: `INSERT INTO reports (id, at, entry_kind, entry_id, kb_version, message_id, reply_title, text, guild_id,
                user_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
          params: [
            r.id,
            r.at,
            r.entry?.kind ?? null,
            r.entry?.id ?? null,
            r.kbVersion,
            r.messageId ?? null,
            r.replyTitle ?? null,
            r.text,
            r.guildId ?? null,
            hash(r.userId),
          ],
        };
    }
  }

  return {
    driver,
    ready,
    async write(records) {
      if (records.length === 0) return;
      await ready();
      await driver.transaction(records.map(statementOf));
    },
    async purge(before) {
      await ready();
      let gone = 0;
      for (const table of ['asked', 'votes', 'reports']) {
        const rows = await driver.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table} WHERE at < ?`, [before]);
        gone += num(rows[0]?.n ?? 0);
        await driver.query(`DELETE FROM ${table} WHERE at < ?`, [before]);
      }
      return gone;
    },
    hashUser: (userId) =>
      key ? hash(userId)! : createHash('sha256').update(`incident-desk:${userId}`).digest('hex').slice(0, 32),
    async read(since, guildId) {
      await ready();
      const where = guildId ? 'at >= ? AND guild_id = ?' : 'at >= ?';
      const params = guildId ? [since, guildId] : [since];
      const asked = await driver.query<Record<string, unknown>>(
        `SELECT at, command, question, folded, outcome, confidence, nearest_kind, nearest_id, candidates, user_hash
         FROM asked WHERE ${where} ORDER BY at DESC LIMIT ${READ_LIMIT}`,
        params,
      );
      const votes = await driver.query<Record<string, unknown>>(
        `SELECT entry_kind, entry_id, vote, at FROM votes WHERE ${where} ORDER BY at DESC LIMIT ${READ_LIMIT}`,
        params,
      );
      const reports = await driver.query<Record<string, unknown>>(
        `SELECT at, entry_kind, entry_id, reply_title, text FROM reports WHERE ${where} ORDER BY at DESC LIMIT ${READ_LIMIT}`,
        params,
      );
      return {
        asked: asked.map((r) => ({
          at: num(r.at),
          command: String(r.command),
          question: String(r.question),
          folded: String(r.folded),
          outcome: String(r.outcome),
          confidence: r.confidence === null ? null : num(r.confidence),
          nearestKind: str(r.nearest_kind),
          nearestId: str(r.nearest_id),
          candidates: candidatesOf(r.candidates),
          userHash: str(r.user_hash),
        })),
        votes: votes.map((r) => ({
          entryKind: String(r.entry_kind),
          entryId: String(r.entry_id),
          vote: num(r.vote),
          at: num(r.at),
        })),
        reports: reports.map((r) => ({
          at: num(r.at),
          entryKind: str(r.entry_kind),
          entryId: str(r.entry_id),
          replyTitle: str(r.reply_title),
          text: String(r.text),
        })),
      };
    },
    close: () => driver.close(),
  };
}
