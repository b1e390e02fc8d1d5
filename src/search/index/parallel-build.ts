// A large knowledge base's index built on two threads: at 1000× the base, reading 3 million texts
// is nearly all of a 12–14 s build, and the machines this runs on have a second core. This thread
// reads the first entries while a worker (build-worker.ts) reads the rest with a term table of its
// own; its term ids are then mapped onto this table in the order it met them, which is the order
// one thread reading everything would have added them in, so the index is the same (term ids,
// columns, labels: test/parallel-build.test.ts compares the two). The constructor that calls this
// is synchronous, so the wait is too (Atomics.wait, then the worker's message read off its port).
// Below PARALLEL_FROM entries a worker's start-up and the copying of texts cost more than they save.
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Lexicon } from '../../kb/schema.ts';
import { COMPILED } from '../../paths.ts';
import type { TermReader } from '../reader.ts';
import { buildStore, type Columns, type EntryTexts, type Tail } from './entries.ts';
import { scopeReader } from './scope.ts';
import { KINDS, type Store, typeBit, typesOf } from './store.ts';
import type { TermTable } from './terms.ts';

/** Entries from which the build uses a second thread (100× the base has 19,000, 1000× 190,000). */
export const PARALLEL_FROM = 50_000;
/**
 * This thread's share of the reading, by characters: it also copies the worker's texts to it
 * before starting and maps the worker's columns afterwards, and its heap (holding the whole
 * knowledge base) makes each of its texts slower to read than the worker's fresh copies.
 */
const OWN_SHARE = 0.52;

/**
 * The worker's entries, flat: a structured copy of a few arrays is quicker than of 95,000 small
 * objects (each copied with its keys). `counts` has four per entry: phrasings, names, body texts
 * (all in `texts`, in that order) and quotes (indexes into `quotes`: the same sentences recur in
 * thousands of entries).
 */
export interface Job {
  lexicon: Lexicon;
  kinds: Uint8Array;
  types: Uint8Array;
  counts: Int32Array;
  texts: string[];
  quoteRefs: Int32Array;
  quotes: string[];
}

/** What the worker is started with (build-worker.ts): where to answer, and the module that reads. */
export interface WorkerStart {
  port: MessagePort;
  /** Set to 1 once the result (or a failure) is on the port. */
  signal: Int32Array;
  /** A module exporting buildPart(job): build-part.ts unless a test points elsewhere. */
  module: string;
}

export type Result =
  | { ok: true; terms: string[]; columns: Columns; entry: Int32Array; phrasing: Int32Array }
  | { ok: false; error: string };

export interface BuildOptions {
  /** Entries from which a second thread reads part of them (default PARALLEL_FROM). */
  parallelFrom?: number;
  /** The module the worker runs (tests give one that fails, to see the one-thread fallback). */
  workerModule?: string;
}

/** buildStore over every entry, on two threads when there are many; `threads` says how it went. */
export function buildIndexStore(
  texts: readonly EntryTexts[],
  lexicon: Lexicon,
  reader: TermReader,
  table: TermTable,
  opts: BuildOptions = {},
): { store: Store; threads: 1 | 2 } {
  const scopeOf = scopeReader(reader, table);
  if (texts.length < Math.max(2, opts.parallelFrom ?? PARALLEL_FROM) || availableParallelism() < 2)
    return { store: buildStore(texts, reader, table, scopeOf), threads: 1 };
  const k = splitPoint(texts);
  const theirs = texts.slice(k);
  const worker = startWorker(lexicon, theirs, opts.workerModule);
  const started = performance.now();
  let threads: 1 | 2 = 2;
  // The worker's part joins the store as its columns are made: one allocation each, as with one thread.
  const tail = (): Tail => {
    // The worker's share is about this thread's: far longer means it is stuck (or never started).
    const result = worker.wait(Math.max(60_000, 10 * (performance.now() - started)));
    if (!result.ok) {
      // Read here instead, after the first part with the same table: exactly the one-thread build.
      threads = 1;
      const rest = buildStore(theirs, reader, table, scopeOf);
      return { columns: rest, ids: rest.id, labels: rest.label };
    }
    // The worker's terms in the order it met them: new ones get the next ids here in that order.
    const map = Int32Array.from(result.terms, (t) => table.intern(t));
    const c = result.columns;
    for (const [starts, column] of [
      [c.termStart, c.terms],
      [c.namesStart, c.names],
      [c.bodyStart, c.body],
      [c.scopeStart, c.scope],
    ] as const)
      remapRanges(starts, column, map);
    return {
      columns: c,
      ids: Array.from({ length: c.count }, (_, j) => theirs[result.entry[c.phrasingStart[j]!]!]!.id),
      labels: Array.from(result.entry, (e, i) => theirs[e]!.phrasings[result.phrasing[i]!]!),
    };
  };
  const store = buildStore(texts.slice(0, k), reader, table, scopeOf, { tail });
  return { store, threads };
}

