// The index as the build stores it (dist/index.snapshot.json) and a compiled start reads it back:
// read back, it must be the index built from the knowledge base — the same compiled lexicon, and
// the same hits for every question — or the compiled bot would answer differently from the sources.
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/kb/load.ts';
import { lexiconSnapshot } from '../src/search/lexicon-snapshot.ts';
import { CompiledLexicon } from '../src/search/lexicon.ts';
import type { Snapshot } from '../src/search/index/snapshot.ts';
import { SearchIndex } from '../src/search/search-index.ts';

const kb = loadKnowledge();
const built = new SearchIndex(kb);
// Through JSON, as the file carries it.
const stored = JSON.parse(JSON.stringify(built.snapshot())) as Snapshot;

describe('the index snapshot', () => {
  it('gives back the compiled lexicon as compiled, maps and sets in the same order', () => {
    const compiled = new CompiledLexicon(kb.lexicon);
    const restored = new CompiledLexicon(kb.lexicon, stored.lexicon);
    expect(restored).toEqual(compiled);
    for (const field of [
      'canonical',
      'phrases',
      'senses',
      'frames',
      'openingFrames',
      'offTopic',
      'typePatterns',
    ] as const)
      expect([...restored[field].keys()], field).toEqual([...compiled[field].keys()]);
    expect([...restored.stop]).toEqual([...compiled.stop]);
    expect([...restored.curated]).toEqual([...compiled.curated]);
    expect(lexiconSnapshot(restored)).toEqual(stored.lexicon);
  });

  it('answers every curated question and claim exactly as the index built from the knowledge base', () => {
    const read = new SearchIndex(kb, stored);
    expect(read.fromSnapshot).toBe(true);
    const queries = [
      ...kb.qa.flatMap((q) => q.questions),
      ...kb.claims.flatMap((c) => c.claims),
      'who made pegasus',
      'goverment knew in may?',
      'कितने भारतीय निशाने पर थे',
      'NSO is a Chinese company',
    ];
    for (const q of queries) {
      expect(read.search(q, ['qa', 'event', 'claim', 'party']), q).toEqual(
        built.search(q, ['qa', 'event', 'claim', 'party']),
      );
    }
  });

  it('is not used for another knowledge base', () => {
    expect(new SearchIndex(kb, { ...stored, knowledge: 'another' }).fromSnapshot).toBe(false);
  });
});
