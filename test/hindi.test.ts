// Hindi: command descriptions localised for Discord's "hi"; replies to a member whose client is in
// Hindi (or who types in Devanagari) with the bot's own words in Hindi — verdicts, headings,
// buttons, refusals, errors, dates in Hindi with Devanagari digits — and every quote still in
// English, verbatim, with a note saying so. Through the HTTP endpoint and the real gateway bot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooldown } from '../src/commands/cooldown.ts';
import { createDispatcher } from '../src/commands/dispatch.ts';
import { createLogger } from '../src/log.ts';
import type { MessagePayload } from '../src/render/discord.ts';
import { hindiDate } from '../src/render/locale.ts';
import { createInteractionServer } from '../src/transports/http.ts';
import type { FakeDiscord } from './fake-discord/index.ts';
import { chatInputInteraction } from './fake-discord/payloads.ts';
import {
  assertDiscordValid,
  buttonsOf,
  commands,
  core,
  deskOf,
  isVerbatim,
  NO_COOLDOWN,
  quotedPassages,
} from './helpers/bot.ts';
import { startBot, type BotUnderTest } from './helpers/gateway.ts';
import { closed, keyPair, listen, signedHeaders } from './helpers/signed.ts';

const DEVANAGARI = /[\u0900-\u097F]/;

describe('command definitions', () => {
  it('every command and option has a Hindi description (the message command a Hindi name)', () => {
    for (const c of commands.values()) {
      const d = c.data as {
        type?: number;
        name_localizations?: { hi?: string };
        description_localizations?: { hi?: string };
        options?: Array<{ description_localizations?: { hi?: string } }>;
      };
      if (d.type === 3) expect(d.name_localizations?.hi, c.data.name).toMatch(DEVANAGARI);
      else expect(d.description_localizations?.hi, c.data.name).toMatch(DEVANAGARI);
      for (const o of d.options ?? []) {
        expect(o.description_localizations?.hi, c.data.name).toMatch(DEVANAGARI);
        expect(o.description_localizations!.hi!.length).toBeLessThanOrEqual(100);
      }
    }
  });
});

describe('dates in Hindi', () => {
  it('month names, weekdays and Devanagari digits; approximate dates read naturally', () => {
    expect(hindiDate('Tuesday 29 October 2019')).toBe('मंगलवार, २९ अक्टूबर २०१९');
    expect(hindiDate('6 September 2019')).toBe('६ सितंबर २०१९');
    expect(hindiDate('early September 2019')).toBe('सितंबर २०१९ की शुरुआत');
    expect(hindiDate('May 2019')).toBe('मई २०१९');
  });
});

const textOf = (m: MessagePayload) => JSON.stringify(m.embeds);

function expectHindiAnswer(message: MessagePayload): void {
  assertDiscordValid(message);
  const e = message.embeds[0]!;
  for (const p of quotedPassages(message)) expect(isVerbatim(p), p).toBe(true);
  if (quotedPassages(message).length > 0) expect(e.footer?.text).toContain('उद्धरण लेखों की मूल अंग्रेज़ी में, शब्दशः');
}

