// The curator loop end to end: the real gateway bot (discord.js) against the fake Discord — a vote,
// "Report a problem" as a Discord form (callback type 9, then a modal submit) and the report posted
// to REPORT_CHANNEL_ID with mentions off — and the real entry points as an operator runs them:
// `npm start`'s console and `npm run serve` recording to SQLite with nothing configured, or to
// PostgreSQL with DATABASE_URL, and `npm run kb:gaps` printing what was recorded.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Events } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../src/commands/dispatch.ts';
import { parseConfig } from '../src/config.ts';
import { openCurator, type Curator } from '../src/curator/curator.ts';
import { createDesk } from '../src/desk.ts';
import { createLogger } from '../src/log.ts';
import { createInteractionServer } from '../src/transports/http.ts';
import { runGateway, type GatewayBot } from '../src/transports/gateway.ts';
import { startFakeDiscord, type FakeDiscord } from './fake-discord/index.ts';
import { guardLoopback, type LoopbackGuard } from './fake-discord/loopback-guard.ts';
import {
  botMessage,
  buttonInteraction,
  chatInputInteraction,
  modalSubmitInteraction,
} from './fake-discord/payloads.ts';
import { assertDiscordValid, commands, core } from './helpers/bot.ts';
import { postgresEngine, sqliteEngine, type Engine } from './helpers/engines.ts';
import { TOKEN } from './helpers/gateway.ts';
import { ROOT } from './helpers/project-copy.ts';
import { closed, interactionBody, keyPair, listen, signedHeaders } from './helpers/signed.ts';

const APP_ID = '112233445566778899';
const GUILD_ID = '998877665544332211';
const REPORT_CHANNEL = '776655443322110099';

