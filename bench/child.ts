// Starting benchmark children as the project runs in production (compiled, under plain node), with
// an IPC channel for results. Each benchmark that needs a clean heap or its own CPU gets its own
// process: one per KB size (so heap and build time are not polluted by the previous size), the
// HTTP server (so the load generator does not share its event loop), and the start-up probes.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Forks the compiled form of a bench/ module (dist/bench/x.js, from `npm run build -- --all`) under
 * plain node with `npm start`'s flags: for what is measured as the bot runs in production (its
 * memory above all — tsx alone adds tens of MB).
 */
export function forkCompiled(file: string, args: string[] = [], nodeOptions: string[] = []): ChildProcess {
  const compiled = path.join(ROOT, 'dist', 'bench', file.replace(/^\.\//, '').replace(/\.ts$/, '.js'));
  return fork(compiled, args, { cwd: ROOT, execArgv: nodeOptions, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Kills a child we started (by its own handle) and waits until it is gone. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await gone;
}
