// "Check against the articles", the message command: which sentences of a message are checked,
// the verdict blocks and their quotes, messages of every awkward kind, "Post publicly" (and a
// forged state for it), and the command registered and invoked end to end — through the real
// discord.js gateway bot against the fake Discord, and through the signed HTTP endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMessage, publicCheck, statementsOf } from '../src/answers/check.ts';
import { createLogger } from '../src/log.ts';
import { createInteractionServer } from '../src/transports/http.ts';
import type { FakeDiscord } from './fake-discord/index.ts';
import { buttonInteraction, botMessage, memberMessage, messageCommandInteraction } from './fake-discord/payloads.ts';
import {
  assertDiscordValid,
  buttonsOf,
  core,
  deskOf,
  NO_COOLDOWN,
  dispatcher,
  isVerbatim,
  quotedPassages,
} from './helpers/bot.ts';
import { startBot, type BotUnderTest } from './helpers/gateway.ts';
import { closed, interactionBody, keyPair, listen, signedHeaders } from './helpers/signed.ts';

const NAME = 'Check against the articles';
const run = (message: string, messageId = '700000000000000100') =>
  dispatcher.run(NAME, { message, messageId }, '222222222222222222');

describe('which sentences are checked', () => {
  it('leaves out questions, greetings, links, code, mentions and scraps; keeps statements in order', () => {
    const s = statementsOf(
      'Hey everyone! Did you know? https://example.com/x NSO sued WhatsApp in a US court. ```js\nconst x = "121 Indians"\n``` ' +
        '<@123456789012345678> 1,400 Indians were hacked!\nwow\nWho made Pegasus?\nis this true\nThe ministry got a letter in September.',
    );
    expect(s).toEqual([
      'NSO sued WhatsApp in a US court.',
      '1,400 Indians were hacked!',
      'The ministry got a letter in September.',
    ]);
  });
});

