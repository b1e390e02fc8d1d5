// The index built on two threads (src/search/index/parallel-build.ts) must be the index one thread
// builds: the same term ids in the same order, the same columns, labels and entry ids, so the same
// hits. The threshold is lowered here so a small generated base takes the two-thread path; a worker
// that fails must leave the same index too, read by the one thread.
import { describe, expect, it } from 'vitest';
import { scaleKnowledge } from '../bench/scale-kb.ts';
import { loadKnowledge } from '../src/kb/load.ts';
import { KINDS } from '../src/search/index/store.ts';
import { SearchIndex } from '../src/search/search-index.ts';

const kb = scaleKnowledge(loadKnowledge(), 4).kb;
const one = new SearchIndex(kb, null, { parallelFrom: Number.POSITIVE_INFINITY });
const queries = [
  'when did whatsapp sue nso',
  'how many indians were targeted',
  'who told cert-in about the bug',
  'WhatsApp informed the government in September',
  'what did the ministry say about the letter',
  ...kb.qa.slice(0, 40).map((q) => q.questions[0]!),
  ...kb.claims.slice(0, 40).map((c) => c.claims[0]!),
];

function expectSame(index: SearchIndex): void {
  expect(index.snapshot()).toEqual(one.snapshot());
  for (const q of queries) expect(index.search(q, KINDS).hits, q).toEqual(one.search(q, KINDS).hits);
}

describe('the index build on two threads', () => {
  it('builds the index one thread builds', () => {
    expect(one.buildThreads).toBe(1);
    const two = new SearchIndex(kb, null, { parallelFrom: 0 });
    expect(two.buildThreads).toBe(2);
    expectSame(two);
  }, 120_000);

  it('reads everything on one thread, to the same index, when the worker fails', () => {
    const started = performance.now();
    const failed = new SearchIndex(kb, null, { parallelFrom: 0, workerModule: 'file:///nonexistent/build-part.js' });
    expect(failed.buildThreads).toBe(1);
    expectSame(failed);
    // The failure is answered at once, not waited out to the 60-second deadline.
    expect(performance.now() - started).toBeLessThan(45_000);
  }, 120_000);

  it('uses one thread below the threshold', () => {
    expect(new SearchIndex(loadKnowledge(), null).buildThreads).toBe(1);
  });
});
