// The gateway bot: discord.js logs in (intent Guilds only — slash commands need nothing more) and
// serves chat-input commands, autocomplete, buttons and menus through the command modules.
// Handlers take a few milliseconds (see npm run bench), so an interaction is normally answered
// directly and exactly once. Discord allows 3 s from an interaction's creation: one picked up late
// (after a resume, under a 429 storm, after a CPU stall) is acknowledged at once with a deferred
// response and then edited; one already past the window is skipped with one short warning, never
// a doomed REST call. A retried reply Discord says was already acknowledged (40060) is logged as
// answered. Any other failure to reply is logged (without the interaction token), never thrown.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Events, GatewayIntentBits, Options, RESTEvents, Routes, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { Desk, Who } from '../desk.ts';
import type { Config } from '../config.ts';
import { CallbackType } from '../discord-api.ts';
import { ageMeter, NO_METRICS, reporter, snowflakeAge, type Observer } from '../observe.ts';
import type { Reply } from '../render/discord.ts';
import { localeOf } from '../render/locale.ts';
import { listenError, loginError } from '../start.ts';
import { callbackFor, messageOptions, optionValues, type CallbackBody } from './interaction.ts';

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

/** Discord's window to acknowledge an interaction, and the margins kept inside it. */
export const WINDOW = {
  /** From this age on, acknowledge at once (deferred) and send the reply as an edit. */
  deferFromMs: 2_000,
  /** From this age on, a callback would arrive too late: skip it. */
  skipFromMs: 2_900,
};

export interface GatewayBot {
  client: Client;
  stop(): Promise<void>;
  /** The /metrics and /healthz server, when METRICS_PORT is set. */
  metricsServer?: Server;
}

