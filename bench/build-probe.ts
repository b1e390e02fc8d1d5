// The index build alone at one knowledge-base size, repeated: what `npm run bench` reports as the
// 1000× build time and index memory, without the rest of the bench around it (a 1000× child of
// the full bench spends most of its time on queries). Optionally a fingerprint of what was built —
// the snapshot's term table and columns, and every hit of the query mix's /ask and /source inputs
// — so two versions of the build path can be checked to build the same index, at any size.
//
//   npm run build -- --all && node --expose-gc --max-old-space-size=8192 dist/bench/build-probe.js 1000 3 [--fingerprint]
//
// Run compiled, as the bench runs its 1000× child (node's default flags).
import { createHash } from 'node:crypto';
import { createCore } from '../src/answers/core.ts';
import { loadKnowledge } from '../src/kb/load.ts';
import type { DocKind } from '../src/search/search-index.ts';
import { readEvalInputs } from './query-mix.ts';
import { scaleKnowledge } from './scale-kb.ts';

const args = process.argv.slice(2);
const fingerprint = args.includes('--fingerprint');
/** `--one-thread`: the build without its second thread, to compare the two. */
const build = args.includes('--one-thread') ? { parallelFrom: Number.POSITIVE_INFINITY } : {};
const [factor = 1, reps = 3] = args.filter((a) => !a.startsWith('--')).map(Number);
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();
if (!(globalThis as { gc?: unknown }).gc) process.stderr.write('(no --expose-gc: memory figures are rough)\n');

const scaled = scaleKnowledge(loadKnowledge(), factor);
const times: number[] = [];
/** CPU time of the build (all threads, GC helpers included): steadier than wall time on a shared machine. */
const cpu: number[] = [];
const bytes: number[] = [];
const threads: number[] = [];
/** The same after a pause and a second collection: freed typed-array buffers are released in the background. */
const settled: number[] = [];
for (let r = 0; r < reps; r++) {
  collectGarbage();
  const before = process.memoryUsage();
  const t = performance.now();
  const c = process.cpuUsage();
  // The snapshot is never read: it is of the real base, and the build is what is measured.
  let core: ReturnType<typeof createCore> | null = createCore(scaled.kb, { snapshot: false, build });
  threads.push(core.index.buildThreads);
  times.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  collectGarbage();
  const mem = process.memoryUsage();
  bytes.push(mem.heapUsed + mem.arrayBuffers - (before.heapUsed + before.arrayBuffers));
  await new Promise((resolve) => setTimeout(resolve, 200));
  collectGarbage();
  const later = process.memoryUsage();
  settled.push(later.heapUsed + later.arrayBuffers - (before.heapUsed + before.arrayBuffers));
  if (fingerprint && r === reps - 1) print(core);
  core = null;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (b: number) => (b / 2 ** 20).toFixed(1);
console.log(
  `${factor}×: build median ${median(times).toFixed(0)} ms (${times.map((x) => x.toFixed(0)).join(', ')}), ` +
    `CPU ${median(cpu).toFixed(0)} ms (${cpu.map((x) => x.toFixed(0)).join(', ')}); ` +
    `index ${mb(median(bytes))} MB (${bytes.map(mb).join(', ')}), settled ${mb(median(settled))} MB; ` +
    `threads ${threads.join(', ')}`,
);

function print(core: ReturnType<typeof createCore>): void {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
  const index = core.index;
  console.log(`snapshot ${sha(JSON.stringify(index.snapshot()))}`);
  const kinds: Record<string, DocKind[]> = { ask: ['qa', 'event', 'party'], source: ['claim'] };
  const hits = readEvalInputs()
    .filter((c) => kinds[c.command])
    .map((c) => JSON.stringify(index.search(c.input, kinds[c.command]!)));
  console.log(`search ${sha(hits.join('\n'))} (${hits.length} queries)`);
}
