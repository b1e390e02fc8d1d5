// End to end through the real discord.js client: runGateway logs in to a fake Discord on
// 127.0.0.1 (test/fake-discord), receives INTERACTION_CREATE over its WebSocket gateway and
// answers on the fake's REST API. Also runs `npm run deploy`'s script against the same fake.
// Nothing leaves the loopback interface: a guard refuses any other connection.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Events, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooldown } from '../src/commands/cooldown.ts';
import { createDispatcher } from '../src/commands/dispatch.ts';
import { parseConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import type { MessagePayload } from '../src/render/discord.ts';
import { runGateway, type GatewayBot } from '../src/transports/gateway.ts';
import { startFakeDiscord, type CallbackRecord, type FakeDiscord, type Json } from './fake-discord/index.ts';
import { guardLoopback } from './fake-discord/loopback-guard.ts';
import {
  assertDiscordValid,
  commands,
  core,
  deskOf,
  dispatcher as reference,
  isVerbatim,
  quotedPassages,
} from './helpers/bot.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Shaped like a bot token (≥ 50 of [\w.-]) and unmistakable in a log.
const TOKEN = 'MTEyMjMzNDQ1NTY2Nzc4ODk5.GfAkE0.e2e-fake-token-never-log-me-0123456789';
const APP_ID = '112233445566778899';
const GUILD_ID = '998877665544332211';
const COMMAND_NAMES = ['Check against the articles', 'about', 'ask', 'gaps', 'help', 'source', 'timeline', 'who-knew'];
/** How deploy prints a registered command. */
const printed = (name: string) => (name.includes(' ') ? `${name} (message menu)` : `/${name}`);

const guard = guardLoopback();
const logLines: string[] = [];
const fakeDebug: string[] = [];
const log = createLogger('debug', { write: (line: string) => void logLines.push(line) });

let fake: FakeDiscord;
let bot: GatewayBot | undefined;
let loginMs = 0;
/** Interactions a test made unanswerable on purpose (every callback attempt refused). */
const unanswerable = new Set<string>();

beforeAll(async () => {
  fake = await startFakeDiscord({
    token: TOKEN,
    applicationId: APP_ID,
    guildId: GUILD_ID,
    heartbeatInterval: 1000,
    debug: (line) => void fakeDebug.push(line),
  });
  const config = parseConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_GUILD_ID: GUILD_ID,
    DISCORD_API_URL: fake.apiUrl,
    LOG_LEVEL: 'debug',
  });
  const started = performance.now();
  bot = await runGateway({
    config,
    desk: deskOf(createDispatcher(commands, core, log), createCooldown({ limit: 10_000 }), null, log),
    log,
    handleSignals: false,
  });
  if (!bot.client.isReady()) await once(bot.client, Events.ClientReady);
  loginMs = performance.now() - started;
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  guard.restore();
});

/** The callback's data as our MessagePayload: discord.js may leave out empty arrays. */
function asPayload(data: Json): MessagePayload {
  return { ...data, embeds: data?.embeds ?? [], components: data?.components ?? [] } as MessagePayload;
}

async function slash(name: string, options: Record<string, string> = {}): Promise<CallbackRecord> {
  return fake.waitForCallback(fake.command(name, options).id);
}

function restFor(interactionId: string) {
  return fake.rest.filter((r) => r.path.startsWith(`/interactions/${interactionId}/`));
}

