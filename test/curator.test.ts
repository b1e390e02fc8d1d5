// The curator loop on both engines — SQLite in a temp dir and PostgreSQL (PGlite served on
// 127.0.0.1) — through the desk, as the transports drive it: what is recorded (and what is not),
// votes, problem reports, forged ids, hostile text, retention, the gap report, two replicas at
// once, and the shared cooldown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../src/commands/dispatch.ts';
import { parseConfig } from '../src/config.ts';
import { openCurator, type Curator } from '../src/curator/curator.ts';
import type { Driver } from '../src/curator/db/driver.ts';
import { askedRecord, outcomeOf } from '../src/curator/recorder.ts';
import { cleanText } from '../src/curator/records.ts';
import { createDesk, REPORT_FIELD, type Desk } from '../src/desk.ts';
import type { Reply } from '../src/render/discord.ts';
import { buttonsOf, commands, core } from './helpers/bot.ts';
import { ENGINES, openEngine, sqliteEngine, type Engine } from './helpers/engines.ts';

const USER = '444444444444444444';
const OTHER = '555555555555555555';
const GUILD = '998877665544332211';

function logSink() {
  const lines: Array<{ level: string; msg: string; obj: unknown }> = [];
  const at = (level: string) => (obj: unknown, msg?: string) =>
    void lines.push({ level, msg: typeof obj === 'string' ? obj : (msg ?? ''), obj });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error') } };
}

async function open(engine: Engine, env: Record<string, string> = {}, queue = {}) {
  const sink = logSink();
  const config = parseConfig({ ...engine.env, ...env });
  const curator = await openCurator({ config, kb: core.kb, log: sink.log, driver: engine.driver(), queue });
  await curator.ready;
  const dispatcher = createDispatcher(
    commands,
    core,
    { error: () => undefined },
    {
      records: { questionLog: curator.questionLog, retentionDays: config.RETENTION_DAYS },
    },
  );
  const desk = createDesk({ dispatcher, core, log: sink.log, curator, cooldown: { take: async () => 0 } });
  return { curator, desk, ...sink };
}

/** Every text value in every table: what a leak of the user id would show up in. */
async function everything(curator: Curator): Promise<string> {
  const rows = [];
  for (const t of ['asked', 'votes', 'reports', 'meta'])
    rows.push(...(await curator.store.driver.query(`SELECT * FROM ${t}`)));
  return JSON.stringify(rows);
}

