// The curator store when things go wrong, with real engines: the SQLite file deleted, locked by
// another program, full, or its folder unusable; PostgreSQL stopped mid-run and started again,
// 2,000 interactions through the HTTP endpoint with the database down for part of them, the queue
// overflowing. Each time: every interaction answered once, nothing lost that the queue could hold,
// and what was dropped counted — in one warning and in the metric.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'node:http';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../src/commands/dispatch.ts';
import { parseConfig } from '../src/config.ts';
import { openCurator } from '../src/curator/curator.ts';
import { SQLITE_FILE } from '../src/curator/db/sqlite.ts';
import { createDesk } from '../src/desk.ts';
import { createLogger } from '../src/log.ts';
import { createMetrics } from '../src/metrics.ts';
import { createInteractionServer } from '../src/transports/http.ts';
import { commands, core } from './helpers/bot.ts';
import { postgresEngine, sqliteEngine, type Engine } from './helpers/engines.ts';
import { interactionBody, keyPair, listen, closed, signedHeaders } from './helpers/signed.ts';

function sink() {
  const lines: Array<{ level: string; msg: string }> = [];
  const at = (level: string) => (obj: unknown, msg?: string) =>
    void lines.push({ level, msg: typeof obj === 'string' ? obj : (msg ?? '') });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error') } };
}

const FAST_RETRY = { first: 20, max: 100 };

async function setUp(engine: Engine, queue: Record<string, unknown> = {}, env: Record<string, string> = {}) {
  const s = sink();
  const metrics = createMetrics();
  const curator = await openCurator({
    config: parseConfig({ ...engine.env, ...env }),
    kb: core.kb,
    log: s.log,
    driver: engine.driver(),
    queue: { retryMs: FAST_RETRY, lingerMs: 5, ...queue },
    observer: () => metrics,
  });
  await curator.ready;
  const dispatcher = createDispatcher(
    commands,
    core,
    { error: () => undefined },
    {
      records: { questionLog: true, retentionDays: 90 },
    },
  );
  const desk = createDesk({ dispatcher, core, log: s.log, curator, cooldown: { take: async () => 0 } });
  return { curator, desk, metrics, ...s };
}

const unanswerable = (i: number) => ({ question: `what colour is the zebra in office ${i} of nso` });
const count = async (engine: Engine, table = 'asked') => {
  const d = engine.driver();
  const n = Number((await d.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
  await d.close();
  return n;
};
const dropMetric = async (m: ReturnType<typeof createMetrics>) =>
  Number(/^incident_desk_records_dropped_total (\d+)/m.exec(await m.text())?.[1] ?? Number.NaN);

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SQLite faults', () => {
  it('the database file deleted while running: opened afresh, and what came after is kept', async () => {
    const engine = sqliteEngine();
    const { curator, desk } = await setUp(engine);
    for (let i = 0; i < 5; i++) await desk.command('ask', unanswerable(i), { userId: '1' });
    await curator.queue.flush();
    const file = path.join(engine.env.DATA_DIR!, SQLITE_FILE);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    for (let i = 5; i < 12; i++)
      expect((await desk.command('ask', unanswerable(i), { userId: '1' })).outcome).toBe('no-answer');
    expect(await curator.queue.flush()).toBe(true);
    const fresh = new Database(file, { readonly: true });
    expect((fresh.prepare('SELECT COUNT(*) AS n FROM asked').get() as { n: number }).n).toBe(7);
    fresh.close();
    await curator.close();
    await engine.close();
  });

  it('locked by another program: replies go on at once, records wait and are written when it lets go', async () => {
    const engine = sqliteEngine();
    const { curator, desk, lines } = await setUp(engine);
    await curator.store.ready();
    const other = new Database(path.join(engine.env.DATA_DIR!, SQLITE_FILE));
    other.exec('BEGIN EXCLUSIVE');
    const t0 = performance.now();
    for (let i = 0; i < 50; i++)
      expect((await desk.command('ask', unanswerable(i), { userId: '2' })).outcome).toBe('no-answer');
    await curator.queue.flush();
    expect(curator.queue.stats()).toMatchObject({ failing: true, pending: 50, dropped: 0 });
    // Wide margin: the point is that a lock does not hold replies for the lock's duration.
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(lines.filter((l) => l.level === 'warn' && /locked by another program/.test(l.msg))).toHaveLength(1);
    other.exec('COMMIT');
    other.close();
    await until('the queue to drain', () => curator.queue.stats().pending === 0);
    expect(await count(engine)).toBe(50);
    expect(lines.some((l) => /recording to .* again; nothing was lost/.test(l.msg))).toBe(true);
    await curator.close();
    await engine.close();
  });

  it('the disk full: one warning saying so, the queue holds what it can, the rest is dropped and counted', async () => {
    // max_page_count caps the file for real: SQLite answers SQLITE_FULL as on a full disk.
    const engine = sqliteEngine({ maxPageCount: 12 });
    const { curator, desk, lines, metrics } = await setUp(engine, { capacity: 100, batchSize: 50 });
    let answered = 0;
    for (let i = 0; i < 400; i++) {
      const r = await desk.command('ask', { question: `${'zebra '.repeat(60)} ${i}` }, { userId: '3' });
      if (r.outcome === 'no-answer') answered++;
    }
    expect(answered).toBe(400);
    await curator.queue.flush();
    const { pending, dropped, written } = curator.queue.stats();
    expect(pending).toBe(100);
    expect(written + pending + dropped).toBe(400);
    expect(dropped).toBeGreaterThan(0);
    expect(await dropMetric(metrics)).toBe(dropped);
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings.filter((l) => /is full \(SQLITE_FULL\)/.test(l.msg))).toHaveLength(1);
    expect(warnings.filter((l) => /queue full/.test(l.msg))).toHaveLength(1);
    expect(warnings.length).toBe(2); // not one line per record
    await curator.close();
    await engine.close();
  });

  it('DATA_DIR unusable at start: one error line naming DATA_DIR, and the bot answers as usual', async () => {
    const engine = sqliteEngine();
    const notADir = path.join(engine.env.DATA_DIR!, 'a-file');
    writeFileSync(notADir, 'not a folder');
    const s = sink();
    const config = parseConfig({ DATA_DIR: notADir });
    const curator = await openCurator({ config, kb: core.kb, log: s.log, queue: { retryMs: FAST_RETRY } });
    expect(await curator.ready).toBe(false);
    const errors = s.lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toMatch(
      /^DATA_DIR: cannot use .*a-file.*: (part of the path is a file|.*ENOTDIR|.*EEXIST).*The bot answers as usual/,
    );
    const desk = createDesk({
      dispatcher: createDispatcher(commands, core, { error: () => undefined }),
      core,
      log: s.log,
      curator,
      cooldown: { take: async () => 0 },
    });
    expect((await desk.command('ask', { question: 'who made pegasus' })).outcome).toBe('answer');
    expect((await desk.command('ask', unanswerable(1))).outcome).toBe('no-answer');
    await curator.queue.flush();
    expect(curator.queue.stats().pending).toBe(1);
    await curator.close();
    await engine.close();
  });
});

