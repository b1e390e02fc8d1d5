// A production install — `npm ci --omit=dev && npm start`, no devDependencies (no pino-pretty, no
// vitest, no TypeScript compiler) — in a terminal, as an operator would first try it. The install
// is --offline: it takes the packages from npm's cache, which the project's own `npm ci` (CI's
// first step) has just filled, so the test never reaches the network.
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject } from './helpers/project-copy.ts';

function sh(command: string, cwd: string, timeoutMs: number): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    // No token in the environment: the console. CI=true would turn pretty logs off; a real
    // operator's terminal has no CI variable.
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      TERM: 'xterm',
    };
    execFile(
      'bash',
      ['-c', command],
      { cwd, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe('npm ci --omit=dev && npm start', () => {
  let dir = '';
  let install = { code: -1, out: '' };
  beforeAll(async () => {
    dir = copyProject('production');
    // Offline, better-sqlite3's prebuilt binary cannot be fetched, so npm compiles it: over two
    // minutes on a busy 2-core machine.
    install = await sh('npm ci --omit=dev --offline --no-audit --no-fund', dir, 420_000);
  }, 430_000);
  // A whole node_modules to delete: on a busy machine that took longer than vitest's 10 s default.
  afterAll(() => rmSync(dir, { recursive: true, force: true }), 60_000);

  it('installs without devDependencies', () => {
    expect(
      install.code,
      `npm ci --omit=dev --offline failed (run the project's own npm ci first, to fill npm's cache):\n${install.out}`,
    ).toBe(0);
    expect(existsSync(path.join(dir, 'node_modules', 'discord.js'))).toBe(true);
    expect(existsSync(path.join(dir, 'node_modules', 'pino-pretty'))).toBe(false);
    expect(existsSync(path.join(dir, 'node_modules', 'vitest'))).toBe(false);
    expect(existsSync(path.join(dir, 'node_modules', 'typescript'))).toBe(false);
  });

  it('starts in a terminal (stdout and stderr a TTY), builds, and answers in the console', async () => {
    // script(1) runs npm start on a pseudo-terminal, as in a person's shell.
    const r = await sh(`printf '/ask who made pegasus\\n/quit\\n' | script -qec "npm start" /dev/null`, dir, 90_000);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('NSO Group');
    expect(r.out).not.toMatch(/unable to determine transport target|Error:|^\s+at /m);
    expect(existsSync(path.join(dir, 'dist', 'build-stamp.json'))).toBe(true);
  }, 100_000);

  it('a second start does not build again and still answers', async () => {
    const r = await sh(
      `printf '/ask how many indians were targeted\\n/quit\\n' | script -qec "npm start" /dev/null`,
      dir,
      60_000,
    );
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('121');
  }, 70_000);
});