describe('feedback through the gateway bot and the fake Discord', () => {
  let fake: FakeDiscord;
  let bot: GatewayBot;
  let curator: Curator;
  let engine: Engine;
  let guard: LoopbackGuard;
  const logLines: string[] = [];
  beforeAll(async () => {
    guard = guardLoopback();
    engine = sqliteEngine();
    fake = await startFakeDiscord({ token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, heartbeatInterval: 1000 });
    const config = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      REPORT_CHANNEL_ID: REPORT_CHANNEL,
      ...engine.env,
    });
    const log = createLogger('info', { write: (l: string) => void logLines.push(l) });
    curator = await openCurator({ config, kb: core.kb, log, driver: engine.driver() });
    const dispatcher = createDispatcher(commands, core, log, { records: { questionLog: true, retentionDays: 90 } });
    bot = await runGateway({
      config,
      desk: createDesk({ dispatcher, core, log, curator, cooldown: { take: async () => 0 } }),
      log,
      handleSignals: false,
    });
    if (!bot.client.isReady()) await once(bot.client, Events.ClientReady);
  }, 60_000);
  afterAll(async () => {
    await bot.stop();
    await curator.close();
    await fake.close();
    await engine.close();
    guard.restore();
  });

  it('a vote and a problem report, as Discord sends them, are answered once each and recorded', async () => {
    const ask = chatInputInteraction(fake.ids, fake.commandId('ask'), 'ask', { question: 'who made pegasus' });
    fake.sendInteraction(ask);
    const answer = (await fake.waitForCallback(ask.id)).body;
    expect(answer.type).toBe(4);
    assertDiscordValid(answer.data);
    const message = botMessage(fake.ids, answer.data);
    const ids = (answer.data.components as Array<{ components: Array<{ label: string; custom_id: string }> }>)
      .flatMap((r) => r.components)
      .map((c) => [c.label, c.custom_id] as const);
    const id = (label: RegExp) => ids.find(([l]) => label.test(l))![1];

    const vote = buttonInteraction(fake.ids, id(/👍/), message);
    fake.sendInteraction(vote);
    const thanks = (await fake.waitForCallback(vote.id)).body;
    expect(thanks).toMatchObject({ type: 4, data: { flags: 64 } });

    const open = buttonInteraction(fake.ids, id(/Report a problem/), message);
    fake.sendInteraction(open);
    const form = (await fake.waitForCallback(open.id)).body;
    expect(form.type).toBe(9);
    expect(form.data.title).toBe('Report a problem');
    expect(form.data.custom_id).toMatch(/^report:send:-:qa:who-made-pegasus:[0-9a-f]{8}$/);
    const field = form.data.components[0].components[0];
    expect(field).toMatchObject({ type: 4, style: 2, required: true });
    expect(field.label.length).toBeLessThanOrEqual(45);
    expect(form.data.title.length).toBeLessThanOrEqual(45);

    const submit = modalSubmitInteraction(
      fake.ids,
      form.data.custom_id,
      { [field.custom_id]: 'The second quote is not from the article @everyone <@123456789012345678> **bold**' },
      message,
    );
    fake.sendInteraction(submit);
    const sent = (await fake.waitForCallback(submit.id)).body;
    expect(sent).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(sent.data.embeds[0].description).toMatch(/moderators have been sent this one/);

    await fake.waitFor(() => fake.channelMessages.length === 1, 'the report in the moderators’ channel', 5_000);
    const posted = fake.channelMessages[0]!;
    expect(posted.channelId).toBe(REPORT_CHANNEL);
    expect(posted.body.allowed_mentions).toEqual({ parse: [] });
    const text = JSON.stringify(posted.body);
    // The member's words are plain text there: markdown and mentions escaped (and mentions off anyway).
    const description = posted.body.embeds[0].description as string;
    expect(description).toContain('\\@everyone');
    expect(description).not.toMatch(/(?<!\\)@everyone|(?<!\\)<@\d|(?<!\\)\*\*/);
    expect(text).toContain('qa:who-made-pegasus');

    await curator.queue.flush();
    const report = await curator.gaps(3_600_000);
    expect(report.reports[0]).toMatchObject({ replyTitle: 'Who made Pegasus?' });
    expect(report.reports[0]!.text).toContain('The second quote is not from the article');
    const votes = await curator.store.driver.query<{ message_id: string }>('SELECT message_id FROM votes');
    expect(votes.map((v) => v.message_id)).toEqual([message.id]);
    // Each interaction answered exactly once, and no token in the log.
    for (const x of [ask, vote, open, submit])
      expect(fake.callbacks.filter((c) => c.interactionId === x.id)).toHaveLength(1);
    expect(logLines.join('')).not.toContain(TOKEN);
  });
});

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function runNode(script: string, cwd: string, env: Record<string, string>, input?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', tsx, path.join(ROOT, script), ...(env.ARGS ? env.ARGS.split(' ') : [])],
      {
        cwd,
        env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: '', ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

const gapsJson = async (cwd: string, env: Record<string, string> = {}) => {
  const r = await runNode('src/scripts/kb-gaps.ts', cwd, { ...env, ARGS: '--since 1h --json' });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { groups: Array<{ question: string; command: string }>; downvoted: unknown[] };
};

describe('feedback through the signed HTTP endpoint', () => {
  it('a vote (component) and a problem report (modal submit, type 5) are recorded, each answered once', async () => {
    const engine = sqliteEngine();
    const log = createLogger('silent');
    const curator = await openCurator({
      config: parseConfig({ ...engine.env }),
      kb: core.kb,
      log,
      driver: engine.driver(),
    });
    const dispatcher = createDispatcher(commands, core, log, { records: { questionLog: true, retentionDays: 90 } });
    const discord = keyPair();
    const server = createInteractionServer({
      publicKey: discord.publicHex,
      desk: createDesk({ dispatcher, core, log, curator, cooldown: { take: async () => 0 } }),
      log,
    });
    const base = await listen(server);
    const post = async (body: string) => {
      const res = await fetch(`${base}/`, { method: 'POST', headers: signedHeaders(discord.privateKey, body), body });
      expect(res.status).toBe(200);
      return (await res.json()) as { type: number; data: Record<string, any> };
    };
    try {
      const user = '888888888888888888';
      const asked = await post(
        interactionBody(
          2,
          { id: '1', name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: 'who made pegasus' }] },
          user,
        ),
      );
      const ids = (asked.data.components as Array<{ components: Array<{ label: string; custom_id: string }> }>)
        .flatMap((r) => r.components)
        .map((c) => [c.label, c.custom_id] as const);
      const id = (label: RegExp) => ids.find(([l]) => label.test(l))![1];
      const message = { id: '700000000000000077', embeds: asked.data.embeds };
      const withMessage = (body: string) => JSON.stringify({ ...JSON.parse(body), message });
      const vote = await post(withMessage(interactionBody(3, { custom_id: id(/👎/), component_type: 2 }, user)));
      expect(vote).toMatchObject({ type: 4, data: { flags: 64 } });
      const form = await post(
        withMessage(interactionBody(3, { custom_id: id(/Report a problem/), component_type: 2 }, user)),
      );
      expect(form.type).toBe(9);
      const field = form.data.components[0].components[0].custom_id as string;
      const sent = await post(
        withMessage(
          interactionBody(
            5,
            {
              custom_id: form.data.custom_id,
              components: [{ type: 1, components: [{ type: 4, custom_id: field, value: 'The date is wrong' }] }],
            },
            user,
          ),
        ),
      );
      expect(sent).toMatchObject({ type: 4, data: { flags: 64 } });
      await curator.queue.flush();
      const report = await curator.gaps(3_600_000);
      expect(report.downvoted[0]).toMatchObject({ kind: 'qa', id: 'who-made-pegasus', down: 1 });
      expect(report.reports[0]).toMatchObject({ text: 'The date is wrong', replyTitle: 'Who made Pegasus?' });
    } finally {
      await closed(server);
      await curator.close();
      await engine.close();
    }
  });
});

