// npm run start:sharded end to end: discord.js's ShardingManager spawns two shard processes against
// a fake Discord with two shards (one guild each); every interaction is delivered only on the
// session of the shard that owns its guild, and must be answered exactly once, by that shard.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type RawInteraction } from './fake-discord/index.ts';
import { chatInputInteraction } from './fake-discord/payloads.ts';
import { assertValidCallback, TOKEN, userId } from './helpers/gateway.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APP_ID = '112233445566778899';
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let fake: FakeDiscord;
let child: ReturnType<typeof spawn>;
let stderr = '';
let exited: Promise<number | null>;
// A fresh cwd: no .env is picked up, and the shards must not depend on where they were started.
const cwd = mkdtempSync(path.join(tmpdir(), 'sharded-'));

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN, applicationId: APP_ID, shards: 2, heartbeatInterval: 1000 });
  child = spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'src/shard.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
      SHARD_COUNT: '2',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c) => (stderr += c));
  child.stderr!.on('data', (c) => (stderr += c));
  exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  // ShardingManager waits 5.5 s between shards (Discord's identify pacing) and each loads the bot.
  await fake.waitFor(
    () => fake.liveShards.length === 2,
    `both shards live (output so far: ${stderr.slice(-500)})`,
    60_000,
  );
}, 70_000);

afterAll(async () => {
  child?.kill('SIGTERM');
  await exited;
  await fake?.close();
  rmSync(cwd, { recursive: true, force: true });
});

const logLines = () =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('npm run start:sharded', () => {
  it('identifies once per shard, each with its own shard id', () => {
    const shards = fake.identifies.filter((i) => i.tokenMatches).map((i) => JSON.stringify(i.shard));
    expect(shards.sort()).toEqual(['[0,2]', '[1,2]']);
    expect(new Set(fake.guilds.map((g) => g.shard))).toEqual(new Set([0, 1]));
  });

  it('answers every interaction exactly once, from the shard that owns its guild', async () => {
    const sent: RawInteraction[] = [];
    const questions = ['who made pegasus', 'how many indians were targeted', 'when did whatsapp tell the government'];
    for (let i = 0; i < 24; i++) {
      const g = fake.guilds[i % fake.guilds.length]!;
      const raw = chatInputInteraction(fake.idsIn(g), fake.commandId('ask'), 'ask', {
        question: questions[i % questions.length]!,
      });
      (raw.member as { user: { id: string } }).user.id = userId(i);
      sent.push(fake.sendInteraction(raw));
    }
    await fake.waitFor(() => sent.every((s) => fake.callbacksFor(s.id).length > 0), 'every callback', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const s of sent) {
      const callbacks = fake.callbacksFor(s.id);
      expect(callbacks, s.id).toHaveLength(1);
      assertValidCallback(callbacks[0]!, s);
    }
    // Each shard's own log line for each interaction names that shard.
    await fake.waitFor(
      () => sent.every((s) => logLines().some((l) => l.interactionId === s.id)),
      'the log lines',
      5_000,
    );
    for (const s of sent) {
      const lines = logLines().filter((l) => l.msg === 'interaction' && l.interactionId === s.id);
      expect(lines, s.id).toHaveLength(1);
      expect(lines[0]!.shard).toBe(fake.shardOf(s.guild_id));
    }
    expect(new Set(sent.map((s) => fake.shardOf(s.guild_id)))).toEqual(new Set([0, 1]));
    expect(stderr).not.toContain(TOKEN);
  }, 30_000);

  it('stops every shard on SIGTERM, exit 0', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await fake.waitFor(() => fake.liveShards.length === 0, 'both shards gone', 10_000);
  }, 15_000);
});
