// Start-up as an operator meets it: the launcher builds only when something changed, and every
// mistake of theirs — a broken knowledge file, a bad variable, a port in use, a HOST that is not
// this machine's, a token Discord refuses — is one line naming what to fix, exit 1, no stack.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fake-discord/index.ts';
import { TOKEN } from './helpers/gateway.ts';
import { copyProject, ROOT } from './helpers/project-copy.ts';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function runNode(
  args: string[],
  opts: { cwd: string; env?: Record<string, string>; input?: string; timeoutMs?: number },
): Promise<Ran> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, {
      cwd: opts.cwd,
      // A minimal environment: nothing of this shell's, and an empty token means console mode.
      env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: '', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.end(opts.input ?? '/quit\n');
  });
}

/** stderr as an operator reads it: besides the JSON log lines, one line; no "    at …" frames, no "crashed". */
function expectOneLine(r: Ran, ...mentions: Array<string | RegExp>): void {
  expect(r.code, r.stderr).toBe(1);
  const lines = r.stderr
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('{"level":'));
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toContain('crashed');
  for (const m of mentions) expect(r.stderr).toMatch(m);
}

describe('the launcher and the knowledge files (a copy of the project)', () => {
  let project = '';
  const launch = (input?: string) =>
    runNode(['scripts/run.mjs', 'src/main.js'], { cwd: project, ...(input ? { input } : {}) });
  const knowledge = (file: string) => path.join(project, 'knowledge', file);
  let events = '';

  beforeAll(() => {
    project = copyProject('launcher');
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    events = readFileSync(knowledge('events.yaml'), 'utf8');
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('builds on the first start, answers, and does not build again when nothing changed', async () => {
    const first = await launch('/ask who made pegasus\n/quit\n');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('NSO Group');
    const stamp = statSync(path.join(project, 'dist', 'build-stamp.json')).mtimeMs;
    const second = await launch('/ask who made pegasus\n/quit\n');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('NSO Group');
    expect(statSync(path.join(project, 'dist', 'build-stamp.json')).mtimeMs).toBe(stamp);
    expect(second.ms).toBeLessThan(first.ms);
  }, 60_000);

  it('builds again when a knowledge file changed', async () => {
    const stamp = statSync(path.join(project, 'dist', 'build-stamp.json')).mtimeMs;
    writeFileSync(knowledge('events.yaml'), `${events}\n# a curator's comment\n`);
    const r = await launch();
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(path.join(project, 'dist', 'build-stamp.json')).mtimeMs).toBeGreaterThan(stamp);
  }, 30_000);

  it('builds again when a file changed but kept its size and modification time', async () => {
    // What the launcher checks first is the files' metadata; the change time gives this edit away.
    const file = knowledge('about.yaml');
    const text = readFileSync(file, 'utf8');
    const edit = (n: number) => {
      writeFileSync(
        file,
        text.replace(/\d(?=\D*$)/, (d) => String((Number(d) + n) % 10)),
      );
      utimesSync(file, 1_700_000_000, 1_700_000_000); // a whole second: set again, exactly the same mtime
      return statSync(file);
    };
    const first = edit(1);
    expect((await launch()).code).toBe(0); // built, with this size and mtime in its stamp
    const stamp = statSync(path.join(project, 'dist', 'build-stamp.json')).mtimeMs;
    const second = edit(2);
    expect([second.size, second.mtimeMs]).toEqual([first.size, first.mtimeMs]);
    const r = await launch();
    writeFileSync(file, text);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(path.join(project, 'dist', 'build-stamp.json')).mtimeMs).toBeGreaterThan(stamp);
  }, 30_000);

  it('a YAML syntax error: one line with file, line and column, exit 1', async () => {
    const lines = events.split('\n');
    lines.splice(5, 0, 'this: is: not: valid: [yaml');
    writeFileSync(knowledge('events.yaml'), lines.join('\n'));
    const r = await launch();
    expectOneLine(r, /knowledge\/events\.yaml:6:\d+: YAML syntax error/);
  }, 30_000);

  it('an alias bomb: refused at once, naming the file', async () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 0; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    writeFileSync(knowledge('events.yaml'), `${bomb.join('\n')}\n${events}`);
    const r = await launch();
    expectOneLine(r, /knowledge\/events\.yaml(:\d+:\d+)?: too many YAML aliases/);
    expect(r.ms).toBeLessThan(20_000);
  }, 30_000);

  it('a file over the size cap: refused before it is parsed, naming the file and the cap', async () => {
    writeFileSync(knowledge('events.yaml'), `${events}\n${'# padding\n'.repeat(600_000)}`);
    const r = await launch();
    expectOneLine(r, /knowledge\/events\.yaml: 5\.\d MB is more than the 5 MB/);
    writeFileSync(knowledge('events.yaml'), events);
  }, 30_000);
});