describe('the entry points record, and npm run kb:gaps prints it', () => {
  let cwd = '';
  let pg: Engine;
  beforeAll(async () => {
    cwd = mkdtempSync(path.join(tmpdir(), 'desk-records-'));
    pg = await postgresEngine();
  }, 60_000);
  afterAll(async () => {
    rmSync(cwd, { recursive: true, force: true });
    await pg.close();
  });

  it('npm start (console), nothing configured: SQLite in ./data; kb:gaps shows the question', async () => {
    const before = await runNode('src/scripts/kb-gaps.ts', cwd, { ARGS: '--since 7d' });
    expect(before.stdout).toMatch(/no database there yet/);
    const r = await runNode('src/main.ts', cwd, {}, '/ask what colour is the carpet in the NSO lobby\n/quit\n');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("The two articles don't say");
    const report = await gapsJson(cwd);
    expect(report.groups.map((g) => g.question)).toContain('what colour is the carpet in the NSO lobby');
    const text = await runNode('src/scripts/kb-gaps.ts', cwd, { ARGS: '--since 7d' });
    expect(text.stdout).toMatch(/"what colour is the carpet in the NSO lobby" — 1× by 1 member · \/ask/);
    expect(text.stdout).toContain(path.join(cwd, 'data', 'incident-desk.sqlite'));
    const bad = await runNode('src/scripts/kb-gaps.ts', cwd, { ARGS: '--since yesterday' });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')[0]).toBe('--since yesterday: not a period such as 7d, 12h or 2w.');
  }, 90_000);

  it('npm run serve, nothing configured: records a signed /ask to the same SQLite, flushed on SIGTERM', async () => {
    const discord = keyPair();
    const child = spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'src/serve.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DISCORD_PUBLIC_KEY: discord.publicHex },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stderr.on('data', (c) => {
        out += c;
        const m = /listening on (http:\/\/[\w.:[\]]+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    const body = interactionBody(
      2,
      { id: '1', name: 'source', type: 1, options: [{ name: 'claim', type: 3, value: 'NSO painted its lobby green' }] },
      '777777777777777777',
    );
    const res = await fetch(`${url}/`, { method: 'POST', headers: signedHeaders(discord.privateKey, body), body });
    expect(res.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const report = await gapsJson(cwd);
    expect(report.groups.find((g) => g.command === 'source')?.question).toBe('NSO painted its lobby green');
  }, 90_000);

  it('with DATABASE_URL: the console records to PostgreSQL, and kb:gaps reads it there', async () => {
    const env = { DATABASE_URL: pg.env.DATABASE_URL! };
    const r = await runNode('src/main.ts', cwd, env, '/ask how many windows does the NSO office have\n/quit\n');
    expect(r.code, r.stderr).toBe(0);
    const report = await gapsJson(cwd, env);
    expect(report.groups.map((g) => g.question)).toEqual(['how many windows does the NSO office have']);
    // The password in the URL is never printed.
    const text = await runNode('src/scripts/kb-gaps.ts', cwd, { ...env, ARGS: '--since 1h' });
    expect(text.stdout).toMatch(/127\.0\.0\.1:\d+\/postgres/);
    expect(text.stdout + text.stderr + r.stdout + r.stderr).not.toContain('secret-password');
  }, 90_000);
});