describe('PostgreSQL faults', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await postgresEngine();
  }, 60_000);
  afterAll(async () => {
    await engine.start!();
    await engine.close();
  });

  it('stopped mid-run and started again: replies never wait, and every record is written after', async () => {
    const { curator, desk, lines } = await setUp(engine);
    const before = await count(engine);
    for (let i = 0; i < 20; i++) await desk.command('ask', unanswerable(i), { userId: '4' });
    await curator.queue.flush();
    await engine.stop!();
    for (let i = 20; i < 120; i++)
      expect((await desk.command('ask', unanswerable(i), { userId: '4' })).outcome).toBe('no-answer');
    await curator.queue.flush();
    expect(curator.queue.stats().failing).toBe(true);
    await engine.start!();
    await until('the queue to drain', () => curator.queue.stats().pending === 0, 20_000);
    expect(await count(engine)).toBe(before + 120);
    expect(lines.filter((l) => l.level === 'warn' && /could not record/.test(l.msg))).toHaveLength(1);
    expect(lines.some((l) => /again; nothing was lost/.test(l.msg))).toBe(true);
    await curator.close();
  }, 60_000);

  it('2,000 interactions through the HTTP endpoint with the database down for part of them', async () => {
    const { curator, desk } = await setUp(engine);
    const before = await count(engine);
    const discord = keyPair();
    const server = createInteractionServer({ publicKey: discord.publicHex, desk, log: createLogger('silent') });
    const base = await listen(server);
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const post = (body: string) =>
      new Promise<{ status: number; json: { type: number; data: { embeds: Array<{ title: string }> } } }>(
        (resolve, reject) => {
          const req = request(
            `${base}/`,
            { method: 'POST', agent, headers: signedHeaders(discord.privateKey, body) },
            (res) => {
              let text = '';
              res.on('data', (c) => (text += c));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
            },
          );
          req.on('error', reject);
          req.end(body);
        },
      );
    const statuses: number[] = [];
    for (let batch = 0; batch < 20; batch++) {
      if (batch === 5) await engine.stop!();
      if (batch === 15) await engine.start!();
      const replies = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          post(
            interactionBody(
              2,
              {
                id: '1',
                name: 'ask',
                type: 1,
                options: [{ name: 'question', type: 3, value: unanswerable(batch * 100 + i).question }],
              },
              String(2e17 + batch * 100 + i),
            ),
          ),
        ),
      );
      for (const r of replies) {
        statuses.push(r.status);
        expect(r.json.type).toBe(4);
      }
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(2_000);
    await until('the queue to drain', () => curator.queue.stats().pending === 0, 30_000);
    expect(await count(engine)).toBe(before + 2_000);
    expect(curator.queue.stats().dropped).toBe(0);
    agent.destroy();
    await closed(server);
    await curator.close();
  }, 120_000);

  it('a queue too small for the outage: the rest is dropped, counted in one line and in the metric', async () => {
    const { curator, desk, lines, metrics } = await setUp(engine, { capacity: 50 });
    const before = await count(engine);
    await engine.stop!();
    for (let i = 0; i < 200; i++) await desk.command('ask', unanswerable(i), { userId: '5' });
    expect(curator.queue.stats()).toMatchObject({ pending: 50, dropped: 150 });
    expect(await dropMetric(metrics)).toBe(150);
    await engine.start!();
    await until('the queue to drain', () => curator.queue.stats().pending === 0, 20_000);
    expect(await count(engine)).toBe(before + 50);
    const recovered = lines.find((l) => /again; 150 records were dropped/.test(l.msg));
    expect(recovered?.level).toBe('warn');
    await curator.close();
  }, 60_000);

  it('the cooldown is shared: two replicas on one PostgreSQL give one limit, not two', async () => {
    const a = await setUp(engine);
    const b = await setUp(engine);
    const user = '666666666666666666';
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) waits.push(await (i % 2 ? a : b).curator.cooldown.take(user));
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits[5]).toBeGreaterThan(0);
    // Stored under the keyed hash, never the id.
    const keys = await a.curator.store.driver.query<{ key: string }>('SELECT key FROM cooldown');
    expect(JSON.stringify(keys)).not.toContain(user);
    await a.curator.close();
    await b.curator.close();
  });
});