describe('bad configuration and listen errors (the sources, under tsx)', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'startup-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  const serve = (env: Record<string, string>) =>
    runNode(['--import', tsx, path.join(ROOT, 'src/serve.ts')], {
      cwd,
      env: { HOST: '127.0.0.1', DISCORD_PUBLIC_KEY: 'ab'.repeat(32), ...env },
    });

  it('PORT must be written in decimal: 0x10 is refused, naming PORT', async () => {
    expectOneLine(await serve({ PORT: '0x10' }), /PORT: must be a port number written in decimal/);
  });

  it('DISCORD_API_URL must be http(s)', async () => {
    const r = await runNode(['--import', tsx, path.join(ROOT, 'src/main.ts')], {
      cwd,
      env: { DISCORD_API_URL: 'ftp://example.com/api' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DISCORD_API_URL: must be an http:// or https:// URL');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('a port in use: one line naming PORT', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      expectOneLine(await serve({ PORT: String(port) }), new RegExp(`PORT=${port}: that port is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('a HOST that is not an address of this machine: one line naming HOST', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never assigned to a real machine.
    expectOneLine(await serve({ HOST: '192.0.2.1', PORT: '0' }), /HOST=192\.0\.2\.1 is not an address of this machine/);
  });
});

describe('the gateway bot at start and stop', () => {
  let fake: FakeDiscord;
  const cwd = mkdtempSync(path.join(tmpdir(), 'gateway-start-'));
  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TOKEN, applicationId: '112233445566778899', heartbeatInterval: 1000 });
  });
  afterAll(async () => {
    await fake.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('a token Discord refuses: one line naming DISCORD_TOKEN, and the token is not printed', async () => {
    const refused = `${TOKEN.slice(0, -5)}WRONG`;
    const r = await runNode(['--import', tsx, path.join(ROOT, 'src/main.ts')], {
      cwd,
      env: { DISCORD_TOKEN: refused, DISCORD_API_URL: fake.apiUrl },
    });
    expectOneLine(r, /DISCORD_TOKEN was refused by Discord/);
    expect(r.stderr + r.stdout).not.toContain(refused);
  });

  it('serves /metrics and /healthz on METRICS_PORT; after Ctrl-C shuts down, exit 0, with no "reconnecting" warning', async () => {
    const child = spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'src/main.ts')], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        METRICS_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await fake.waitFor(() => fake.live, 'the bot online', 30_000);
    const metricsUrl = /metrics on (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(stderr)?.[1];
    expect(metricsUrl, stderr).toBeDefined();
    const health = await fetch(`${metricsUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const asked = fake.command('ask', { question: 'who made pegasus' });
    await fake.waitForCallback(asked.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const metrics = await (await fetch(`${metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/incident_desk_interactions_total\{command="ask",kind="command",outcome="answer"\} 1/);
    expect(metrics).toMatch(/incident_desk_response_seconds_count 1/);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('gateway ready');
    expect(stderr).toContain('shutting down');
    expect(stderr).not.toContain('reconnecting');
    expect(stderr).not.toMatch(/"level":(40|50|60)/);
  }, 40_000);
});
