// Discord's 3-second window, through the real discord.js client against the fake Discord: an
// interaction picked up late is acknowledged with a deferred response and then edited; one already
// past the window is skipped with one short warning and no REST call; a retry that Discord says
// was already acknowledged (40060) is logged as answered, not as a failure.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooldown } from '../src/commands/cooldown.ts';
import { WINDOW } from '../src/transports/gateway.ts';
import { botMessage, buttonInteraction, chatInputInteraction, snowflake } from './fake-discord/payloads.ts';
import { asPayload, assertValidCallback, build, startBot, userId, type BotUnderTest } from './helpers/gateway.ts';
import { assertDiscordValid, isVerbatim, quotedPassages } from './helpers/bot.ts';

let t: BotUnderTest;
let user = 0;
beforeAll(async () => {
  t = await startBot(createCooldown({ limit: 100_000 }));
  // A few prompt interactions first: the bot measures its clock's offset from Discord's by them.
  for (let i = 0; i < 3; i++) {
    const sent = t.fake.sendInteraction(build(t.fake, { kind: 'command', name: 'help', options: {} }, userId(user++)));
    await t.fake.waitForCallback(sent.id);
  }
});
afterAll(async () => {
  await t?.stop();
});

/** An /ask created `ageMs` ago by Discord's clock, as if it had waited in a resume or a stall. */
function lateAsk(ageMs: number, question = 'who made pegasus') {
  const raw = chatInputInteraction(
    t.fake.ids,
    t.fake.commandId('ask'),
    'ask',
    { question },
    snowflake(Date.now() - ageMs),
  );
  (raw.member as { user: { id: string } }).user.id = userId(user++);
  return t.fake.sendInteraction(raw);
}

const logged = (msg: string, id: string) =>
  t.logLines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.msg === msg && l.interactionId === id);

describe("Discord's 3-second window", () => {
  it('a command picked up with little margin left is deferred (type 5), then the answer is edited in', async () => {
    const sent = lateAsk(WINDOW.deferFromMs + 300);
    const first = await t.fake.waitForCallback(sent.id);
    expect(first.body.type).toBe(5);
    // The edit carries the whole answer, valid and verbatim.
    const edit = await t.fake.waitFor(
      () =>
        t.fake.rest.find(
          (r) => r.method === 'PATCH' && r.path.includes(sent.token) && r.path.endsWith('/messages/@original'),
        ),
      'the edit of the deferred reply',
      5_000,
    );
    expect(edit.status).toBe(200);
    const payload = asPayload(edit.body as never);
    assertDiscordValid(payload);
    expect(JSON.stringify(payload.embeds)).toMatch(/NSO/);
    for (const q of quotedPassages(payload)) expect(isVerbatim(q), q).toBe(true);
    expect(t.fake.callbacksFor(sent.id)).toHaveLength(1);
  });

  it('a private reply picked up late is deferred privately (the placeholder is ephemeral too)', async () => {
    const raw = chatInputInteraction(
      t.fake.ids,
      t.fake.commandId('ask'),
      'ask',
      { question: 'who made pegasus', private: 'true' },
      snowflake(Date.now() - WINDOW.deferFromMs - 300),
    );
    (raw.data as { options: Array<{ name: string; type: number; value: unknown }> }).options = [
      { name: 'question', type: 3, value: 'who made pegasus' },
      { name: 'private', type: 5, value: true },
    ];
    (raw.member as { user: { id: string } }).user.id = userId(user++);
    const sent = t.fake.sendInteraction(raw);
    const first = await t.fake.waitForCallback(sent.id);
    expect(first.body.type).toBe(5);
    expect(first.body.data.flags & 64).toBe(64);
  });

  it('a button pressed late is acknowledged as a deferred update (type 6), then the message edited', async () => {
    const reply = await t.fake.waitForCallback(
      t.fake.sendInteraction(build(t.fake, { kind: 'command', name: 'timeline', options: {} }, userId(user++))).id,
    );
    const next = asPayload(reply.body.data)
      .components.flatMap((r) => r.components)
      .find((b) => 'label' in b && b.label === '▶') as { custom_id: string };
    const owner = /:(\d+):/.exec(next.custom_id)?.[1];
    const press = buttonInteraction(
      t.fake.ids,
      next.custom_id,
      botMessage(t.fake.ids, reply.body.data),
      owner,
      snowflake(Date.now() - WINDOW.deferFromMs - 300),
    );
    const sent = t.fake.sendInteraction(press);
    const first = await t.fake.waitForCallback(sent.id);
    expect(first.body.type).toBe(6);
    const edit = await t.fake.waitFor(
      () => t.fake.rest.find((r) => r.method === 'PATCH' && r.path.includes(sent.token)),
      'the edit',
      5_000,
    );
    expect(edit.status).toBe(200);
    assertDiscordValid(asPayload(edit.body as never));
  });

  it('one already past the window is skipped: one short warning, no REST call for it', async () => {
    const before = t.fake.rest.length;
    const sent = lateAsk(WINDOW.skipFromMs + 1_000);
    await t.fake.waitFor(
      () => logged('interaction picked up too late to answer (Discord allows 3 s): skipped', sent.id)[0],
      'the warning',
      5_000,
    );
    await sleep(300);
    expect(t.fake.callbacksFor(sent.id)).toHaveLength(0);
    expect(t.fake.rest.slice(before).filter((r) => r.path.includes(sent.id) || r.path.includes(sent.token))).toEqual(
      [],
    );
    const [warning] = logged('interaction picked up too late to answer (Discord allows 3 s): skipped', sent.id);
    expect(warning).toMatchObject({ level: 40, ageMs: expect.any(Number) });
    expect(JSON.stringify(warning).length).toBeLessThan(400); // never the whole reply
  });

  it('a prompt interaction is still answered directly, after the late ones', async () => {
    const sent = lateAsk(0, 'how many indians were targeted');
    const cb = await t.fake.waitForCallback(sent.id);
    expect(cb.body.type).toBe(4);
    assertValidCallback(cb, sent);
  });

  it('a retried reply Discord already took (40060) is logged as already answered, not as a failure', async () => {
    // The first attempt is applied but its response lost (a 500): discord.js retries and gets 40060.
    t.fake.failCallbacks(1, { status: 500, applied: true });
    const sent = lateAsk(0);
    await t.fake.waitFor(() => logged('interaction already answered (40060)', sent.id)[0], 'the info line', 10_000);
    expect(logged('interaction already answered (40060)', sent.id)[0]).toMatchObject({ level: 30 });
    expect(t.fake.callbacksFor(sent.id)).toHaveLength(1);
    expect(logged('could not answer an interaction', sent.id)).toEqual([]);
    expect(t.logLines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  });
});