describe('the reply', () => {
  it('one verdict block per statement (at most three), each with its deciding quote, privately', () => {
    const reply = run(
      'NSO sued WhatsApp in a US court. 1,400 Indians were hacked. WhatsApp informed CERT-In in May. 121 Indians were targeted. The moon is cheese.',
    );
    assertDiscordValid(reply.message);
    expect(reply.message.flags).toBe(64);
    const embed = reply.message.embeds[0]!;
    expect(embed.title).toBe('Checked against the two articles: 3 statements');
    const fields = embed.fields ?? [];
    expect(fields).toHaveLength(3);
    expect(fields[0]!.name).toMatch(/^❌ Contradicted — “NSO sued WhatsApp in a US court\.”/);
    expect(fields[1]!.name).toMatch(/^❌ Contradicted — “1,400 Indians were hacked\.”/);
    for (const f of fields) expect(f.value).toMatch(/\n> /); // a quote in every block
    for (const p of quotedPassages(reply.message)) expect(isVerbatim(p), p).toBe(true);
    expect(buttonsOf(reply).map((b) => b.label)).toEqual(['Post publicly']);
  });

  it('messages with nothing checkable get a clear, polite private reply', () => {
    const cases = [
      '',
      '   ',
      'hi all, thanks!',
      'Who made Pegasus? When did WhatsApp tell CERT-In?',
      'https://example.com/pegasus-story',
      '```\nNSO sued WhatsApp in a US court.\n```',
      '@everyone @here <@123456789012345678>',
      '**bold** _italic_ ~~gone~~',
      'The weather in Paris is lovely this time of year, the bakeries are great.',
    ];
    for (const text of cases) {
      const reply = run(text);
      assertDiscordValid(reply.message);
      expect(reply.message.flags, text).toBe(64);
      expect(reply.message.embeds[0]!.title, text).toMatch(
        /^Nothing (in that message I can check|to check in that message)$/,
      );
      expect(reply.message.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('a 4,000-character message, markdown and @everyone: read safely, never echoed as a ping', () => {
    const long = `NSO sued WhatsApp in a US court. ${'Lorem ipsum dolor sit amet. '.repeat(140)}`.slice(0, 4_000);
    const reply = run(long);
    assertDiscordValid(reply.message);
    expect(reply.message.embeds[0]!.fields?.[0]?.name).toMatch(/NSO sued WhatsApp/);
    const marked = run('@everyone **1,400 Indians** were _hacked_ by `Pegasus` <@123456789012345678>.');
    assertDiscordValid(marked.message);
    expect(JSON.stringify(marked.message)).not.toMatch(/(?<!\\\\)@everyone|<@\d/);
  });

  it('"Post publicly" posts a new public message linking the checked one; a forged state is refused', () => {
    const reply = run('NSO sued WhatsApp in a US court. 121 Indians were targeted.');
    const post = buttonsOf(reply).find((b) => b.label === 'Post publicly')!;
    const posted = dispatcher.press(post.custom_id, '222222222222222222', [], {
      guildId: '998877665544332211',
      channelId: '887766554433221100',
    });
    expect(posted.mode).toBe('reply');
    expect(posted.message.flags).toBeUndefined();
    const embed = posted.message.embeds[0]!;
    expect(embed.description).toContain(
      '[This message](https://discord.com/channels/998877665544332211/887766554433221100/700000000000000100)',
    );
    expect(embed.fields?.map((f) => f.name.split(' — ')[0])).toEqual(['❌ Contradicted', '✅ Supported']);
    // The swapped statement is not shown as the true wording under "Contradicted".
    expect(embed.fields?.[0]?.name).toMatch(/^❌ Contradicted — the message says the reverse of “WhatsApp sued NSO/);
    expect(embed.fields?.[0]?.value).toMatch(/is ✅ Supported/);
    for (const p of quotedPassages(posted.message)) expect(isVerbatim(p), p).toBe(true);
    // Someone else pressing it (it was private anyway) only ever gets a private copy.
    expect(dispatcher.press(post.custom_id, '333333333333333333').message.flags).toBe(64);
    for (const forged of [
      'zzzz|1|s0',
      `${core.kb.version.slice(0, 4)}|1|s9999`,
      `${core.kb.version.slice(0, 4)}|x|q1`,
      '',
    ])
      expect(publicCheck(core, forged, {}), forged).toBeNull();
    expect(dispatcher.press('check:post:-:0000|1|s0').message.flags).toBe(64);
    expect(checkMessage(core, 42).outcome).toBe('invalid-input');
  });

  it('the console and the CLI take it as "check <text>"', async () => {
    const r = await deskOf().command('check', { message: 'WhatsApp sued NSO Group.' });
    expect(r.message.embeds[0]!.fields?.[0]?.name).toMatch(/^✅ Supported/);
  });
});

describe('registered and invoked end to end', () => {
  // The real gateway bot (discord.js) logged in to a fake Discord on 127.0.0.1; no cooldown.
  let t: BotUnderTest;
  let fake: FakeDiscord;
  beforeAll(async () => {
    t = await startBot(NO_COOLDOWN);
    fake = t.fake;
  }, 30_000);
  afterAll(() => t.stop());

  it('through the gateway: a member message with an embed, checked privately, then posted publicly', async () => {
    const target = memberMessage(fake.ids, 'Big news today. 1,400 Indians were hacked by Pegasus!', [
      { type: 'rich', title: 'Forwarded', description: 'NSO sued WhatsApp in a US court.' },
    ]);
    const sent = fake.sendInteraction(messageCommandInteraction(fake.ids, fake.commandId(NAME), NAME, target));
    const cb = (await fake.waitForCallback(sent.id)).body;
    expect(cb.type).toBe(4);
    expect(cb.data.flags).toBe(64);
    assertDiscordValid(cb.data);
    const names = (cb.data.embeds[0].fields as Array<{ name: string }>).map((f) => f.name);
    expect(names).toHaveLength(2);
    expect(names[1]).toMatch(/NSO sued WhatsApp/); // the embed's description was read too
    const postId = (cb.data.components as Array<{ components: Array<{ label: string; custom_id: string }> }>)
      .flatMap((r) => r.components)
      .find((c) => c.label === 'Post publicly')!.custom_id;
    const press = fake.sendInteraction(buttonInteraction(fake.ids, postId, botMessage(fake.ids, cb.data)));
    const posted = (await fake.waitForCallback(press.id)).body;
    expect(posted.type).toBe(4);
    expect(posted.data.flags ?? 0).toBe(0);
    expect(posted.data.allowed_mentions).toEqual({ parse: [] });
    expect(posted.data.embeds[0].description).toContain(`/${fake.ids.channelId}/${target.id}`);
  });

  it('through the signed HTTP endpoint: an image-only message gets a polite private reply', async () => {
    const discord = keyPair();
    const server = createInteractionServer({
      publicKey: discord.publicHex,
      desk: deskOf(),
      log: createLogger('silent'),
    });
    const base = await listen(server);
    try {
      const post = async (target: Record<string, unknown>) => {
        const body = interactionBody(
          2,
          {
            id: '1',
            name: NAME,
            type: 3,
            target_id: target.id,
            resolved: { messages: { [String(target.id)]: target } },
          },
          '222222222222222222',
        );
        const res = await fetch(`${base}/`, { method: 'POST', headers: signedHeaders(discord.privateKey, body), body });
        expect(res.status).toBe(200);
        return (await res.json()) as { type: number; data: { flags?: number; embeds: Array<{ title: string }> } };
      };
      const image = await post({ ...memberMessage(fake.ids, ''), attachments: [{ id: '1', filename: 'a.png' }] });
      expect(image.data.flags).toBe(64);
      expect(image.data.embeds[0]!.title).toBe('Nothing to check in that message');
      const claim = await post(memberMessage(fake.ids, 'WhatsApp sued NSO Group in a US court.'));
      expect(claim.data.embeds[0]!.title).toBe('Checked against the two articles: 1 statement');
      // Messages of every awkward kind, as Discord resolves them: a clear private reply each time.
      const kinds = [
        '',
        'Who made Pegasus? When was it?',
        '```\nNSO sued WhatsApp in a US court.\n```',
        '@everyone @here',
        '**bold** ~~strike~~ > quote',
        `${'NSO sued WhatsApp in a US court. '.repeat(130)}`.slice(0, 4_000),
      ];
      for (const text of kinds) {
        const r = await post(memberMessage(fake.ids, text));
        expect(r.data.flags, text.slice(0, 40)).toBe(64);
        assertDiscordValid(r.data as never);
      }
      // A forged target (not in resolved) is just an empty message.
      const forged = await post({ id: '1' });
      expect(forged.data.flags).toBe(64);
    } finally {
      await closed(server);
    }
  });
});
