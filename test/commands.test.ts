import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { runConsole } from '../src/transports/console.ts';
import { createDispatcher } from '../src/commands/dispatch.ts';
import {
  assertDiscordValid,
  buttonsOf,
  commands,
  core,
  deskOf,
  dispatcher,
  errors,
  isVerbatim,
  menusOf,
  quotedPassages,
} from './helpers/bot.ts';

const TIMELINE_OPTIONS = [
  {},
  { party: 'NSO' },
  { from: '2019-10-01', to: '2019-11-04' },
  { party: 'cert in' },
  { from: '1 Sep 2019' },
];
const SAMPLES: Array<[string, Record<string, unknown>]> = [
  ['ask', { question: 'who made pegasus' }],
  ['ask', { question: 'whn did whatsap sue nso' }],
  ['ask', { question: 'what did the september letter say' }],
  ['ask', { question: 'what is the price of bitcoin' }],
  ['source', { claim: '1,400 Indians were hacked' }],
  ['source', { claim: 'WhatsApp never told the government' }],
  ['who-knew', { date: '2019-09-06' }],
  ['who-knew', { date: '2019-11-30' }],
  ['help', {}],
  ...TIMELINE_OPTIONS.map((o) => ['timeline', o] as [string, Record<string, unknown>]),
];

describe('command modules', () => {
  it('are loaded from commands/ and each has a valid slash definition', () => {
    expect([...commands.keys()].sort()).toEqual([
      'about',
      'ask',
      'check',
      'gaps',
      'help',
      'source',
      'timeline',
      'who-knew',
    ]);
    for (const c of commands.values()) {
      expect(c.data.description.length).toBeLessThanOrEqual(100);
      for (const o of c.data.options ?? []) expect(o.description.length).toBeLessThanOrEqual(100);
      // Every command lets the asker keep the reply to themselves, or always answers privately.
      const option = c.data.options?.some((o) => o.name === 'private' && o.type === 5);
      const nothing = {
        since: 0,
        until: 0,
        totals: { asked: 0, votes: 0, reports: 0 },
        groups: [],
        downvoted: [],
        reports: [],
      };
      if (!option) expect(dispatcher.run(c.data.name, {}, undefined, nothing).message.flags, c.data.name).toBe(64);
    }
  });
});

