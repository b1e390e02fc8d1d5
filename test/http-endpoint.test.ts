// The HTTP interactions endpoint, end to end over real sockets: requests are signed with a key
// pair made here, exactly as Discord signs them (Ed25519 over timestamp + raw body).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.ts';
import type { MessagePayload } from '../src/render/discord.ts';
import { createInteractionServer } from '../src/transports/http.ts';
import { createCooldown } from '../src/commands/cooldown.ts';
import { assertDiscordValid, deskOf, dispatcher } from './helpers/bot.ts';
import { interactionBody, keyPair, listen, nowSeconds, signedHeaders as signed } from './helpers/signed.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const discord = keyPair();
const stranger = keyPair();
const sentSignatures: string[] = [];
const TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldC1pbnRlcmFjdGlvbi10b2tlbg';

function signedHeaders(
  body: string,
  { key = discord.privateKey, timestamp = String(nowSeconds()) } = {},
): Record<string, string> {
  const headers = signed(key, body, timestamp);
  sentSignatures.push(headers['x-signature-ed25519']!);
  return headers;
}

const interaction = (type: number, data?: unknown, userId?: string): string =>
  interactionBody(type, data, userId, TOKEN);

async function post(
  base: string,
  body: string,
  headers: Record<string, string> = signedHeaders(body),
  pathname = '/',
): Promise<{ status: number; json: any }> {
  const res = await fetch(base + pathname, { method: 'POST', headers, body });
  const text = await res.text();
  expect(res.headers.get('content-type')).toBe('application/json');
  return { status: res.status, json: JSON.parse(text) };
}

const logLines: string[] = [];
const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
const log = createLogger('debug', sink);
const desk = deskOf(dispatcher, createCooldown());
const server = createInteractionServer({ publicKey: discord.publicHex, desk, log });
let base = '';

beforeAll(async () => {
  base = await listen(server);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('signed interactions', () => {
  it('answers PING with PONG', async () => {
    const { status, json } = await post(base, interaction(1));
    expect(status).toBe(200);
    expect(json).toEqual({ type: 1 });
  });

  it('answers /ask with a channel message: embeds, no pings', async () => {
    const body = interaction(2, {
      id: '1',
      name: 'ask',
      type: 1,
      options: [{ name: 'question', type: 3, value: 'who made pegasus' }],
    });
    const { status, json } = await post(base, body, signedHeaders(body), '/interactions');
    expect(status).toBe(200);
    expect(json.type).toBe(4);
    expect(json.data.embeds.length).toBeGreaterThan(0);
    expect(json.data.allowed_mentions).toEqual({ parse: [] });
    assertDiscordValid(json.data as MessagePayload);
  });

  it('answers autocomplete with choices', async () => {
    const { status, json } = await post(
      base,
      interaction(4, {
        id: '1',
        name: 'ask',
        type: 1,
        options: [{ name: 'question', type: 3, value: 'who made', focused: true }],
      }),
    );
    expect(status).toBe(200);
    expect(json.type).toBe(8);
    expect(Array.isArray(json.data.choices)).toBe(true);
    expect(json.data.choices.length).toBeGreaterThan(0);
    for (const c of json.data.choices) expect(typeof c.name === 'string' && typeof c.value === 'string').toBe(true);
  });

  it('answers a ▶ press on a /timeline page by updating the message', async () => {
    const first = await post(base, interaction(2, { id: '1', name: 'timeline', type: 1 }));
    expect(first.json.type).toBe(4);
    const next = (first.json.data as MessagePayload).components
      .flatMap((r) => r.components)
      .find((b) => 'label' in b && b.label === '▶') as { custom_id: string; disabled?: boolean };
    expect(next.disabled).toBeFalsy();
    const { status, json } = await post(base, interaction(3, { custom_id: next.custom_id, component_type: 2 }));
    expect(status).toBe(200);
    expect(json.type).toBe(7);
    expect(json.data.flags).toBeUndefined();
    assertDiscordValid(json.data as MessagePayload);
    expect(JSON.stringify(json.data.embeds)).not.toBe(JSON.stringify(first.json.data.embeds));
  });

  it("answers a menu choice by updating the message, and a stranger's press privately", async () => {
    const asker = '412345678901234567';
    const first = await post(base, interaction(2, { id: '1', name: 'timeline', type: 1 }, asker));
    const controls = (first.json.data as MessagePayload).components.flatMap((r) => r.components);
    const menu = controls.find((c) => c.type === 3) as { custom_id: string; options: Array<{ value: string }> };
    const picked = await post(
      base,
      interaction(3, { custom_id: menu.custom_id, component_type: 3, values: [menu.options[0]!.value] }, asker),
    );
    expect(picked.json.type).toBe(7);
    assertDiscordValid(picked.json.data as MessagePayload);
    const next = controls.find((b) => 'label' in b && b.label === '▶') as { custom_id: string };
    const stranger = await post(
      base,
      interaction(3, { custom_id: next.custom_id, component_type: 2 }, '512345678901234567'),
    );
    expect(stranger.json.type).toBe(4);
    expect(stranger.json.data.flags).toBe(64);
  });
});

describe('the same question from two members', () => {
  it('each gets a reply whose buttons are their own, and each interaction is logged', async () => {
    const ask = (userId: string) =>
      interaction(
        2,
        { id: '1', name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: 'who made pegasus' }] },
        userId,
      );
    const lines = logLines.length;
    const first = await post(base, ask('612345678901234567'));
    const second = await post(base, ask('712345678901234567'));
    const ids = (json: any) =>
      (json.data as MessagePayload).components
        .flatMap((r) => r.components)
        .map((c) => ('custom_id' in c ? c.custom_id : ''))
        .filter((id) => id.startsWith('ask:'));
    expect(ids(first.json).length).toBeGreaterThan(0);
    for (const id of ids(first.json)) expect(id.split(':')[2]).toBe('612345678901234567');
    for (const id of ids(second.json)) expect(id.split(':')[2]).toBe('712345678901234567');
    expect(second.json.data.embeds).toEqual(first.json.data.embeds);
    const logged = logLines
      .slice(lines)
      .map((l) => JSON.parse(l) as { msg?: string; command?: string })
      .filter((l) => l.msg === 'interaction' && l.command === 'ask');
    expect(logged).toHaveLength(2);
  });
});

