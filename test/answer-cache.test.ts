// The answer cache (src/commands/answer-cache.ts): what it remembers, what it never does — serve
// one member's reply to another, skip a cooldown or a record, outlive its knowledge base — and
// that a reply made from a remembered answer is the reply made without one.
import { describe, expect, it } from 'vitest';
import { createCore } from '../src/answers/core.ts';
import type { Answer } from '../src/answers/model.ts';
import { createAnswerCache, optionsKey } from '../src/commands/answer-cache.ts';
import { createCooldown } from '../src/commands/cooldown.ts';
import { createDispatcher } from '../src/commands/dispatch.ts';
import type { Curator } from '../src/curator/curator.ts';
import type { CuratorRecord } from '../src/curator/records.ts';
import { loadKnowledge } from '../src/kb/load.ts';
import { buttonsOf, commands, core } from './helpers/bot.ts';
import { copyKnowledge, editYaml } from './helpers/kb-fixture.ts';
import { createDesk } from '../src/desk.ts';
import { callbackFor, callbackJson } from '../src/transports/interaction.ts';

const RECORDS = { questionLog: true, retentionDays: 90 };
const quiet = { error: () => undefined, warn: () => undefined } as never;
const answerOf = (title: string): Answer => ({
  command: 'x',
  outcome: 'answer',
  title,
  body: 'b',
  quotes: [],
  sections: [],
  suggestions: [],
});

/** A curator that only collects what the desk queues. */
function collectingCurator(): { curator: Curator; records: CuratorRecord[] } {
  const records: CuratorRecord[] = [];
  const curator = {
    questionLog: true,
    record: (r: CuratorRecord) => (records.push(r), true),
    postReport: () => false,
    gaps: async () => null,
  } as unknown as Curator;
  return { curator, records };
}