describe('every reply', () => {
  it.each(SAMPLES)('/%s %j fits Discord, pings nobody, and quotes only verbatim text', (name, options) => {
    const reply = dispatcher.run(name, options);
    assertDiscordValid(reply.message);
    for (const p of quotedPassages(reply.message)) expect(isVerbatim(p), p).toBe(true);
  });

  it('renders every curated quote verbatim when its entry is the answer', () => {
    let checked = 0;
    for (const qa of core.kb.qa) {
      const reply = dispatcher.run('ask', { question: qa.questions[0] });
      for (const p of quotedPassages(reply.message)) {
        expect(isVerbatim(p), p).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(core.kb.qa.length);
  });
});

describe('/ask', () => {
  it('answers a paraphrase with a typo, with the date and a quote', () => {
    const reply = dispatcher.run('ask', { question: 'whn did whatsap sue nso' });
    expect(reply.outcome).toBe('answer');
    const text = JSON.stringify(reply.message.embeds);
    expect(text).toContain('29 October 2019');
    expect(quotedPassages(reply.message).some((q) => q.includes('sued Pegasus-developer NSO Group'))).toBe(true);
  });

  it('says plainly when the articles do not say, and suggests nothing stretched', () => {
    for (const question of [
      'what is the price of bitcoin',
      'best biryani recipe in delhi',
      'how much did NSO charge for Pegasus',
      'Bridgerton season 2 star',
    ]) {
      const reply = dispatcher.run('ask', { question });
      expect(reply.outcome, question).toBe('no-answer');
      expect(reply.message.embeds[0]!.title).toMatch(/don't say/);
    }
  });

  it('refuses empty and oversized input politely, ephemerally', () => {
    for (const question of ['', '   ', '!!!', 'x'.repeat(6000)]) {
      const reply = dispatcher.run('ask', { question });
      expect(reply.outcome).toBe('invalid-input');
      expect(reply.message.flags).toBe(64);
      assertDiscordValid(reply.message);
    }
  });

  it('refuses a near-domain question, showing what the articles do say under its own heading', () => {
    const reply = dispatcher.run('ask', { question: 'what did the US court decide in WhatsApp vs NSO' });
    expect(reply.outcome).toBe('no-answer');
    const embed = reply.message.embeds[0]!;
    expect(embed.title).toMatch(/don't say/);
    expect(embed.fields?.[0]?.name).toMatch(/^What the articles do say: /);
    for (const p of quotedPassages(reply.message)) expect(isVerbatim(p), p).toBe(true);
  });

  it('does not answer "how many users does WhatsApp have" with the number of people targeted', () => {
    const reply = dispatcher.run('ask', { question: 'how many users does whatsapp have in india' });
    expect(JSON.stringify(reply.message.embeds)).toContain('400 million');
  });

  it('ignores mentions and markdown in a question and never pings', () => {
    const reply = dispatcher.run('ask', { question: '@everyone <@123456789012345678> **who made pegasus??**' });
    expect(reply.outcome).toBe('answer');
    expect(reply.message.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('matching', () => {
  it('reads an entry about a part of the government (the IT ministry, CERT-In) as about the government, never the reverse', () => {
    const { analyzer } = core.index;
    expect(analyzer.wholesOf('cert-in')).toEqual(expect.arrayContaining(['government', 'it ministry']));
    expect(analyzer.wholesOf('government')).toEqual([]);
    // The deadline was set by the IT ministry; asked about "the government", it is still the answer.
    const r = dispatcher.run('ask', { question: 'by what date did the government want whatsapp to reply' });
    expect(r.outcome).toBe('answer');
    expect(JSON.stringify(r.message)).toMatch(/November 4|4 November/);
  });

  it('corrects two swapped letters, which spelling-neighbour search scores as two errors', () => {
    const { analyzer } = core.index;
    expect(analyzer.analyze('too vauge').terms).toContain('vague');
    expect(analyzer.analyze('recieved').terms).toEqual(analyzer.analyze('received').terms);
    // Never across the first letter, as for every other correction.
    expect(analyzer.analyze('avgue').terms).not.toContain('vague');
  });

  it('reads dates written in figures, day first', () => {
    const r = dispatcher.run('source', { claim: 'WhatsApp wrote to CERT-In again on 5/9/2019' });
    expect(r.outcome).toBe('answer');
    expect(JSON.stringify(r.message)).toContain('Supported');
  });
});

describe('/source', () => {
  it('says when the figures differ from the sources', () => {
    const reply = dispatcher.run('source', { claim: '1400 Indians were hacked' });
    expect(reply.verdict).toBe('contradicted');
    expect(reply.message.embeds[0]!.description).toMatch(/121/);
  });

  it('takes the verdict from the curated claim, reversing it for a negated claim', () => {
    expect(dispatcher.run('source', { claim: 'WhatsApp sued NSO Group' }).verdict).toBe('supported');
    const negated = dispatcher.run('source', { claim: 'WhatsApp did not sue NSO' });
    expect(negated.verdict).toBe('contradicted');
    expect(negated.message.embeds[0]!.description).toMatch(/reverse/);
  });

  it('flags a wrong figure in an otherwise supported claim', () => {
    const reply = dispatcher.run('source', { claim: '1,500 Indians were targeted by Pegasus' });
    expect(reply.verdict).toBe('contradicted');
    expect(reply.message.embeds[0]!.description).toMatch(/1500|1,500/);
  });

  it('does not call a claim supported when it adds a detail the articles never mention', () => {
    const plain = dispatcher.run('source', { claim: 'WhatsApp sued NSO in a US court' });
    expect(JSON.stringify(plain.message)).toContain('Supported');
    const detailed = dispatcher.run('source', { claim: 'WhatsApp sued NSO in a US court in Delaware' });
    const text = JSON.stringify(detailed.message);
    expect(text).toContain('Unverified');
    expect(text).toContain('never mention “delaware”');
    // Only part of the false "WhatsApp sued NSO in India", with the place in words the articles
    // never use: not that claim, so not contradicted.
    const elsewhere = dispatcher.run('source', {
      claim: 'WhatsApp filed its lawsuit against NSO in a California federal court',
    });
    expect(elsewhere.verdict).toBe('unverified');
    expect(JSON.stringify(elsewhere.message)).toContain('never mention “california”');
  });

  it('gives no verdict on a claim that has nothing to do with the articles', () => {
    const reply = dispatcher.run('source', { claim: 'the moon is made of cheese' });
    expect(reply.outcome).toBe('no-answer');
    expect(reply.verdict).toBeUndefined();
  });

  it('reads who did what to whom: a swapped claim is never supported', () => {
    for (const [claim, right] of [
      ['NSO sued WhatsApp', 'WhatsApp sued NSO'],
      [
        'The government told WhatsApp that 121 Indians were targeted',
        'WhatsApp told the government that 121 Indians were targeted',
      ],
      ['CERT-In reported an incident to WhatsApp on May 20', 'WhatsApp reported an incident to CERT-In on May 20'],
      // Closer in words to a claim without roles (CERT-In's note and NSO), but it reverses who
      // wrote to whom: the reversal decides.
      ['CERT-In sent WhatsApp a vulnerability note', 'WhatsApp sent its vulnerability note to CERT-In'],
    ]) {
      expect(dispatcher.run('source', { claim: right }).verdict, right).toBe('supported');
      const swapped = dispatcher.run('source', { claim });
      expect(swapped.verdict, claim).toBe('contradicted');
      expect(swapped.message.embeds[0]!.description, claim).toMatch(/other way round/);
    }
  });

  it('judges "X said Y" by what X said, even when Y is disputed', () => {
    expect(dispatcher.run('source', { claim: 'The September letter was too vague' }).verdict).toBe('disputed');
    const ministry = dispatcher.run('source', { claim: 'the ministry called the September letter vague' });
    expect(ministry.verdict).toBe('supported');
    expect(ministry.message.embeds[0]!.description).toMatch(/what the ministry says/);
    // WhatsApp's side is on record saying the letter told the government 121 Indians were compromised.
    expect(
      dispatcher.run('source', { claim: 'a WhatsApp source said the September letter was too vague' }).verdict,
    ).toBe('contradicted');
    expect(
      dispatcher.run('source', { claim: "WhatsApp says it couldn't name NSO in May because it did not know yet" })
        .verdict,
    ).toBe('supported');
  });

  it('calls an actor put in place of another a wrong claim, naming both', () => {
    const reply = dispatcher.run('source', { claim: 'NSO Group is a Chinese company' });
    expect(reply.verdict).toBe('contradicted');
    expect(reply.message.embeds[0]!.description).toContain('The articles say Israel, not China');
  });

  it('contradicts a disputed claim stated with the wrong figure', () => {
    expect(
      dispatcher.run('source', { claim: 'The September letter said 121 Indians were compromised by Pegasus' }).verdict,
    ).toBe('disputed');
    expect(
      dispatcher.run('source', { claim: 'The September letter said 212 Indians were compromised by Pegasus' }).verdict,
    ).toBe('contradicted');
  });

  it('does not support a claim that joins facts the articles keep apart', () => {
    expect(
      dispatcher.run('source', { claim: 'the Aug 20 Prasad-Cathcart meeting was about data sharing' }).verdict,
    ).not.toBe('supported');
  });

  it('offers claims only with their verdict, never as bare topics', () => {
    const reply = dispatcher.run('source', { claim: 'whatsapp and nso and the government' });
    for (const s of reply.suggestions ?? []) expect(s.verdict, s.label).toBeDefined();
    const text = reply.message.embeds[0]!.description ?? '';
    if (/Did you mean/.test(text)) expect(text).toMatch(/Claim \((supported|contradicted|disputed|unverified)\): /);
  });
});

describe('/who-knew', () => {
  it.each(['2019-09-06', '6 Sep 2019', 'September 6, 2019', 'Sept 6 2019', '6th September 2019', '06/09/2019'])(
    'reads %s as 6 September 2019',
    (date) => {
      const reply = dispatcher.run('who-knew', { date });
      expect(reply.outcome).toBe('answer');
      expect(reply.message.embeds[0]!.title).toContain('6 September 2019');
      expect(reply.message.embeds[0]!.title).toContain('India time');
    },
  );

  it('says which reading it took for a day/month date', () => {
    const reply = dispatcher.run('who-knew', { date: '6/9/2019' });
    expect(reply.message.embeds[0]!.description).toMatch(/day\/month\/year/);
  });

  it.each(['2019-02-30', '2019-13-01', '31/31/2019', 'banana', 'yesterday', '', '@everyone'])(
    'refuses %j with examples',
    (date) => {
      const reply = dispatcher.run('who-knew', { date });
      expect(reply.outcome).toBe('invalid-input');
      expect(reply.message.embeds[0]!.description).toMatch(/2019-09-06/);
    },
  );

  it('before the first record: nobody knew, and names the first recorded event', () => {
    const reply = dispatcher.run('who-knew', { date: '2019-01-01' });
    expect(reply.message.embeds[0]!.description).toMatch(/Nobody on record knew/);
    expect(reply.message.embeds[0]!.description).toMatch(/May 2019/);
  });

  it('shows contested knowledge as contested, each side attributed', () => {
    const reply = dispatcher.run('who-knew', { date: '2019-09-06' });
    const all = [reply.message];
    for (let page = 1; page < 6; page++) all.push(dispatcher.press(`who-knew:p${page}:-:2019-09-06`).message);
    const text = JSON.stringify(all.flatMap((m) => m.embeds));
    expect(text).toContain('Contested');
    expect(text).toContain('Sources in the IT Ministry');
    expect(text).toContain('Ravi Shankar Prasad');
  });

  it('after the last record reflects everything', () => {
    expect(dispatcher.run('who-knew', { date: '2020-03-01' }).message.embeds[0]!.description).toMatch(
      /Everything on record/,
    );
  });
});

describe('/timeline', () => {
  it('opens on an overview, one line an event, and pages through the details with buttons whose custom_id alone rebuilds the page', () => {
    const first = dispatcher.run('timeline', {});
    const overview = first.message.embeds[0]!;
    expect(overview.fields).toBeUndefined();
    for (const e of core.kb.events) expect(overview.description, e.title).toContain(e.title);
    expect(buttonsOf(first).find((b) => b.label === '◀')).toBeUndefined(); // only where needed
    const next = buttonsOf(first).find((b) => b.label === '▶')!;
    expect(next.custom_id.length).toBeLessThanOrEqual(100);
    const second = dispatcher.press(next.custom_id);
    expect(second.mode).toBe('update');
    expect(second.message.embeds[0]!.fields![0]!.name).toMatch(/May 2019/);
    const third = dispatcher.press(buttonsOf(second).find((b) => b.label === '▶')!.custom_id);
    expect(third.message.embeds[0]!.fields![0]!.name).not.toBe(second.message.embeds[0]!.fields![0]!.name);
  });

  it('opens one event from the overview menu, and keeps one party from the other', () => {
    const first = dispatcher.run('timeline', {}, '111111111111111111');
    const [events, parties] = menusOf(first);
    expect(events!.options.length).toBe(core.kb.events.length);
    const lawsuit = events!.options.find((o) => /sues NSO/.test(o.label))!;
    const opened = dispatcher.press(events!.custom_id, '111111111111111111', [lawsuit.value]);
    expect(opened.mode).toBe('update');
    expect(opened.message.embeds[0]!.title).toMatch(/sues NSO/);
    expect(opened.message.embeds[0]!.description).toContain('29 October 2019');
    for (const p of quotedPassages(opened.message)) expect(isVerbatim(p), p).toBe(true);
    const back = buttonsOf(opened).find((b) => /Back/.test(b.label))!;
    expect(dispatcher.press(back.custom_id, '111111111111111111').message.embeds[0]!.title).toBe('Timeline');
    const certIn = parties!.options.find((o) => o.label === 'CERT-In')!;
    const filtered = dispatcher.press(parties!.custom_id, '111111111111111111', [certIn.value]);
    expect(filtered.message.embeds[0]!.title).toBe('Timeline involving CERT-In');
  });

  it('lists every party when asked for one it does not know', () => {
    const reply = dispatcher.run('timeline', { party: 'nobody-here' });
    for (const p of core.kb.parties) expect(reply.message.embeds[0]!.description).toContain(p.name);
  });

  it('filters by party alias and date range', () => {
    const nso = dispatcher.run('timeline', { party: 'NSO' });
    expect(JSON.stringify(nso.message.embeds)).toContain('sues NSO');
    const empty = dispatcher.run('timeline', { from: '2018-01-01', to: '2018-12-31' });
    expect(empty.outcome).toBe('no-answer');
    expect(dispatcher.run('timeline', { from: '2019-11-01', to: '2019-10-01' }).outcome).toBe('invalid-input');
    expect(dispatcher.run('timeline', { party: 'nobody-here' }).outcome).toBe('invalid-input');
  });
});

describe('autocomplete', () => {
  it('offers at most 25 choices of at most 100 characters, with or without input', () => {
    for (const [name, option, value] of [
      ['ask', 'question', ''],
      ['ask', 'question', 'pegasus'],
      ['source', 'claim', ''],
      ['source', 'claim', '1400'],
      ['who-knew', 'date', ''],
      ['who-knew', 'date', 'sep'],
      ['timeline', 'party', 'min'],
    ] as const) {
      const choices = dispatcher.autocomplete(name, option, value);
      expect(choices.length, `${name} ${value}`).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(String(c.value).length).toBeLessThanOrEqual(100);
      }
    }
  });
});

describe('the console', () => {
  it('answers typed commands with the same renderer and leaves on /quit', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d) => (text += String(d)));
    const done = runConsole(deskOf(dispatcher), input, output);
    input.end('/ask who made pegasus\n/who-knew banana\n/nonsense\n/quit\n');
    await done;
    expect(text).toContain('console mode');
    expect(text).toContain('NSO Group');
    expect(text).toContain('only you can see this');
    expect(text).toContain('Unknown command');
  });
});

describe('errors', () => {
  it('unknown buttons and commands get a polite ephemeral reply, not a crash', () => {
    expect(dispatcher.press('nonsense').message.flags).toBe(64);
    expect(dispatcher.press('timeline:p9999:-:|||').message.embeds.length).toBe(1);
    expect(dispatcher.press('ask:go:-:qa:no-such-entry').message.flags).toBe(64);
    expect(dispatcher.press('ask:ctx0:-:claim:constructor').message.flags).toBe(64);
    expect(dispatcher.run('no-such-command', {}).message.flags).toBe(64);
    expect(errors).toEqual([]);
  });
});

describe('per-user cooldown', () => {
  it('lets a user ask a few in a row, then asks them politely and privately to wait', async () => {
    const { createCooldown } = await import('../src/commands/cooldown.ts');
    const limited = deskOf(dispatcher, createCooldown({ limit: 3, windowMs: 10_000 }));
    const ask = (userId: string) => limited.command('ask', { question: 'who made pegasus' }, { userId });
    for (let i = 0; i < 3; i++) expect((await ask('user-1')).outcome).toBe('answer');
    const fourth = await ask('user-1');
    expect(fourth.message.flags).toBe(64);
    expect(fourth.message.embeds[0]!.title).toBe('One moment, please');
    expect(fourth.message.embeds[0]!.description).toMatch(/try again in (9|10) s/);
    // Presses count too; other users are not held back; autocomplete never is.
    const press = await limited.press('ask:go:-:qa:who-made-pegasus', { userId: 'user-1' });
    expect(press.message.embeds[0]!.title).toBe('One moment, please');
    expect((await ask('user-2')).outcome).toBe('answer');
    expect(limited.autocomplete('ask', 'question', 'peg').length).toBeGreaterThan(0);
  });

  it('lets the user in again once the window has passed, and stores only the key it is given', async () => {
    const { createCooldown } = await import('../src/commands/cooldown.ts');
    const cooldown = createCooldown({ limit: 2, windowMs: 1_000 });
    expect(await cooldown.take('busy')).toBe(0);
    expect(await cooldown.take('busy')).toBe(0);
    const wait = await cooldown.take('busy');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1_000);
    await new Promise((r) => setTimeout(r, wait + 50));
    expect(await cooldown.take('busy')).toBe(0);
    // Two users with the same key share one limit: the limiter sees the key, not the id.
    const hashed = createCooldown({ limit: 1, keyOf: (id) => `h-${id.length}` });
    expect(await hashed.take('123456789012345678')).toBe(0);
    expect(await hashed.take('876543210987654321')).toBeGreaterThan(0);
  });
});

describe('replies that read right at a glance', () => {
  const ASKER = '222222222222222222';
  const OTHER = '333333333333333333';
  // No cooldown here: these tests press many buttons as the same two users.
  const dispatcher = createDispatcher(commands, core, { error: () => undefined });

  it("/source: the title carries the user's claim and the verdict leads, then what it was checked against", () => {
    const reply = dispatcher.run('source', { claim: 'WhatsApp informed the government in May' });
    const embed = reply.message.embeds[0]!;
    expect(embed.title).toBe('Claim: WhatsApp informed the government in May');
    const lines = embed.description!.split('\n');
    expect(lines[0]).toBe('**✅ Supported**');
    expect(lines[1]).toMatch(/^Checked against: “.+”$/);
    // A claim that says the reverse of the curated wording says so in plain words.
    const negated = dispatcher.run('source', { claim: 'WhatsApp did not sue NSO' }).message.embeds[0]!;
    expect(negated.title).toBe('Claim: WhatsApp did not sue NSO');
    expect(negated.description).toMatch(
      /^\*\*❌ Contradicted\*\*\nChecked against: “WhatsApp sued NSO Group”\nYour claim says the reverse/,
    );
  });

  it('/source shows a date line only when the claim is about a date', () => {
    expect(dispatcher.run('source', { claim: 'WhatsApp sued NSO on Tuesday' }).message.embeds[0]!.description).toMatch(
      /\*\*Date:\*\* Tuesday 29 October 2019/,
    );
    expect(dispatcher.run('source', { claim: 'WhatsApp sued NSO' }).message.embeds[0]!.description).not.toMatch(
      /\*\*Date:\*\*/,
    );
  });

  it('/ask: the date only when the question asks when; otherwise "How was this dated?" answers privately', () => {
    expect(dispatcher.run('ask', { question: 'when did whatsapp sue nso' }).message.embeds[0]!.description).toMatch(
      /\*\*Date:\*\* Tuesday 29 October 2019/,
    );
    const who = dispatcher.run('ask', { question: 'did whatsapp sue nso' }, ASKER);
    expect(who.message.embeds[0]!.description).not.toMatch(/\*\*Date:\*\*|date not given/);
    const dated = buttonsOf(who).find((b) => b.label === 'How was this dated?')!;
    const basis = dispatcher.press(dated.custom_id, ASKER);
    expect(basis.mode).toBe('reply');
    expect(basis.message.flags).toBe(64);
    expect(basis.message.embeds[0]!.description).toMatch(/Tuesday 29 October 2019/);
    expect(basis.message.embeds[0]!.description).toMatch(/Sunday|3 Nov/);
  });

  it('/who-knew 2019-09-06: page 1 opens with one line per party, naming the 5 September letter and 121', () => {
    const embed = dispatcher.run('who-knew', { date: '2019-09-06' }).message.embeds[0]!;
    const first = embed.description!.split('\n')[0]!;
    expect(first).toMatch(/^\*\*CERT-In/);
    expect(first).toMatch(/5 Sep(tember)? 2019/);
    expect(first).toContain('121');
    expect(first).toMatch(/contested/);
    // The details follow, newest first.
    expect(embed.fields![0]!.name).toMatch(/5 September 2019/);
    expect(embed.description).not.toMatch(/Knowledge is shown for whoever/); // the method note is in /help
    expect(JSON.stringify(dispatcher.run('help', {}).message)).toMatch(/Knowledge is shown for whoever/);
  });

  it("/who-knew never shows the minister's NSO/121 account as known before WhatsApp knew of NSO", () => {
    const nsoAccount = 'developed by NSO Group and tried to reach about 1,400 phones';
    for (const date of ['2019-05-20', '2019-09-06', '2019-09-30']) {
      const pages = [dispatcher.run('who-knew', { date }).message];
      for (let p = 1; p < 5; p++) pages.push(dispatcher.press(`who-knew:p${p}:-:${date}`).message);
      expect(JSON.stringify(pages), date).not.toContain(nsoAccount);
    }
    const later = [dispatcher.run('who-knew', { date: '2019-11-02' }).message];
    for (let p = 1; p < 5; p++) later.push(dispatcher.press(`who-knew:p${p}:-:2019-11-02`).message);
    const text = JSON.stringify(later);
    expect(text).toContain(nsoAccount);
    expect(text).toMatch(/Undated, may be later/);
  });

  it('refusals are private, with suggestion buttons that answer them', () => {
    const reply = dispatcher.run('ask', { question: 'how much did the lawsuit cost' }, ASKER);
    expect(reply.outcome).toBe('no-answer');
    expect(reply.message.flags).toBe(64);
    const suggestions = buttonsOf(reply).filter((b) => b.custom_id.startsWith('ask:go:'));
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(5);
    const answered = dispatcher.press(
      suggestions.find((b) => b.custom_id.endsWith(':qa:whatsapp-sued-nso'))!.custom_id,
      ASKER,
    );
    expect(answered.outcome).toBe('answer');
    expect(answered.mode).toBe('update');
    for (const p of quotedPassages(answered.message)) expect(isVerbatim(p), p).toBe(true);
    // Invalid input is private too; answers are public unless asked otherwise.
    expect(dispatcher.run('who-knew', { date: 'banana' }).message.flags).toBe(64);
    expect(dispatcher.run('ask', { question: 'who made pegasus' }).message.flags).toBeUndefined();
    expect(dispatcher.run('ask', { question: 'who made pegasus', private: true }).message.flags).toBe(64);
    expect(
      dispatcher.run('ask', { question: 'what is the price of bitcoin', private: false }).message.flags,
    ).toBeUndefined();
  });

  it('"Show in context" gives, privately, each quote in its paragraph, the quoted words in bold and verbatim', () => {
    for (const [name, options] of [
      ['ask', { question: 'who made pegasus' }],
      ['source', { claim: '1,400 Indians were hacked' }],
      ['who-knew', { date: '2019-09-06' }],
    ] as const) {
      const reply = dispatcher.run(name, options, ASKER);
      const button = buttonsOf(reply).find((b) => b.label === 'Show in context')!;
      expect(button, name).toBeDefined();
      const context = dispatcher.press(button.custom_id, ASKER);
      expect(context.mode).toBe('reply');
      expect(context.message.flags).toBe(64);
      // The context may run over pages of its own.
      const pages = [context];
      for (
        let next = buttonsOf(context).find((b) => b.label === '▶');
        next;
        next = buttonsOf(pages[pages.length - 1]!).find((b) => b.label === '▶')
      ) {
        pages.push(dispatcher.press(next.custom_id, ASKER));
        expect(pages.length).toBeLessThan(10);
      }
      const passages = pages.flatMap((p) => quotedPassages(p.message));
      expect(passages.length, name).toBeGreaterThan(0);
      for (const p of passages) expect(isVerbatim(p), p).toBe(true);
      // The quoted words are in bold inside their paragraph, and the paragraph holds each quote the reply showed.
      const raw = JSON.stringify(context.message.embeds);
      expect(raw).toMatch(/> [^*]*\*\*[^*]+\*\*/);
      for (const q of quotedPassages(reply.message))
        expect(
          passages.some((p) => p.includes(q)),
          q,
        ).toBe(true);
      assertDiscordValid(context.message);
    }
  });

  it("a press by someone else never edits the asker's message: they get the same content privately", () => {
    const reply = dispatcher.run('timeline', {}, ASKER);
    expect(reply.message.flags).toBeUndefined();
    const next = buttonsOf(reply).find((b) => b.label === '▶')!;
    const mine = dispatcher.press(next.custom_id, ASKER);
    const theirs = dispatcher.press(next.custom_id, OTHER);
    expect(mine.mode).toBe('update');
    expect(theirs.mode).toBe('reply');
    expect(theirs.message.flags).toBe(64);
    expect(theirs.message.embeds).toEqual(mine.message.embeds);
    // Their private copy's buttons are theirs.
    expect(buttonsOf(theirs).every((b) => b.custom_id.includes(`:${OTHER}:`) || b.disabled)).toBe(true);
    const [events] = menusOf(reply);
    expect(dispatcher.press(events!.custom_id, OTHER, [events!.options[0]!.value]).mode).toBe('reply');
  });

  it('/about names both sources, the knowledge base version and date, the verdicts and how to report a problem', () => {
    const text = dispatcher.run('about', {}).message.embeds[0]!.description!;
    expect(text).toContain('The Indian Express');
    expect(text).toContain('Besides May alert, WhatsApp sent another in September on 121 Indians breached');
    expect(text).toContain('dateline New Delhi');
    expect(text).toContain('undated');
    expect(text).toContain(core.kb.version);
    for (const v of ['supported', 'contradicted', 'disputed', 'unverified']) expect(text).toContain(`**${v}**`);
    expect(text).toMatch(/Report a problem/);
  });

  it('/help lists every loaded command with its example', () => {
    const text = dispatcher.run('help', {}).message.embeds[0]!.description!;
    for (const c of commands.values())
      if (c.data.name !== 'help') expect(text).toContain(c.data.type === 3 ? `**${c.data.name}**` : `/${c.data.name}`);
  });

  it("keeps every reply and every page reached by its buttons inside Discord's limits", () => {
    const seen = new Set<string>();
    const visit = (r: ReturnType<typeof dispatcher.run>, depth: number) => {
      assertDiscordValid(r.message);
      if (depth === 0) return;
      for (const b of buttonsOf(r)) {
        if (b.disabled || seen.has(b.custom_id)) continue;
        seen.add(b.custom_id);
        visit(dispatcher.press(b.custom_id, ASKER), depth - 1);
      }
      for (const m of menusOf(r))
        for (const o of m.options.slice(0, 4)) visit(dispatcher.press(m.custom_id, ASKER, [o.value]), depth - 1);
    };
    for (const [name, options] of SAMPLES) visit(dispatcher.run(name, options, ASKER), 2);
    expect(seen.size).toBeGreaterThan(10);
  });
});
