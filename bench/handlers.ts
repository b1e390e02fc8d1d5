// Parent side of the handler-latency benchmark: one child (handler-size.ts) per KB size, run one
// after another so they never compete for the two cores. A size whose index is still building at
// its deadline is killed and reported as such — with how long it was given — instead of dropped.
import { forkCompiled, stop } from './child.ts';
import { START_FLAGS } from './startup.ts';
import type { BuiltMessage, DoneMessage, GeneratedMessage } from './handler-size.ts';

export interface SizeResult {
  factor: number;
  generated: GeneratedMessage | null;
  built: BuiltMessage | null;
  done: DoneMessage | null;
  /** Set when the child did not finish: what happened, in words for the table. */
  failure: string | null;
  wallMs: number;
}

/**
 * Node flags per size: npm start's (its 2 MB young generation sets how often and how long GC
 * pauses are, and keeps the real bot under 100 MB) up to 100×. At 1000× the heap is over 700 MB
 * and a 2 MB young generation only multiplies collections — it doubled the index build to 70 s
 * and put every slow query in a GC pause — so that size runs with node's defaults, as a
 * deployment of such a base would.
 */
export function handlerFlags(factor: number): string[] {
  return factor >= 1000 ? [] : START_FLAGS;
}

export async function benchSize(
  factor: number,
  opts: { passes: number; budgetMs: number; deadline: number },
): Promise<SizeResult> {
  const started = performance.now();
  // A 1000× KB needs well over the default old-space limit; --expose-gc lets the child measure
  // the heap the built index really keeps.
  const child = forkCompiled('./handler-size.ts', [factor, opts.passes, opts.budgetMs, opts.deadline].map(String), [
    ...handlerFlags(factor),
    '--expose-gc',
    '--max-old-space-size=8192',
  ]);
  const result: SizeResult = { factor, generated: null, built: null, done: null, failure: null, wallMs: 0 };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.on('message', (m: GeneratedMessage | BuiltMessage | DoneMessage) => {
    if (m.type === 'generated') result.generated = m;
    else if (m.type === 'built') result.built = m;
    else result.done = m;
  });
  // Hard stop at the deadline for a build still under way (the child cannot stop a synchronous
  // build itself); once built, the child stops its own queries at the deadline, and gets 15 s of
  // grace for a query already under way.
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<'killed'>((resolve) => {
    if (opts.deadline <= 0) return;
    const check = () => {
      if (!result.built) return resolve('killed');
      timer = setTimeout(() => resolve('killed'), 15_000);
    };
    timer = setTimeout(check, Math.max(0, opts.deadline - Date.now()));
  });
  const outcome = await Promise.race([exited, killed]);
  clearTimeout(timer);
  if (outcome === 'killed') {
    await stop(child);
    const secs = Math.round((performance.now() - started) / 1000);
    const buildSecs = result.generated
      ? Math.round((performance.now() - started - result.generated.genMs) / 1000)
      : secs;
    result.failure = result.built
      ? `killed during queries after ${secs} s`
      : `index build not finished after ${buildSecs} s (time box)`;
  } else if (!result.done) {
    result.failure = `child exited with code ${String(outcome)} before finishing`;
  }
  result.wallMs = performance.now() - started;
  return result;
}