/** Where the worker's share starts: OWN_SHARE of the characters to read (quotes are read once each). */
function splitPoint(texts: readonly EntryTexts[]): number {
  const size = (t: EntryTexts) => {
    let n = t.quotes.length;
    for (const field of [t.phrasings, t.names, t.body]) for (const s of field) n += s.length;
    return n;
  };
  let total = 0;
  for (const t of texts) total += size(t);
  let sum = 0;
  for (let k = 0; k < texts.length; k++) {
    sum += size(texts[k]!);
    if (sum >= OWN_SHARE * total) return k + 1;
  }
  return texts.length;
}

const own = (file: string) => new URL(`${file}.${COMPILED ? 'js' : 'ts'}`, import.meta.url);

/**
 * Under tsx (tests, evaluation), the worker first registers tsx's loader in its own thread, then
 * imports its TypeScript: in Node 20 an `--import tsx` in execArgv does not reach a worker's entry.
 */
function underTsx(): string {
  const api = typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api';
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(own('./build-worker').href)}); });`;
}

function startWorker(lexicon: Lexicon, entries: readonly EntryTexts[], module?: string): { wait(ms: number): Result } {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const start: WorkerStart = { port: port2, signal, module: module ?? own('./build-part').href };
  let worker: Worker;
  try {
    const options = { workerData: start, transferList: [port2] };
    worker = COMPILED ? new Worker(own('./build-worker'), options) : new Worker(underTsx(), { ...options, eval: true });
  } catch (error) {
    return { wait: () => ({ ok: false, error: String(error) }) };
  }
  worker.unref();
  // A failure is answered on the port by the worker itself; one it cannot answer ends the wait at its deadline.
  worker.on('error', () => {});
  const job: Job = { lexicon, ...flat(entries) };
  port1.postMessage(job);
  return {
    wait(ms) {
      const deadline = performance.now() + ms;
      let message: Result | undefined;
      while (!message && performance.now() < deadline) {
        Atomics.wait(signal, 0, 0, Math.min(1000, Math.max(1, deadline - performance.now())));
        message = receiveMessageOnPort(port1)?.message as Result | undefined;
      }
      port1.close();
      void worker.terminate();
      return message ?? { ok: false, error: 'the index build worker did not answer' };
    },
  };
}

function flat(entries: readonly EntryTexts[]): Omit<Job, 'lexicon'> {
  const kinds = new Uint8Array(entries.length);
  const types = new Uint8Array(entries.length);
  const counts = new Int32Array(4 * entries.length);
  const texts: string[] = [];
  const refs: number[] = [];
  const quoteIds = new Map<string, number>();
  const quotes: string[] = [];
  entries.forEach((e, i) => {
    kinds[i] = KINDS.indexOf(e.kind);
    for (const t of e.types) types[i]! |= typeBit(t);
    counts.set([e.phrasings.length, e.names.length, e.body.length, e.quotes.length], 4 * i);
    for (const field of [e.phrasings, e.names, e.body]) for (const t of field) texts.push(t);
    for (const q of e.quotes) {
      let id = quoteIds.get(q);
      if (id === undefined) quoteIds.set(q, (id = quotes.push(q) - 1));
      refs.push(id);
    }
  });
  return { kinds, types, counts, texts, quoteRefs: Int32Array.from(refs), quotes };
}

/** The entries as flat() sent them (ids are not sent: the store's strings are made by the sender). */
export function unflat(job: Job): EntryTexts[] {
  const out: EntryTexts[] = [];
  let t = 0;
  let q = 0;
  const take = (n: number, at: number) => job.texts.slice(at, at + n);
  for (let i = 0; i < job.kinds.length; i++) {
    const [p, n, b, k] = job.counts.subarray(4 * i, 4 * i + 4) as unknown as [number, number, number, number];
    const phrasings = take(p, t);
    const names = take(n, t + p);
    const body = take(b, t + p + n);
    t += p + n + b;
    const quotes = Array.from(job.quoteRefs.subarray(q, q + k), (r) => job.quotes[r]!);
    q += k;
    out.push({ kind: KINDS[job.kinds[i]!]!, id: '', phrasings, names, body, quotes, types: typesOf(job.types[i]!) });
  }
  return out;
}

/** Maps each sorted range's ids and sorts it again (the map keeps ids distinct, not their order). */
function remapRanges(starts: Int32Array, column: Int32Array, map: Int32Array): void {
  for (let i = 0; i < column.length; i++) column[i] = map[column[i]!]!;
  for (let r = 0; r + 1 < starts.length; r++) {
    const lo = starts[r]!;
    const hi = starts[r + 1]!;
    if (hi - lo > 32) {
      column.subarray(lo, hi).sort();
      continue;
    }
    for (let i = lo + 1; i < hi; i++) {
      const v = column[i]!;
      let j = i;
      for (; j > lo && column[j - 1]! > v; j--) column[j] = column[j - 1]!;
      column[j] = v;
    }
  }
}