const count = async (curator: Curator, table: string) =>
  Number((await curator.store.driver.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);

function button(reply: Reply, label: RegExp): string {
  const b = buttonsOf(reply).find((x) => label.test(x.label));
  if (!b) throw new Error(`no button ${label} in ${JSON.stringify(buttonsOf(reply).map((x) => x.label))}`);
  return b.custom_id;
}

describe('what goes into the question log (pure)', () => {
  it('refusals, "did you mean", unverified and low-margin answers; not confident answers, menus or bad input', () => {
    const base = {
      mode: 'reply' as const,
      message: { embeds: [], components: [], allowed_mentions: { parse: [] as [] } },
    };
    expect(outcomeOf({ ...base, outcome: 'no-answer', candidates: [] })).toBe('no-answer');
    expect(
      outcomeOf({ ...base, outcome: 'no-answer', candidates: [], suggestions: [{ kind: 'qa', id: 'x', label: 'x' }] }),
    ).toBe('suggested');
    expect(outcomeOf({ ...base, outcome: 'answer', candidates: [], verdict: 'unverified' })).toBe('unverified');
    expect(
      outcomeOf({ ...base, outcome: 'answer', candidates: [], confidence: 0.8, entry: { kind: 'qa', id: 'x' } }),
    ).toBe('low-margin');
    expect(
      outcomeOf({ ...base, outcome: 'answer', candidates: [], confidence: 0.97, entry: { kind: 'qa', id: 'x' } }),
    ).toBe(null);
    expect(outcomeOf({ ...base, outcome: 'answer' })).toBe(null); // a timeline page: no search
    expect(outcomeOf({ ...base, outcome: 'invalid-input', candidates: [] })).toBe(null);
    const r = askedRecord({
      command: 'ask',
      text: 'who\u0000 paid\u202e   nso?\n',
      reply: { ...base, outcome: 'no-answer', candidates: [{ kind: 'qa', id: 'a', score: 0.5 }] },
      kbVersion: 'abc',
    });
    expect(r?.question).toBe('who paid nso?');
    expect(cleanText('x'.repeat(10_000))).toHaveLength(2_000);
  });
});

describe.each(ENGINES)('the curator loop on %s', (name) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openEngine(name);
  }, 60_000);
  afterAll(async () => {
    await engine.close();
  });

  it('records a refusal with its candidates, KB version and server, and the user only as a keyed hash', async () => {
    const { curator, desk } = await open(engine);
    const reply = await desk.command(
      'ask',
      { question: 'what colour is the NSO office carpet' },
      { userId: USER, guildId: GUILD },
    );
    expect(reply.outcome).toBe('no-answer');
    // A confident answer is not a gap.
    expect((await desk.command('ask', { question: 'who made pegasus' }, { userId: USER })).outcome).toBe('answer');
    expect(await curator.queue.flush()).toBe(true);
    const rows = await curator.store.driver.query<Record<string, unknown>>(
      "SELECT * FROM asked WHERE question = 'what colour is the NSO office carpet'",
    );
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.command).toBe('ask');
    expect(row.outcome === 'no-answer' || row.outcome === 'suggested').toBe(true);
    expect(row.kb_version).toBe(core.kb.version);
    expect(row.guild_id).toBe(GUILD);
    expect(String(row.user_hash)).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(String(row.candidates)).length).toBeGreaterThan(0);
    expect(await everything(curator)).not.toContain(USER);
    expect(await count(curator, 'asked')).toBe(1);
    await curator.close();
  });

  it('puts 👍 / 👎 / Report under answers; one vote per user per message, and a later one replaces it', async () => {
    const { curator, desk } = await open(engine);
    const reply = await desk.command('ask', { question: 'who made pegasus' }, { userId: USER });
    const up = button(reply, /👍/);
    const down = button(reply, /👎/);
    expect(button(reply, /Report a problem/)).toMatch(/^report:open:-:qa:who-made-pegasus:[0-9a-f]{8}$/);
    const on = { guildId: GUILD, messageId: '700000000000000001' };
    expect((await desk.press(up, { ...on, userId: USER })).message.embeds[0]!.title).toMatch(/helpful/);
    expect((await desk.press(down, { ...on, userId: USER })).message.flags).toBe(64);
    await desk.press(up, { ...on, userId: OTHER });
    await desk.press(down, { guildId: GUILD, messageId: '700000000000000002', userId: USER });
    await curator.queue.flush();
    const votes = await curator.store.driver.query<{ message_id: string; vote: unknown }>(
      'SELECT message_id, vote FROM votes ORDER BY message_id, vote',
    );
    expect(votes.map((v) => [v.message_id, Number(v.vote)])).toEqual([
      ['700000000000000001', -1],
      ['700000000000000001', 1],
      ['700000000000000002', -1],
    ]);
    const report = await curator.gaps(86_400_000);
    expect(report.downvoted[0]).toMatchObject({ kind: 'qa', id: 'who-made-pegasus', down: 2, up: 1 });
    await curator.close();
  });

  it('"Report a problem" opens a form; what is sent is recorded with the reply it is about', async () => {
    const { curator, desk } = await open(engine);
    const reply = await desk.command('source', { claim: 'WhatsApp sued NSO Group' }, { userId: USER });
    const form = await desk.press(button(reply, /Report a problem/), { userId: USER });
    expect(form.mode).toBe('modal');
    expect(form.modal?.components[0]?.components[0]).toMatchObject({
      custom_id: REPORT_FIELD,
      style: 2,
      required: true,
    });
    const sent = await desk.submit(
      form.modal!.custom_id,
      { [REPORT_FIELD]: 'The quote is cut short — @everyone look' },
      { userId: USER, guildId: GUILD, messageId: '700000000000000003', messageTitle: 'Claim: WhatsApp sued NSO Group' },
    );
    expect(sent.message.embeds[0]!.title).toMatch(/report is recorded/);
    expect(sent.message.flags).toBe(64);
    // A refusal's form has no entry: a missing fact.
    const refusal = await desk.command('ask', { question: 'what did nso charge per licence' }, { userId: USER });
    const blank = await desk.press(button(refusal, /Report a problem/), { userId: USER });
    expect(blank.modal?.custom_id).toMatch(/^report:send:-:none:-:/);
    await desk.submit(blank.modal!.custom_id, { [REPORT_FIELD]: 'The articles give no price: fine, but say so' }, {});
    const empty = await desk.submit(blank.modal!.custom_id, { [REPORT_FIELD]: '  \u0000 ' }, {});
    expect(empty.message.embeds[0]!.title).toBe('The report was empty');
    const report = await curator.gaps(86_400_000);
    expect(report.reports).toHaveLength(2);
    const about = report.reports.find((r) => r.entry);
    expect(about).toMatchObject({
      text: 'The quote is cut short — @everyone look',
      replyTitle: 'Claim: WhatsApp sued NSO Group',
    });
    expect(about?.entry?.kind).toBe('claim');
    await curator.close();
  });

  it('forged or stale feedback ids get a polite private reply and record nothing', async () => {
    const { curator, desk } = await open(engine);
    const before = (await count(curator, 'votes')) + (await count(curator, 'reports'));
    const forged = [
      'vote:up:-:qa:no-such-entry:abcd1234',
      'vote:up:-:qa:../../etc/passwd:abcd1234',
      "vote:up:-:qa:who-made-pegasus:'; DROP TABLE votes; --",
      'vote:sideways:-:qa:who-made-pegasus:abcd1234',
      'vote:up:-:none:-:abcd1234',
      'report:up:-:qa:who-made-pegasus:abcd1234',
      `vote:up:-:qa:${'a'.repeat(90)}:abcd1234`,
      'vote:',
      'report:send:-:claim:constructor:abcd1234',
    ];
    for (const id of forged) {
      const r = await desk.press(id, { userId: USER });
      expect(r.message.flags, id).toBe(64);
      expect(r.message.embeds[0]!.title, id).toMatch(/out of date|went wrong/);
      expect(r.message.allowed_mentions).toEqual({ parse: [] });
    }
    expect((await desk.submit('report:send:-:qa:__proto__:abcd1234', { [REPORT_FIELD]: 'x y z' })).message.flags).toBe(
      64,
    );
    expect((await desk.submit('ask:go:-:qa:who-made-pegasus', { [REPORT_FIELD]: 'x y z' })).message.flags).toBe(64);
    await curator.queue.flush();
    expect((await count(curator, 'votes')) + (await count(curator, 'reports'))).toBe(before);
    await curator.close();
  });

  it('keeps hostile question text as data: SQL-looking, 6,000 characters, control characters', async () => {
    const { curator, desk } = await open(engine);
    const hostile = [
      "'); DROP TABLE asked; -- what did nso say",
      `why ${'pegasus zebra '.repeat(420)}`.slice(0, 6_000),
      'who\u0000 \u001b[31mpaid\u202e nso\u0007 for the fridge',
      '"; DELETE FROM votes WHERE 1=1; SELECT "nso fridge',
    ];
    for (const q of hostile) await desk.command('ask', { question: q }, { userId: USER });
    await curator.queue.flush();
    const rows = await curator.store.driver.query<{ question: string }>('SELECT question FROM asked');
    const texts = rows.map((r) => r.question);
    expect(texts).toContain("'); DROP TABLE asked; -- what did nso say");
    expect(texts).toContain('who [31mpaid nso for the fridge');
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(2_000);
      expect(t).not.toMatch(/[\u0000-\u001f\u202e]/);
    }
    expect(await count(curator, 'votes')).toBeGreaterThanOrEqual(0); // still there
    await curator.close();
  });

  it('QUESTION_LOG=off records no questions, but votes still count', async () => {
    const { curator, desk } = await open(engine, { QUESTION_LOG: 'off' });
    const before = await count(curator, 'asked');
    const reply = await desk.command('ask', { question: 'what is the zebra policy of nso' }, { userId: USER });
    expect(reply.outcome).toBe('no-answer');
    const answered = await desk.command('ask', { question: 'who made pegasus' }, { userId: USER });
    await desk.press(button(answered, /👍/), { userId: USER, messageId: '700000000000000009' });
    await curator.queue.flush();
    expect(await count(curator, 'asked')).toBe(before);
    const votes = await curator.store.driver.query('SELECT * FROM votes WHERE message_id = ?', ['700000000000000009']);
    expect(votes).toHaveLength(1);
    expect((await desk.command('about', {})).message.embeds[0]!.description).toMatch(/What I keep:\*\* 👍/);
    await curator.close();
  });

  it('purges records older than RETENTION_DAYS (at start and daily)', async () => {
    const { curator } = await open(engine, { RETENTION_DAYS: '30' });
    const old = Date.now() - 31 * 86_400_000;
    curator.record({
      type: 'asked',
      id: `old-${name}`,
      at: old,
      command: 'ask',
      question: 'an old question',
      outcome: 'no-answer',
      candidates: [],
      kbVersion: core.kb.version,
    });
    curator.record({ type: 'report', id: `old-r-${name}`, at: old, kbVersion: 'x', text: 'an old report' });
    await curator.queue.flush();
    expect(await curator.store.purge(Date.now() - 30 * 86_400_000)).toBe(2);
    expect(await curator.store.driver.query("SELECT * FROM asked WHERE question = 'an old question'")).toEqual([]);
    await curator.close();
    // Opening again purges by itself.
    const again = await open(engine, { RETENTION_DAYS: '30' });
    again.curator.record({ type: 'report', id: `old-r2-${name}`, at: old, kbVersion: 'x', text: 'old' });
    await again.curator.queue.flush();
    await again.curator.close();
    const third = await open(engine, { RETENTION_DAYS: '30' });
    expect(await third.curator.store.driver.query('SELECT * FROM reports WHERE id = ?', [`old-r2-${name}`])).toEqual(
      [],
    );
    await third.curator.close();
  });

  it('the gap report groups phrasings that fold alike, counts distinct askers, and names the entry to extend', async () => {
    const { curator, desk } = await open(engine);
    const asks = [
      ['Who funded the Pegasus operation in India?', USER],
      ['who funded the pegasus operation in india', OTHER],
      ['WHO FUNDED THE PEGASUS OPERATION IN INDIA!!', USER],
    ] as const;
    for (const [q, u] of asks) await desk.command('ask', { question: q }, { userId: u, guildId: GUILD });
    const report = await curator.gaps(3_600_000);
    const g = report.groups.find((x) => x.question.toLowerCase().startsWith('who funded the pegasus'));
    expect(g).toBeDefined();
    expect(g!.count).toBe(3);
    expect(g!.askers).toBe(2);
    expect(g!.variants).toHaveLength(2);
    expect(g!.suggest?.kind).toBe('qa');
    expect(g!.suggest?.extend).toBe('knowledge/qa.yaml → questions');
    // A server's moderators see their own server's records only.
    expect((await curator.gaps(3_600_000, '111111111111111111')).groups).toEqual([]);
    const gaps = await desk.command('gaps', {}, { guildId: GUILD, userId: USER });
    expect(gaps.message.flags).toBe(64);
    expect(gaps.message.embeds[0]!.description).toContain('3× by 2 members');
    expect(gaps.message.embeds[0]!.description).toContain(`\`qa:${g!.suggest!.id}\``);
    await curator.close();
  });

  it('two replicas writing at once: every record from both is there', async () => {
    const a = await open(engine);
    const b = await open(engine);
    const before = await count(a.curator, 'asked');
    const N = 300;
    const ask = (desk: Desk, tag: string) =>
      Promise.all(
        Array.from({ length: N }, (_, i) =>
          desk.command(
            'ask',
            { question: `${tag} zebra question number ${i} about nso` },
            { userId: String(1e17 + i) },
          ),
        ),
      );
    await Promise.all([ask(a.desk, 'replica-a'), ask(b.desk, 'replica-b')]);
    await Promise.all([a.curator.queue.flush(), b.curator.queue.flush()]);
    expect(await count(a.curator, 'asked')).toBe(before + 2 * N);
    expect(a.curator.queue.stats().dropped + b.curator.queue.stats().dropped).toBe(0);
    await a.curator.close();
    await b.curator.close();
  });
});

describe('opening the curator', () => {
  it('opens the database after the current turn: start-up does not wait for it (SQLite opens synchronously)', async () => {
    const engine = sqliteEngine();
    const real = engine.driver();
    let opens = 0;
    // The same driver, counting its opens (its other members, `generation` too, are the real one's).
    const driver: Driver = Object.create(real, {
      ensureOpen: { value: () => (opens++, real.ensureOpen()) },
    });
    const sink = logSink();
    const curator = await openCurator({ config: parseConfig(engine.env), kb: core.kb, log: sink.log, driver });
    expect(opens).toBe(0);
    expect(await curator.ready).toBe(true);
    expect(opens).toBeGreaterThan(0);
    await curator.close();
    await engine.close();
  });
});