function runDeploy(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // A clean environment: only what node needs plus the fake's settings (never a real token).
    const childEnv = { PATH: process.env.PATH ?? '', ...env };
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/scripts/deploy.ts'],
      { cwd: ROOT, env: childEnv, timeout: 15_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('the gateway bot against a fake Discord', () => {
  it('logs in: fetches the gateway, identifies with the configured token and intent Guilds, becomes ready', () => {
    const client = bot!.client;
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(fake.ids.botUserId);
    expect(client.guilds.cache.has(GUILD_ID)).toBe(true);
    expect(loginMs).toBeLessThan(5000);

    const gatewayBot = fake.rest.filter((r) => r.method === 'GET' && r.path === '/gateway/bot');
    expect(gatewayBot).toHaveLength(1);
    expect(gatewayBot[0]!.authorized).toBe(true);

    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0]).toMatchObject({
      tokenMatches: true,
      intents: GatewayIntentBits.Guilds,
      shard: [0, 1],
      compress: false,
    });
    // Plain JSON, no zlib-stream: zlib-sync is not installed.
    expect(fake.connections[0]).toMatchObject({
      path: '/gateway',
      query: { v: '10', encoding: 'json' },
      auth: 'identify',
    });
    expect(fake.connections[0]!.query.compress).toBeUndefined();
    expect(logLines.some((l) => l.includes('"gateway ready"'))).toBe(true);
  });

  describe('npm run deploy', () => {
    it('registers every command with one bulk overwrite to the guild, and prints them', async () => {
      const { code, stdout, stderr } = await runDeploy({
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_GUILD_ID: GUILD_ID,
        DISCORD_API_URL: fake.apiUrl,
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const puts = fake.rest.filter((r) => r.method === 'PUT');
      expect(puts.map((r) => r.path)).toEqual([`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
      expect(puts[0]!.authorized).toBe(true);
      expect(puts[0]!.body).toEqual(JSON.parse(JSON.stringify([...commands.values()].map((c) => c.data))));
      expect((puts[0]!.body as Array<{ name: string }>).map((c) => c.name).sort()).toEqual(COMMAND_NAMES);

      expect(stdout).toContain(`Registered ${COMMAND_NAMES.length} commands guild ${GUILD_ID}`);
      for (const name of COMMAND_NAMES) expect(stdout).toContain(`${printed(name)}  (id ${fake.commandId(name)})`);
      // User-installable: every command but the moderators' /gaps works in DMs and servers that did
      // not install the bot; deploy prints both install links.
      for (const c of puts[0]!.body as Array<{ name: string; integration_types: number[]; contexts: number[] }>) {
        if (c.name === 'gaps') expect([c.integration_types, c.contexts]).toEqual([[0], [0]]);
        else
          expect([c.integration_types, c.contexts], c.name).toEqual([
            [0, 1],
            [0, 1, 2],
          ]);
      }
      expect(stdout).toContain(
        `https://discord.com/oauth2/authorize?client_id=${APP_ID}&scope=applications.commands&integration_type=1`,
      );
      expect(stdout).toContain(`client_id=${APP_ID}&scope=bot+applications.commands&integration_type=0`);
    });

    it('registers globally when DISCORD_GUILD_ID is unset', async () => {
      const before = fake.rest.length;
      const { code, stdout } = await runDeploy({
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_GUILD_ID: '',
        DISCORD_API_URL: fake.apiUrl,
      });
      expect(code).toBe(0);
      const puts = fake.rest.slice(before).filter((r) => r.method === 'PUT');
      expect(puts.map((r) => r.path)).toEqual([`/applications/${APP_ID}/commands`]);
      expect((puts[0]!.body as Array<{ name: string }>).map((c) => c.name).sort()).toEqual(COMMAND_NAMES);
      expect(stdout).toContain(`Registered ${COMMAND_NAMES.length} commands globally`);
      for (const name of COMMAND_NAMES) expect(stdout).toContain(`${printed(name)}  (id `);
    });
  });

  describe('slash commands', () => {
    const CASES: Array<[string, Record<string, string>]> = [
      ['ask', { question: 'who made pegasus' }],
      ['source', { claim: '1,400 Indians were hacked' }],
      ['who-knew', { date: '2019-09-06' }],
      ['timeline', {}],
      ['help', {}],
    ];

    it.each(CASES)('/%s %j gets one public reply that fits Discord and quotes verbatim', async (name, options) => {
      const sent = fake.command(name, options);
      const callback = await fake.waitForCallback(sent.id);
      expect(callback.body.type).toBe(4);
      const data = callback.body.data;
      expect(Array.isArray(data.embeds) && data.embeds.length > 0).toBe(true);
      expect(data.allowed_mentions).toEqual({ parse: [] });
      expect((data.flags ?? 0) & 64).toBe(0);
      const payload = asPayload(data);
      assertDiscordValid(payload);
      const quotes = quotedPassages(payload);
      if (name !== 'help' && name !== 'timeline') expect(quotes.length).toBeGreaterThan(0);
      for (const q of quotes) expect(isVerbatim(q), q).toBe(true);
      // The transport passes the rendered message through unchanged.
      const expected = reference.run(name, options, fake.ids.userId).message;
      expect(data.embeds).toEqual(expected.embeds);
      expect(payload.components).toEqual(expected.components);
      // Interaction callbacks are sent without the bot token.
      expect(restFor(sent.id).every((r) => !r.hasAuthorization)).toBe(true);
    });

    it('answers invalid input (/who-knew banana) ephemerally', async () => {
      const callback = await slash('who-knew', { date: 'banana' });
      expect(callback.body.type).toBe(4);
      expect(callback.body.data.flags & 64).toBe(64);
      assertDiscordValid(asPayload(callback.body.data));
    });

    it('autocompletes /ask with at most 25 choices', async () => {
      const sent = fake.autocomplete('ask', { question: 'who' }, 'question');
      const callback = await fake.waitForCallback(sent.id);
      expect(callback.body.type).toBe(8);
      const choices = callback.body.data.choices as Array<{ name: string; value: string }>;
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(typeof c.value).toBe('string');
      }
      expect(choices).toEqual(reference.autocomplete('ask', 'question', 'who'));
    });

    it('autocompletes /who-knew with an empty value within 25 choices', async () => {
      const callback = await fake.waitForCallback(fake.autocomplete('who-knew', { date: '' }, 'date').id);
      expect(callback.body.type).toBe(8);
      expect(callback.body.data.choices.length).toBeGreaterThan(0);
      expect(callback.body.data.choices.length).toBeLessThanOrEqual(25);
    });

    it('turns /timeline to page 2 when its ▶ button is pressed (UPDATE_MESSAGE)', async () => {
      const first = await slash('timeline');
      const buttons = (asPayload(first.body.data).components ?? []).flatMap((row) => row.components) as Array<{
        label?: string;
        custom_id?: string;
        disabled?: boolean;
      }>;
      const next = buttons.find((b) => b.label === '▶');
      expect(next?.disabled).toBe(false);
      expect(next?.custom_id).toBeTruthy();

      const sent = fake.pressButton(next!.custom_id!, fake.messageFor(first));
      const callback = await fake.waitForCallback(sent.id);
      expect(callback.body.type).toBe(7);
      const payload = asPayload(callback.body.data);
      assertDiscordValid(payload);
      expect(payload.embeds[0]!.footer?.text).toMatch(/page 2 of \d+/);
      expect(JSON.stringify(payload.components)).toMatch(/"label":"2 \/ \d+"/);
      expect((callback.body.data.flags ?? 0) & 64).toBe(0);
      expect(payload.embeds).toEqual(reference.press(next!.custom_id!).message.embeds);
      for (const q of quotedPassages(payload)) expect(isVerbatim(q), q).toBe(true);
    });

    it('opens one event from the /timeline menu (a string select), updating the message', async () => {
      const first = await slash('timeline');
      const menu = (asPayload(first.body.data).components ?? [])
        .flatMap((row) => row.components)
        .find((c) => c.type === 3) as { custom_id: string; options: Array<{ label: string; value: string }> };
      const lawsuit = menu.options.find((o) => /sues NSO/.test(o.label))!;
      const sent = fake.select(menu.custom_id, [lawsuit.value], fake.messageFor(first));
      const callback = await fake.waitForCallback(sent.id);
      expect(callback.body.type).toBe(7);
      const payload = asPayload(callback.body.data);
      assertDiscordValid(payload);
      expect(payload.embeds[0]!.title).toMatch(/sues NSO/);
    });

    it("answers a press by someone other than the asker privately, never editing the asker's message", async () => {
      const first = await slash('timeline');
      const next = (asPayload(first.body.data).components ?? [])
        .flatMap((row) => row.components)
        .find((b) => 'label' in b && b.label === '▶') as { custom_id: string };
      const sent = fake.pressButton(next.custom_id, fake.messageFor(first), '999999999999999999');
      const callback = await fake.waitForCallback(sent.id);
      expect(callback.body.type).toBe(4);
      expect(callback.body.data.flags & 64).toBe(64);
      expect(asPayload(callback.body.data).embeds[0]!.footer?.text).toMatch(/page 2 of/);
    });

    it('shows a quote in context privately (a new ephemeral message)', async () => {
      const first = await slash('ask', { question: 'who made pegasus' });
      const ctx = (asPayload(first.body.data).components ?? [])
        .flatMap((row) => row.components)
        .find((b) => 'label' in b && b.label === 'Show in context') as { custom_id: string };
      const callback = await fake.waitForCallback(fake.pressButton(ctx.custom_id, fake.messageFor(first)).id);
      expect(callback.body.type).toBe(4);
      expect(callback.body.data.flags & 64).toBe(64);
      expect(JSON.stringify(callback.body.data.embeds)).toMatch(/\*\*/);
    });
  });

  describe('gateway trouble', () => {
    it('resumes after the gateway drops with close 4000, then answers a new interaction', async () => {
      const before = fake.lastConnectionId;
      await fake.dropConnection(4000);
      const connection = await fake.waitUntilLive(before);
      expect(['resume', 'identify']).toContain(connection.auth);
      expect(fake.connections[before - 1]).toMatchObject({ closeCode: 4000, closedBy: 'fake' });
      if (connection.auth === 'resume')
        expect(fake.resumes.at(-1)).toMatchObject({ tokenMatches: true, accepted: true, sessionId: fake.sessionId });

      const callback = await slash('ask', { question: 'when did whatsapp sue nso' });
      expect(callback.body.type).toBe(4);
      expect(logLines.some((l) => l.includes('"gateway resumed"'))).toBe(connection.auth === 'resume');
    });

    it('gets an interaction sent while disconnected on resume (replayed) and answers it once', async () => {
      const before = fake.lastConnectionId;
      await fake.dropConnection(4000);
      expect(fake.live).toBe(false);
      const sent = fake.command('source', { claim: 'WhatsApp never told the government' });
      const callback = await fake.waitForCallback(sent.id);
      expect(callback.body.type).toBe(4);
      expect(fake.resumes.at(-1)).toMatchObject({ accepted: true, connection: before + 1 });
      expect(fake.resumes.at(-1)!.replayed).toBeGreaterThanOrEqual(1);
      await fake.waitUntilLive(before);
    });

    it('reconnects when Discord sends op 7 RECONNECT, then answers a new interaction', async () => {
      const before = fake.lastConnectionId;
      fake.requestReconnect();
      const connection = await fake.waitUntilLive(before);
      expect(['resume', 'identify']).toContain(connection.auth);
      // The client closes the old connection itself, with discord.js's "resuming" code.
      expect(fake.connections[before - 1]).toMatchObject({ closedBy: 'client', closeCode: 4200 });
      const callback = await slash('help');
      expect(callback.body.type).toBe(4);
    });

    it('survives an abrupt drop without a close frame (1006)', async () => {
      const before = fake.lastConnectionId;
      await fake.dropConnection(1006);
      await fake.waitUntilLive(before);
      expect((await slash('who-knew', { date: '6 Sep 2019' })).body.type).toBe(4);
    });

    it('only ever identified once: every reconnect resumed the session', () => {
      expect(fake.identifies).toHaveLength(1);
      expect(fake.resumes.length).toBeGreaterThanOrEqual(4);
      expect(fake.resumes.every((r) => r.accepted && r.tokenMatches)).toBe(true);
    });
  });

  describe('REST trouble on the callback route', () => {
    it('waits out a 429 (retry_after) and then answers once', async () => {
      fake.failCallbacks(1, { status: 429, retryAfter: 0.2 });
      const refused = fake.refusedCallbacks.length;
      const sent = fake.command('help');
      const callback = await fake.waitForCallback(sent.id);
      expect(fake.refusedCallbacks.slice(refused)).toMatchObject([{ interactionId: sent.id, status: 429 }]);
      expect(callback.latencyMs).toBeGreaterThanOrEqual(200);
      expect(callback.latencyMs).toBeLessThan(3000);
    });

    it('retries a 500 and then answers once', async () => {
      fake.failCallbacks(1, { status: 500 });
      const sent = fake.command('help');
      await fake.waitForCallback(sent.id);
      expect(fake.refusedCallbacks.filter((r) => r.interactionId === sent.id)).toHaveLength(1);
    });

    it('logs a warning, without the interaction token, when every attempt fails', async () => {
      fake.failCallbacks(4, { status: 500 });
      const sent = fake.command('help');
      unanswerable.add(sent.id);
      const line = await fake.waitFor(
        () => logLines.find((l) => l.includes(sent.id) && l.includes('could not answer an interaction')),
        'the warning for the failed reply',
      );
      expect(fake.refusedCallbacks.filter((r) => r.interactionId === sent.id)).toHaveLength(4);
      expect(JSON.parse(line)).toMatchObject({ level: 40, interactionId: sent.id, err: { status: 500 } });
      expect(line).not.toContain(sent.token);
      expect(line).toContain('[redacted]');
    });
  });

  it('refuses a wrong token at login, and runGateway leaves no listener behind', async () => {
    const listeners = process.listenerCount('unhandledRejection');
    const config = parseConfig({ DISCORD_TOKEN: `${TOKEN.slice(0, -4)}nope`, DISCORD_API_URL: fake.apiUrl });
    await expect(
      runGateway({
        config,
        desk: deskOf(createDispatcher(commands, core, log), createCooldown({ limit: 10_000 }), null, log),
        log,
        handleSignals: false,
      }),
    ).rejects.toThrow(/^DISCORD_TOKEN was refused by Discord/);
    expect(process.listenerCount('unhandledRejection')).toBe(listeners);
    expect(fake.identifies).toHaveLength(1);
  });

  describe('afterwards', () => {
    it('answered every interaction exactly once', async () => {
      await new Promise((resolve) => setTimeout(resolve, 250)); // room for a stray duplicate to show up
      const sent = fake.sentInteractions;
      expect(sent.length).toBeGreaterThanOrEqual(17);
      for (const { id } of sent) expect(fake.callbacksFor(id), id).toHaveLength(unanswerable.has(id) ? 0 : 1);
      expect(fake.rest.filter((r) => r.status === 400)).toEqual([]);
      expect(fake.rest.filter((r) => r.path.startsWith('/interactions/')).every((r) => !r.hasAuthorization)).toBe(true);
    });

    it('never logs the bot token or an interaction token', () => {
      expect(logLines.length).toBeGreaterThan(5);
      const all = logLines.join('\n');
      expect(all).not.toContain(TOKEN);
      for (const { token } of fake.sentInteractions) expect(all).not.toContain(token);
      expect(fakeDebug.join('\n')).not.toContain(TOKEN);
    });

    it('kept the fake happy: known routes and ops only, heartbeats acknowledged, loopback only', () => {
      expect(fake.unknownRoutes.map((r) => `${r.method} ${r.path}`)).toEqual([]);
      expect(fake.unknownOps).toEqual([]);
      expect(fake.heartbeats).toBeGreaterThan(0);
      expect(guard.refused).toEqual([]);
      expect(guard.attempts.length).toBeGreaterThan(0);
    });
  });
});