describe('replies to a Hindi client, through the signed HTTP endpoint', () => {
  const discord = keyPair();
  const server = createInteractionServer({
    publicKey: discord.publicHex,
    desk: deskOf(
      createDispatcher(
        commands,
        core,
        { error: () => undefined },
        { records: { questionLog: true, retentionDays: 90 } },
      ),
      createCooldown({ limit: 2 }),
    ),
    log: createLogger('silent'),
  });
  let base = '';
  beforeAll(async () => {
    base = await listen(server);
  });
  afterAll(() => closed(server));
  let seq = 0;
  const send = async (
    name: string,
    options: Record<string, string>,
    locale = 'hi',
    user = `90000000000000000${seq % 10}`,
  ) => {
    seq++;
    const body = JSON.stringify({
      id: `1234567890123${String(seq).padStart(5, '0')}`,
      application_id: '123456789012345678',
      type: 2,
      token: `t-${seq}`,
      version: 1,
      locale,
      member: { user: { id: user } },
      data: {
        id: '1',
        name,
        type: 1,
        options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })),
      },
    });
    const res = await fetch(`${base}/`, { method: 'POST', headers: signedHeaders(discord.privateKey, body), body });
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: MessagePayload }).data;
  };

  it('/source: the verdict and its lead in Hindi, the quotes in English verbatim, the buttons in Hindi', async () => {
    const m = await send('source', { claim: '1,400 Indians were hacked' });
    expectHindiAnswer(m);
    const e = m.embeds[0]!;
    expect(e.title).toBe('दावा: 1,400 Indians were hacked');
    expect(e.description).toMatch(/^\*\*❌ खंडित\*\*\nइससे मिलाया गया: “/);
    expect(buttonsOf({ message: m }).map((b) => b.label)).toEqual(
      expect.arrayContaining(['संदर्भ में देखें', '👍 मददगार', '👎 सही नहीं', 'समस्या बताएँ']),
    );
  });

  it('/source: how the wording changed the verdict is said in Hindi, names and wordings as they are', async () => {
    const swapped = (await send('source', { claim: 'NSO sued WhatsApp' })).embeds[0]!.description!;
    expect(swapped).toContain('आपके दावे में बात उल्टी है: लेखों में WhatsApp ही NSO Group के साथ ऐसा करता है।');
    expect(swapped).not.toContain('other way round');
    const unstated = (await send('source', { claim: 'WhatsApp sued NSO in California' })).embeds[0]!.description!;
    expect(unstated).toContain('दोनों लेखों में “california” का ज़िक्र नहीं है');
  });

  it('/ask about a date: the date in Hindi with Devanagari digits', async () => {
    const m = await send('ask', { question: 'when did whatsapp sue nso' }, 'hi', '910000000000000001');
    expectHindiAnswer(m);
    expect(m.embeds[0]!.description).toContain('**तारीख़:** मंगलवार, २९ अक्टूबर २०१९');
  });

  it('a refusal says so in Hindi; an English client asking in Devanagari gets Hindi too', async () => {
    const hi = await send(
      'ask',
      { question: 'what colour is the carpet in the nso office' },
      'hi',
      '910000000000000002',
    );
    expect(hi.embeds[0]!.title).toBe('दोनों लेख यह नहीं बताते');
    expect(hi.embeds[0]!.description).toMatch(/^यह बात उन दो लेखों में नहीं मिली/);
    const typed = await send('ask', { question: 'एनएसओ के दफ़्तर की कालीन किस रंग की है?' }, 'en-US', '910000000000000003');
    expect(typed.embeds[0]!.title).toBe('दोनों लेख यह नहीं बताते');
    const english = await send(
      'ask',
      { question: 'what colour is the carpet in the nso office' },
      'en-GB',
      '910000000000000004',
    );
    expect(english.embeds[0]!.title).toBe("The two articles don't say");
    expect(textOf(english)).not.toMatch(DEVANAGARI);
  });

  it('/help lists the commands with their own Hindi descriptions', async () => {
    const m = await send('help', {}, 'hi', '910000000000000007');
    const text = m.embeds[0]!.description!;
    expect(text).toContain('मैं सिर्फ़ दो लेखों से जवाब देता हूँ');
    for (const c of commands.values()) {
      const hi = (c.data as { description_localizations?: { hi?: string } }).description_localizations?.hi;
      if (hi && c.data.name !== 'help') expect(text, c.data.name).toContain(hi);
    }
  });

  it('/about: its fixed lines in Hindi, what is kept and for how long included', async () => {
    const m = await send('about', {}, 'hi', '910000000000000008');
    const text = m.embeds[0]!.description!;
    for (const line of ['**दोनों स्रोत**', '• **समर्थित** —', '**मैं क्या रखता हूँ:**', '90 दिन बाद मिटा दिए जाते हैं'])
      expect(text).toContain(line);
  });

  it('errors and the cooldown in Hindi too', async () => {
    const user = '910000000000000005';
    await send('ask', { question: 'who made pegasus' }, 'hi', user);
    await send('ask', { question: 'who made pegasus' }, 'hi', user);
    const third = await send('ask', { question: 'who made pegasus' }, 'hi', user);
    expect(third.embeds[0]!.title).toBe('कृपया एक पल रुकिए');
    expect(third.embeds[0]!.description).toMatch(/सेकंड बाद फिर कोशिश करें/);
    const empty = await send('ask', { question: '   ' }, 'hi', '910000000000000006');
    expect(empty.embeds[0]!.title).toBe('यह समझ नहीं पाया');
    expect(empty.embeds[0]!.description).toMatch(/^कृपया एक सवाल लिखें, जैसे:/);
  });
});

describe('replies to a Hindi client, through the gateway bot', () => {
  // The real gateway bot (discord.js) logged in to a fake Discord on 127.0.0.1; no cooldown.
  let t: BotUnderTest;
  let fake: FakeDiscord;
  beforeAll(async () => {
    t = await startBot(NO_COOLDOWN);
    fake = t.fake;
  }, 30_000);
  afterAll(() => t.stop());

  it('interaction.locale "hi": Hindi words, English quotes', async () => {
    const raw = chatInputInteraction(fake.ids, fake.commandId('source'), 'source', {
      claim: 'WhatsApp sued NSO Group',
    });
    raw.locale = 'hi';
    fake.sendInteraction(raw);
    const data = (await fake.waitForCallback(raw.id)).body.data as MessagePayload;
    expectHindiAnswer(data);
    expect(data.embeds[0]!.description).toMatch(/^\*\*✅ समर्थित\*\*/);
    expect(quotedPassages(data).length).toBeGreaterThan(0);
  });
});
