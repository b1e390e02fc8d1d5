// The commands people type, timed as they type them, each against a floor measured in the same
// run: the one-shot CLI (`npm run --silent ask -- …`) against `npm run --silent noop` (npm starting
// a bare `node -e 0`); a second `npm start` (nothing to build: the launcher's hash check only)
// against the compiled entry started directly with node; and, for scale, a bare `node -e 0`.
// Wall clock from spawn to exit (CLI) or to the console's first prompt (start). Medians.
import { spawn } from 'node:child_process';
import { ROOT } from './child.ts';
import { START_FLAGS } from './startup.ts';
import { median } from './stats.ts';

export interface CommandsResult {
  runs: number;
  nodeFloorMs: number;
  npmFloorMs: number;
  cliMs: number;
  cliDirectMs: number;
  npmStartMs: number;
  directStartMs: number;
  /** The launcher alone: `node scripts/run.mjs src/main.js` (hash check, then the same entry). */
  launcherStartMs: number;
}

/** ms from spawn to exit; rejects when the command fails or prints nothing. */
function timeToExit(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, DISCORD_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(performance.now() - t0)
        : reject(new Error(`${cmd} ${args.join(' ')} exited ${String(code)}: ${out.slice(0, 300)}`)),
    );
  });
}

/**
 * ms from spawn to the console's first "> " prompt (ready for a question); then it is ended, and
 * the next run starts only once it has exited: what a bot does after its prompt (the date reader's
 * warm-up, opening the database) would otherwise compete with the next start for the cores.
 */
function timeToPrompt(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, DISCORD_TOKEN: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let prompted: number | null = null;
    child.stdout.on('data', (c) => {
      out += c;
      if (prompted === null && /(^|\n)> $/.test(out)) {
        prompted = performance.now() - t0;
        child.stdin.end('/quit\n');
      }
    });
    child.stderr.on('data', (c) => (out += c));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (prompted !== null) resolve(prompted);
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${String(code)} before its prompt: ${out.slice(0, 300)}`));
    });
  });
}

export async function benchCommands(runs: number): Promise<CommandsResult> {
  const question = ['ask', 'who made pegasus'];
  const series = async (f: () => Promise<number>) => {
    await f(); // once unmeasured: file caches, and the launcher's check of a fresh build
    const out: number[] = [];
    for (let i = 0; i < runs; i++) out.push(await f());
    return median(out);
  };
  return {
    runs,
    nodeFloorMs: await series(() => timeToExit(process.execPath, ['-e', '0'])),
    npmFloorMs: await series(() => timeToExit('npm', ['run', '--silent', 'noop'])),
    cliMs: await series(() => timeToExit('npm', ['run', '--silent', 'ask', '--', ...question])),
    cliDirectMs: await series(() => timeToExit(process.execPath, [...START_FLAGS, 'dist/src/cli/ask.js', ...question])),
    npmStartMs: await series(() => timeToPrompt('npm', ['start', '--silent'])),
    directStartMs: await series(() => timeToPrompt(process.execPath, [...START_FLAGS, 'dist/src/main.js'])),
    launcherStartMs: await series(() =>
      timeToPrompt(process.execPath, [...START_FLAGS, 'scripts/run.mjs', 'src/main.js']),
    ),
  };
}