describe('the answer cache', () => {
  it('keys by command and options: order does not matter, types and values do', () => {
    expect(optionsKey('ask', { question: 'q', private: true })).toBe(
      optionsKey('ask', { private: true, question: 'q' }),
    );
    expect(optionsKey('ask', { question: 'q', private: undefined })).toBe(optionsKey('ask', { question: 'q' }));
    expect(optionsKey('ask', { n: 1 })).not.toBe(optionsKey('ask', { n: '1' }));
    expect(optionsKey('ask', { question: 'q' })).not.toBe(optionsKey('source', { question: 'q' }));
    expect(optionsKey('ask', { question: 'q' })).not.toBe(optionsKey('ask', { question: 'Q' }));
    expect(optionsKey('ask', { question: { toString: () => 'q' } })).toBeNull();
    expect(optionsKey('ask', { question: 'x'.repeat(5_000) })).toBeNull();
  });

  it('is bounded: the least recently used answer goes first', () => {
    const cache = createAnswerCache(2);
    let computed = 0;
    const get = (q: string) => cache.get('ask', { q }, () => (computed++, answerOf(q)));
    get('a');
    get('b');
    get('a'); // a is now the most recent
    get('c'); // evicts b
    expect(computed).toBe(3);
    get('a');
    expect(computed).toBe(3);
    get('b');
    expect(computed).toBe(4);
    expect(cache.stats()).toMatchObject({ size: 2, capacity: 2, hits: 2, misses: 4 });
  });

  it('remembers nothing when its size is 0, and nothing that threw', () => {
    const off = createAnswerCache(0);
    let computed = 0;
    for (let i = 0; i < 3; i++) off.get('ask', { q: 'a' }, () => (computed++, answerOf('a')));
    expect(computed).toBe(3);
    const cache = createAnswerCache(10);
    expect(() =>
      cache.get('ask', { q: 'a' }, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(cache.get('ask', { q: 'a' }, () => answerOf('fresh')).title).toBe('fresh');
  });

  it('freezes what it keeps, deep, so no reply can change the next one', () => {
    const cache = createAnswerCache(10);
    const a = cache.get('ask', { q: 'a' }, () => ({
      ...answerOf('a'),
      quotes: [{ text: 't', sourceId: 's', sourceLabel: 'S' }],
    }));
    expect(Object.isFrozen(a) && Object.isFrozen(a.quotes) && Object.isFrozen(a.quotes[0])).toBe(true);
    expect(() => {
      (a.quotes as unknown[]).push('x');
    }).toThrow(TypeError);
  });
});

describe('a dispatcher with the answer cache', () => {
  const cached = createDispatcher(commands, core, quiet, { records: RECORDS });
  const uncached = createDispatcher(commands, core, quiet, { records: RECORDS, answerCache: 0 });

  it('makes, for every input, the reply made without it — for each user and language, every time', () => {
    const inputs: Array<[string, Record<string, unknown>]> = [
      ['ask', { question: 'who made pegasus' }],
      ['ask', { question: 'when did whatsapp sue nso', private: true }],
      ['ask', { question: 'what is the capital of peru' }],
      ['ask', { question: 'पेगासस किसने बनाया' }],
      ['source', { claim: 'NSO sued WhatsApp' }],
      ['who-knew', { date: '2019-06-01' }],
      ['timeline', { party: 'NSO' }],
      ['help', {}],
      ['about', {}],
    ];
    for (let round = 0; round < 2; round++)
      for (const [name, options] of inputs)
        for (const [user, locale] of [
          ['223344556677889900', undefined],
          ['998877665544332211', 'hi'],
          [undefined, undefined],
        ] as const)
          expect(cached.run(name, options, user, undefined, locale)).toEqual(
            uncached.run(name, options, user, undefined, locale),
          );
    expect(cached.answers.stats().hits).toBeGreaterThan(0);
    expect(uncached.answers.stats()).toMatchObject({ size: 0, hits: 0, misses: 0 });
  });

  it('sends a remembered answer as the JSON of its reply: its template with each asker put in', () => {
    const questions = [
      'who made pegasus',
      'when did whatsapp sue nso',
      'what is the capital of peru',
      'पेगासस किसने बनाया',
    ];
    const owners = [undefined, '', '223344556677889900', '1', '9'.repeat(40), 'a"b\\c', 'ü\u2028'];
    for (let round = 0; round < 2; round++)
      for (const question of questions)
        for (const owner of owners)
          for (const options of [{ question }, { question, private: true }, { question, private: false }])
            for (const locale of [undefined, 'hi'] as const) {
              const callback = callbackFor(cached.run('ask', options, owner, undefined, locale));
              const json = JSON.stringify(callback);
              expect(callbackJson(callback)).toEqual({ json, bytes: Buffer.byteLength(json) });
            }
    // A press is rebuilt, not remembered: serialised as it is.
    const first = cached.run('ask', { question: 'how many indians were targeted' }, '223344556677889900');
    const context = buttonsOf(first).find((b) => b.custom_id.startsWith('ask:ctx0:'))!;
    const pressed = callbackFor(cached.press(context.custom_id, '223344556677889900'));
    expect(callbackJson(pressed).json).toBe(JSON.stringify(pressed));
  });

  it("puts each asker's own id in the buttons of a remembered answer", () => {
    const q = { question: 'when did whatsapp sue nso' };
    const first = cached.run('ask', q, '111111111111111111');
    const hitsBefore = cached.answers.stats().hits;
    const second = cached.run('ask', q, '222222222222222222');
    expect(cached.answers.stats().hits).toBe(hitsBefore + 1);
    const own = (r: typeof first) => buttonsOf(r).filter((b) => b.custom_id.startsWith('ask:'));
    expect(own(first).length).toBeGreaterThan(0);
    for (const b of own(first)) expect(b.custom_id).toContain(':111111111111111111:');
    for (const b of own(second)) expect(b.custom_id).toContain(':222222222222222222:');
    expect(JSON.stringify(second)).not.toContain('111111111111111111');
  });

  it('lays a remembered answer out once per language, frozen; each reply still gets its own buttons', () => {
    const q = { question: 'who made pegasus' };
    const en1 = cached.run('ask', q, '111111111111111111');
    const en2 = cached.run('ask', q, '222222222222222222');
    const hi = cached.run('ask', q, '111111111111111111', undefined, 'hi');
    expect(en2.message.embeds[0]).toBe(en1.message.embeds[0]);
    expect(Object.isFrozen(en1.message.embeds[0])).toBe(true);
    expect(hi.message.embeds[0]).not.toEqual(en1.message.embeds[0]);
    expect(en2.message.components).not.toBe(en1.message.components);
    expect(() => {
      (en1.message.embeds[0] as { title?: string }).title = 'changed';
    }).toThrow(TypeError);
    // Without the cache nothing is shared: every reply is laid out afresh.
    const a = uncached.run('ask', q, '1');
    const b = uncached.run('ask', q, '1');
    expect(b.message.embeds[0]).not.toBe(a.message.embeds[0]);
    expect(b.message.embeds[0]).toEqual(a.message.embeds[0]);
  });

  it('never remembers a command that reads something first (/gaps: what it loaded changes)', () => {
    const gaps = commands.get('gaps')!;
    expect(gaps.pure).not.toBe(true);
    const before = cached.answers.stats();
    cached.run('gaps', {}, '1', null);
    cached.run('gaps', {}, '1', null);
    expect(cached.answers.stats()).toEqual(before);
  });

  it('belongs to one knowledge base: a changed one answers from itself', () => {
    const dir = copyKnowledge();
    const i = core.kb.qa.findIndex((q) => q.id === 'who-made-pegasus');
    editYaml(dir, 'qa.yaml', (d) => {
      d.qa[i].answer = 'According to a changed knowledge base, Pegasus was developed by the Israel-based NSO Group.';
    });
    const changed = createDispatcher(commands, createCore(loadKnowledge(dir)), quiet, { records: RECORDS });
    const q = { question: 'who made pegasus' };
    const text = (r: ReturnType<typeof cached.run>) => r.message.embeds[0]?.description ?? '';
    expect(text(cached.run('ask', q, '1'))).not.toContain('changed knowledge base');
    expect(text(changed.run('ask', q, '1'))).toContain('changed knowledge base');
    expect(text(cached.run('ask', q, '1'))).not.toContain('changed knowledge base');
  });
});

describe('the desk over remembered answers', () => {
  it('still holds back a member who asks too fast, and only that member', async () => {
    const dispatcher = createDispatcher(commands, core, quiet, { records: RECORDS });
    const desk = createDesk({ dispatcher, core, log: quiet, cooldown: createCooldown({ limit: 1, windowMs: 60_000 }) });
    const q = { question: 'who made pegasus' };
    const a = await desk.command('ask', q, { userId: '1' });
    const b = await desk.command('ask', q, { userId: '1' });
    const c = await desk.command('ask', q, { userId: '2' });
    expect(a.outcome).toBe('answer');
    expect(b.outcome).toBe('invalid-input');
    expect(b.message.embeds[0]?.title).toBe('One moment, please');
    expect(c.outcome).toBe('answer');
    expect(dispatcher.answers.stats().hits).toBe(1);
  });

  it('records every asking of a question the log keeps, each with its own asker, id and time', async () => {
    const { curator, records } = collectingCurator();
    const dispatcher = createDispatcher(commands, core, quiet, { records: RECORDS });
    const desk = createDesk({ dispatcher, core, log: quiet, curator, cooldown: createCooldown({ limit: 100 }) });
    const q = { question: 'what is the capital of peru' };
    for (const userId of ['1', '2', '1']) await desk.command('ask', q, { userId, guildId: '9' });
    expect(dispatcher.answers.stats().hits).toBe(2);
    const asked = records.filter((r) => r.type === 'asked');
    expect(asked).toHaveLength(3);
    expect(asked.map((r) => r.userId)).toEqual(['1', '2', '1']);
    expect(new Set(asked.map((r) => r.id)).size).toBe(3);
    for (const r of asked) expect(r).toMatchObject({ question: q.question, kbVersion: core.kb.version, guildId: '9' });
  });
});
