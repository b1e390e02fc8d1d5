// The real gateway bot (runGateway, discord.js) logged in to a fake Discord on 127.0.0.1, for the
// load and fault tests: interactions from any user id, callbacks checked for validity, and
// waiting for many callbacks at once without re-scanning everything on every change.
import { once } from 'node:events';
import { Events } from 'discord.js';
import type { Logger } from 'pino';
import type { Cooldown } from '../../src/commands/cooldown.ts';
import { createDispatcher } from '../../src/commands/dispatch.ts';
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import type { MessagePayload } from '../../src/render/discord.ts';
import { runGateway, type GatewayBot } from '../../src/transports/gateway.ts';
import {
  startFakeDiscord,
  type CallbackRecord,
  type FakeDiscord,
  type Json,
  type RawInteraction,
} from '../fake-discord/index.ts';
import { guardLoopback, type LoopbackGuard } from '../fake-discord/loopback-guard.ts';
import {
  autocompleteInteraction,
  botMessage,
  buttonInteraction,
  chatInputInteraction,
} from '../fake-discord/payloads.ts';
import { assertDiscordValid, commands, core, deskOf, isVerbatim, quotedPassages } from './bot.ts';

// Shaped like a bot token (≥ 50 of [\w.-]) and unmistakable in a log.
export const TOKEN = 'MTEyMjMzNDQ1NTY2Nzc4ODk5.GfAkE0.load-fake-token-never-log-me-01234567890';
const APP_ID = '112233445566778899';
const GUILD_ID = '998877665544332211';

export interface BotUnderTest {
  fake: FakeDiscord;
  bot: GatewayBot;
  log: Logger;
  logLines: string[];
  guard: LoopbackGuard;
  stop(): Promise<void>;
}

export async function startBot(cooldown: Cooldown): Promise<BotUnderTest> {
  const guard = guardLoopback();
  const logLines: string[] = [];
  const log = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const fake = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    guildId: GUILD_ID,
    heartbeatInterval: 1000,
  });
  const config = parseConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_GUILD_ID: GUILD_ID,
    DISCORD_API_URL: fake.apiUrl,
    LOG_LEVEL: 'info',
  });
  const bot = await runGateway({
    config,
    desk: deskOf(createDispatcher(commands, core, log), cooldown, null, log),
    log,
    handleSignals: false,
  });
  if (!bot.client.isReady()) await once(bot.client, Events.ClientReady);
  return {
    fake,
    bot,
    log,
    logLines,
    guard,
    async stop() {
      await bot.stop();
      await fake.close();
      guard.restore();
    },
  };
}

/** A distinct snowflake-shaped user id per index. */
export function userId(i: number): string {
  return String(300_000_000_000_000_000n + BigInt(i));
}

function fromUser(raw: RawInteraction, user: string): RawInteraction {
  (raw.member as { user: { id: string } }).user.id = user;
  return raw;
}

/** What one interaction is: built for a user, sent by the caller (so sends can be batched). */
export type InteractionKind =
  | { kind: 'command'; name: string; options: Record<string, string> }
  | { kind: 'autocomplete'; name: string; options: Record<string, string>; focused: string }
  | { kind: 'button'; customId: string; message: MessagePayload };

export function build(fake: FakeDiscord, what: InteractionKind, user: string): RawInteraction {
  const ids = fake.ids;
  if (what.kind === 'command')
    return fromUser(chatInputInteraction(ids, fake.commandId(what.name), what.name, what.options), user);
  if (what.kind === 'autocomplete')
    return fromUser(
      autocompleteInteraction(ids, fake.commandId(what.name), what.name, what.options, what.focused),
      user,
    );
  return fromUser(buttonInteraction(ids, what.customId, botMessage(ids, what.message)), user);
}

/** Resolves once every id has at least one callback (checked incrementally, not O(n) per change). */
export function waitForAll(fake: FakeDiscord, ids: readonly string[], timeoutMs: number): Promise<void> {
  const waiting = new Set(ids);
  let seen = 0;
  return fake
    .waitFor(
      () => {
        for (; seen < fake.callbacks.length; seen++) waiting.delete(fake.callbacks[seen]!.interactionId);
        return waiting.size === 0;
      },
      `callbacks for ${ids.length} interactions`,
      timeoutMs,
    )
    .then(
      () => undefined,
      (err: Error) => {
        throw new Error(
          `${err.message}; ${waiting.size} still unanswered, e.g. ${[...waiting].slice(0, 3).join(', ')}`,
        );
      },
    );
}

/** The callback's data as our MessagePayload: discord.js may leave out empty arrays. */
export function asPayload(data: Json): MessagePayload {
  return { ...data, embeds: data?.embeds ?? [], components: data?.components ?? [] } as MessagePayload;
}

/** Throws when a callback body is not a valid answer of the kind its interaction asked for. */
export function assertValidCallback(callback: CallbackRecord, sent: RawInteraction): void {
  const { type, data } = callback.body;
  if (sent.type === 4) {
    if (type !== 8) throw new Error(`autocomplete answered with type ${type}`);
    const choices = data?.choices as Array<{ name: string; value: string }>;
    if (!Array.isArray(choices) || choices.length > 25) throw new Error('autocomplete: bad choices');
    for (const c of choices)
      if (!c.name || c.name.length > 100 || typeof c.value !== 'string' || c.value.length > 100)
        throw new Error(`bad choice ${JSON.stringify(c)}`);
    return;
  }
  const allowed = sent.type === 3 ? [4, 7] : [4];
  if (!allowed.includes(type)) throw new Error(`interaction type ${sent.type} answered with type ${type}`);
  const payload = asPayload(data);
  assertDiscordValid(payload);
  for (const q of quotedPassages(payload)) if (!isVerbatim(q)) throw new Error(`quote not verbatim: ${q}`);
}