describe('rejections', () => {
  it('401 without signature headers', async () => {
    const body = interaction(1);
    expect((await post(base, body, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await post(base, body, { 'x-signature-timestamp': String(nowSeconds()) })).status).toBe(401);
    expect((await post(base, body, { ...signedHeaders(body), 'x-signature-ed25519': 'not-hex' })).status).toBe(401);
  });

  it('401 for a signature by another key', async () => {
    const body = interaction(1);
    expect((await post(base, body, signedHeaders(body, { key: stranger.privateKey }))).status).toBe(401);
  });

  it('401 for a body changed after signing', async () => {
    const body = interaction(1);
    const headers = signedHeaders(body);
    expect((await post(base, body.replace('"type":1', '"type":1 '), headers)).status).toBe(401);
  });

  it('401 for a stale or future timestamp, even correctly signed', async () => {
    const body = interaction(1);
    expect((await post(base, body, signedHeaders(body, { timestamp: String(nowSeconds() - 600) }))).status).toBe(401);
    expect((await post(base, body, signedHeaders(body, { timestamp: String(nowSeconds() + 600) }))).status).toBe(401);
    expect((await post(base, body, signedHeaders(body, { timestamp: 'yesterday' }))).status).toBe(401);
  });

  it('400 for malformed JSON or an unknown interaction type, validly signed', async () => {
    expect((await post(base, '{"type":1,')).status).toBe(400);
    expect((await post(base, '[1]')).status).toBe(400);
    expect((await post(base, interaction(99))).status).toBe(400);
  });

  it('413 for an oversized body, declared or streamed', async () => {
    const big = JSON.stringify({ type: 1, pad: 'x'.repeat(200 * 1024) });
    expect((await post(base, big)).status).toBe(413);
    // Chunked, with no Content-Length: the limit is enforced while reading.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/`, { method: 'POST', headers: signedHeaders(big) }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < big.length; i += 16 * 1024) req.write(big.slice(i, i + 16 * 1024));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('405 for other methods, 404 for other paths', async () => {
    const get = await fetch(`${base}/`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await post(base, interaction(1), undefined, '/nope')).status).toBe(404);
  });
});

describe('failures and logs', () => {
  it('500 with an error id when a handler throws, and the id is logged', async () => {
    const errLines: string[] = [];
    const errSink = new Writable({ write: (chunk, _enc, done) => (errLines.push(String(chunk)), done()) });
    const broken = createInteractionServer({
      publicKey: discord.publicHex,
      desk: {
        ...desk,
        command: () => {
          throw new Error('boom');
        },
      },
      log: createLogger('debug', errSink),
    });
    const url = await listen(broken);
    try {
      const { status, json } = await post(
        url,
        interaction(2, { id: '1', name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: 'x' }] }),
      );
      expect(status).toBe(500);
      expect(json).toEqual({ error: 'internal error', errorId: expect.stringMatching(/^[0-9a-f]{8}$/) });
      expect(errLines.join('')).toContain(json.errorId);
      expect(errLines.join('')).not.toContain(TOKEN);
    } finally {
      await new Promise((resolve) => broken.close(resolve));
    }
  });

  it('never log a signature or an interaction token', () => {
    const out = logLines.join('');
    expect(out).toContain('"msg":"interaction"'); // one info line per interaction was written…
    expect(out).toContain('signature does not verify');
    expect(sentSignatures.length).toBeGreaterThan(10);
    for (const s of sentSignatures) expect(out).not.toContain(s); // …without any secret in them
    expect(out).not.toContain(TOKEN);
  });
});

describe('npm run serve', () => {
  // A fresh cwd (so no .env is picked up) and a minimal environment.
  const cwd = mkdtempSync(path.join(tmpdir(), 'serve-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const serve = (env: Record<string, string>) =>
    spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'src/serve.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('exits 1 naming DISCORD_PUBLIC_KEY when it is not set', async () => {
    const child = serve({ DISCORD_PUBLIC_KEY: '' });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('DISCORD_PUBLIC_KEY');
    expect(stderr).toContain('npm run serve');
  });

  it('listens, answers a signed PING, and exits 0 on SIGTERM', async () => {
    const child = serve({ DISCORD_PUBLIC_KEY: discord.publicHex });
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        child.stderr.on('data', (c) => {
          stderr += c;
          const m = /listening on (http:\/\/[\w.:[\]]+)/.exec(stderr);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
      const { status, json } = await post(url, interaction(1));
      expect(status).toBe(200);
      expect(json).toEqual({ type: 1 });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