export async function runGateway({
  config,
  desk,
  log,
  handleSignals = true,
  beforeExit,
}: {
  config: Config;
  desk: Desk;
  log: Logger;
  handleSignals?: boolean;
  /** Run on SIGINT/SIGTERM after the client is destroyed (the curator's last write). */
  beforeExit?: () => Promise<void>;
}): Promise<GatewayBot> {
  if (!config.DISCORD_TOKEN) throw new Error('runGateway needs DISCORD_TOKEN');
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.DISCORD_API_URL },
    allowedMentions: { parse: [] },
    makeCache: LEAN_CACHES,
  });
  let observer: Observer = NO_METRICS;
  const report = reporter(log, () => observer);
  const age = ageMeter();
  let stopping = false;

  client.on(Events.InteractionCreate, (interaction) => {
    void handle(interaction).catch((err: unknown) => {
      const code = (err as { code?: unknown }).code;
      const safe = withoutSecret(err, interaction.token);
      if (code === 40060) log.info({ interactionId: interaction.id }, 'interaction already answered (40060)');
      else if (code === 10062)
        log.warn({ code, interactionId: interaction.id }, 'interaction expired before the reply (10062)');
      else log.warn({ err: safe, code, interactionId: interaction.id }, 'could not answer an interaction');
    });
  });

  async function handle(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const shard = interaction.guild?.shardId ?? client.shard?.ids[0] ?? 0;
    const ageMs = age.pickedUp(snowflakeAge(interaction.id));
    if (ageMs >= WINDOW.skipFromMs) {
      observer.late('skipped');
      log.warn(
        { interactionId: interaction.id, ageMs, shard },
        'interaction picked up too late to answer (Discord allows 3 s): skipped',
      );
      return;
    }
    if (interaction.isAutocomplete()) {
      const focused = interaction.options.getFocused(true);
      await interaction.respond(desk.autocomplete(interaction.commandName, focused.name, String(focused.value)));
      report({
        command: interaction.commandName,
        kind: 'autocomplete',
        outcome: 'answer',
        handlerMs: performance.now() - started,
        shard,
        interactionId: interaction.id,
      });
      return;
    }
    let reply: Reply;
    let command: string;
    let kind: 'command' | 'component' | 'modal';
    let text: string | undefined;
    const message = 'message' in interaction ? interaction.message : null;
    const title = message?.embeds[0]?.title;
    const locale = localeOf(interaction.locale);
    const who: Who = {
      userId: interaction.user.id,
      ...(locale !== 'en' ? { locale } : {}),
      ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
      ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
      ...(message ? { messageId: message.id } : {}),
      ...(title ? { messageTitle: title } : {}),
    };
    if (interaction.isChatInputCommand()) {
      command = interaction.commandName;
      kind = 'command';
      const options = optionValues(interaction.options.data as never);
      text = Object.values(options).find((v): v is string => typeof v === 'string');
      reply = await desk.command(command, options, who);
    } else if (interaction.isMessageContextMenuCommand()) {
      command = interaction.commandName;
      kind = 'command';
      const target = interaction.targetMessage;
      reply = await desk.command(
        command,
        messageOptions(
          target.id,
          target.content,
          target.embeds.map((e) => ({ title: e.title, description: e.description })),
        ),
        who,
      );
    } else if (interaction.isButton() || interaction.isStringSelectMenu()) {
      command = interaction.customId.split(':', 1)[0] ?? '';
      kind = 'component';
      reply = await desk.press(interaction.customId, who, interaction.isStringSelectMenu() ? interaction.values : []);
    } else if (interaction.isModalSubmit()) {
      command = interaction.customId.split(':', 1)[0] ?? '';
      kind = 'modal';
      const fields: Record<string, string> = Object.create(null);
      for (const [id, field] of interaction.fields.fields)
        if ('value' in field && typeof field.value === 'string') fields[id] = field.value;
      reply = await desk.submit(interaction.customId, fields, who);
    } else {
      return;
    }
    const handlerMs = performance.now() - started;
    // The reply is ready in a millisecond or two; a late interaction is acknowledged with a
    // deferral first (private when the reply will be), and the reply follows as an edit. A form
    // cannot be deferred: it goes as it is.
    if (reply.mode !== 'modal' && age.corrected(snowflakeAge(interaction.id)) >= WINDOW.deferFromMs) {
      observer.late('deferred');
      await callback(
        interaction,
        reply.mode === 'update'
          ? { type: CallbackType.DeferredUpdateMessage }
          : { type: CallbackType.DeferredChannelMessage, data: { flags: reply.message.flags ?? 0 } },
      );
      const { flags: _flags, ...message } = reply.message;
      await interaction.client.rest.patch(
        Routes.webhookMessage(interaction.applicationId, interaction.token, '@original'),
        { body: message, auth: false },
      );
    } else {
      await callback(interaction, callbackFor(reply));
    }
    report({
      command,
      kind,
      outcome: reply.outcome,
      handlerMs,
      responseMs: age.corrected(snowflakeAge(interaction.id)),
      shard,
      interactionId: interaction.id,
      ...(text ? { text } : {}),
    });
  }

  client.on(Events.ShardReady, (shard, unavailable) =>
    log.info(
      { shard, user: client.user?.tag, guilds: client.guilds.cache.size, unavailable: unavailable?.size ?? 0 },
      'gateway ready',
    ),
  );
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardReconnecting, (shard) => {
    if (stopping) return; // our own shutdown, not a lost connection
    observer.reconnect(shard);
    log.warn({ shard }, 'gateway connection lost; reconnecting');
  });
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (!stopping) log.warn({ code: event.code, shard }, 'gateway disconnected for good');
  });
  client.on(Events.Invalidated, () =>
    log.warn(
      'gateway session invalidated: the bot identifies anew, and interactions sent meanwhile were not delivered',
    ),
  );
  client.on(Events.Error, (err) => log.error({ err }, 'client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'client warning'));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.info(
      { route: info.route, method: info.method, waitMs: info.timeToReset, global: info.global, limit: info.limit },
      'rate limited by Discord (429): waiting',
    ),
  );

  const onRejection = (reason: unknown) => log.error({ err: reason }, 'unhandled rejection');
  process.on('unhandledRejection', onRejection);

  let metricsServer: Server | undefined;
  if (config.METRICS_PORT !== undefined) {
    const { createMetrics } = await import('../metrics.ts');
    const metrics = createMetrics();
    observer = metrics;
    metricsServer = createServer((req, res) => {
      const path = (req.url ?? '/').split('?', 1)[0];
      if (req.method === 'GET' && path === '/metrics') {
        void metrics.text().then((body) => res.writeHead(200, { 'Content-Type': metrics.contentType }).end(body));
      } else if (req.method === 'GET' && path === '/healthz') {
        const ready = client.isReady();
        res
          .writeHead(ready ? 200 : 503, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ status: ready ? 'ok' : 'connecting' }));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve, reject) => {
      metricsServer!.once('error', (err) =>
        reject(
          listenError(err, { HOST: config.HOST, PORT: config.METRICS_PORT! }, { host: 'HOST', port: 'METRICS_PORT' }),
        ),
      );
      metricsServer!.listen(config.METRICS_PORT, config.HOST, () => resolve());
    });
    const { port } = metricsServer.address() as AddressInfo;
    log.info({ port }, `metrics on http://${config.HOST}:${port}/metrics, health on /healthz`);
  }

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = stopping = true;
    process.off('unhandledRejection', onRejection);
    log.info('shutting down');
    metricsServer?.close();
    await client.destroy();
  };
  if (handleSignals) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void stop()
          .then(() => beforeExit?.())
          .finally(() => process.exit(0));
      });
    }
  }
  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (err) {
    // discord.js has already destroyed the client; drop our process listener too.
    await stop();
    throw loginError(err);
  }
  return { client, stop, ...(metricsServer ? { metricsServer } : {}) };
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

/**
 * The interaction callback, as interaction.reply() / update() send it, but with our payload as it
 * is: the render layer already makes Discord's JSON (allowed_mentions, flags), and discord.js's
 * MessagePayload would only copy and snake-case every embed again — measured as a third of the
 * bot's end-to-end overhead over a bare "pong" bot. The same REST client queues it and retries
 * 429s and 5xx as for any discord.js call.
 */
async function callback(
  interaction: Interaction,
  body: CallbackBody | { type: number; data?: unknown },
): Promise<void> {
  await interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
    body,
    auth: false,
  });
}
