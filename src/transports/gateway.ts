// The gateway bot: discord.js logs in (intent Guilds only — slash commands need nothing more) and
// serves chat-input commands, autocomplete and button presses through the command modules.
// Handlers are synchronous and take a few milliseconds (see npm run bench), so each interaction is answered
// directly and exactly once, far inside Discord's 3 seconds; no defer is needed. Any failure to
// reply (e.g. 10062 Unknown interaction) is logged, never thrown.
import { Client, Events, GatewayIntentBits, Options, Routes, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { Dispatcher } from '../commands/dispatch.ts';
import type { Config } from '../config.ts';
import { callbackFor, optionValues, type CallbackBody } from './interaction.ts';

/**
 * The bot answers interactions from their own payload and never reads messages, members, emojis
 * and the like, which the Guilds intent would otherwise keep in memory for every server it is in.
 * Only the caches discord.js documents as safe to limit are limited (never guilds, channels or
 * roles); the bot's own user and member are kept.
 */
const isSelf = (x: { id: string; client: Client }) => x.id === x.client.user?.id;
const LEAN_CACHES = Options.cacheWithLimits({
  ...Options.DefaultMakeCacheSettings,
  MessageManager: 0,
  ReactionManager: 0,
  ReactionUserManager: 0,
  PresenceManager: 0,
  VoiceStateManager: 0,
  BaseGuildEmojiManager: 0,
  GuildEmojiManager: 0,
  GuildStickerManager: 0,
  GuildScheduledEventManager: 0,
  GuildInviteManager: 0,
  GuildBanManager: 0,
  StageInstanceManager: 0,
  ThreadMemberManager: 0,
  GuildMemberManager: { maxSize: 0, keepOverLimit: isSelf },
  UserManager: { maxSize: 0, keepOverLimit: isSelf },
});

export interface GatewayBot {
  client: Client;
  stop(): Promise<void>;
}

export async function runGateway({ config, dispatcher, log, handleSignals = true }: { config: Config; dispatcher: Dispatcher; log: Logger; handleSignals?: boolean }): Promise<GatewayBot> {
  if (!config.DISCORD_TOKEN) throw new Error('runGateway needs DISCORD_TOKEN');
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.DISCORD_API_URL },
    allowedMentions: { parse: [] },
    makeCache: LEAN_CACHES,
  });

  client.on(Events.InteractionCreate, (interaction) => {
    void handle(interaction, dispatcher).catch((err: unknown) => {
      const code = (err as { code?: unknown }).code;
      log.warn({ err: withoutSecret(err, interaction.token), code, interactionId: interaction.id }, code === 10062 ? 'interaction expired before the reply (10062)' : 'could not answer an interaction');
    });
  });
  client.once(Events.ClientReady, (c) => log.info({ user: c.user.tag, guilds: c.guilds.cache.size, shard: c.shard?.ids ?? [0] }, 'gateway ready'));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ code: event.code, shard }, 'gateway disconnected for good'));
  client.on(Events.ShardReconnecting, (shard) => log.warn({ shard }, 'gateway connection lost; reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.Error, (err) => log.error({ err }, 'client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'client warning'));

  const onRejection = (reason: unknown) => log.error({ err: reason }, 'unhandled rejection');
  process.on('unhandledRejection', onRejection);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('unhandledRejection', onRejection);
    log.info('shutting down');
    await client.destroy();
  };
  if (handleSignals) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void stop().then(() => process.exit(0));
      });
    }
  }
  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (err) {
    // discord.js has already destroyed the client; drop our process listener too.
    await stop();
    throw err;
  }
  return { client, stop };
}

/**
 * A copy of a REST error safe to log: discord.js errors carry the request URL, and an interaction
 * callback's URL holds the interaction token (a credential for 15 minutes), which pino's redact
 * paths cannot reach inside a string. Same prototype, so the logged type stays e.g. DiscordAPIError.
 */
export function withoutSecret(err: unknown, secret: string): unknown {
  if (!(err instanceof Error) || !secret) return err;
  const scrub = (v: unknown) => (typeof v === 'string' ? v.split(secret).join('[redacted]') : v);
  const copy = Object.create(Object.getPrototypeOf(err) as object) as Error & Record<string, unknown>;
  for (const [key, value] of Object.entries(err)) copy[key] = scrub(value);
  copy.message = scrub(err.message) as string;
  copy.stack = scrub(err.stack) as string | undefined;
  return copy;
}

async function handle(interaction: Interaction, dispatcher: Dispatcher): Promise<void> {
  if (interaction.isChatInputCommand()) {
    await callback(interaction, callbackFor(dispatcher.run(interaction.commandName, optionValues(interaction.options.data as never), interaction.user.id)));
  } else if (interaction.isButton() || interaction.isStringSelectMenu()) {
    const values = interaction.isStringSelectMenu() ? interaction.values : [];
    await callback(interaction, callbackFor(dispatcher.press(interaction.customId, interaction.user.id, values)));
  } else if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    await interaction.respond(dispatcher.autocomplete(interaction.commandName, focused.name, String(focused.value)));
  }
}

/**
 * The interaction callback, as interaction.reply() / update() send it, but with our payload as it
 * is: the render layer already makes Discord's JSON (allowed_mentions, flags), and discord.js's
 * MessagePayload would only copy and snake-case every embed again — measured as a third of the
 * bot's end-to-end overhead over a bare "pong" bot. The same REST client queues it and retries
 * 429s and 5xx as for any discord.js call.
 */
async function callback(interaction: Interaction, body: CallbackBody): Promise<void> {
  await interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false });
}
