// The index build reads curated texts with its own reader (src/search/index/text-reader.ts: word
// ids instead of strings, the reader's steps on ids), which must give exactly what TermReader.terms
// and readPhrasing give — the same terms in the same order, so that term ids, the index and its
// snapshot are those TermReader's reading would make. Checked on every text of the knowledge base,
// on a generated base's (synthetic words), on every eval question, and on random texts built from
// the lexicon's own wordings. A change to the reader's steps (reader.ts) fails here until
// text-reader.ts makes it too.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scaleKnowledge } from '../bench/scale-kb.ts';
import { loadKnowledge } from '../src/kb/load.ts';
import { entryTexts } from '../src/search/index/entries.ts';
import { Ints } from '../src/search/index/store.ts';
import { TermTable } from '../src/search/index/terms.ts';
import { TextReader } from '../src/search/index/text-reader.ts';
import { CompiledLexicon } from '../src/search/lexicon.ts';
import { TermReader } from '../src/search/reader.ts';
import { SearchIndex } from '../src/search/search-index.ts';
import type { Snapshot } from '../src/search/index/snapshot.ts';

const kb = loadKnowledge();
const reader = new TermReader(new CompiledLexicon(kb.lexicon));

/** Both readings of a text, terms as strings (the build's repeats dropped, as its callers do). */
function both(fast: TextReader, table: TermTable, text: string) {
  const names = (ids: Ints) => [...new Set(Array.from(ids.data.subarray(0, ids.length), (id) => table.names[id]!))];
  const t = new Ints(16);
  fast.terms(text, t);
  const p = new Ints(16);
  fast.phrasing(text, p);
  const r = reader.readPhrasing(text);
  return {
    got: { terms: names(t), phrasing: names(p), type: fast.type, negated: fast.negated },
    want: { terms: reader.terms(text), phrasing: r.terms, type: r.type, negated: r.negated },
  };
}

function expectSameReadings(texts: Iterable<string>): number {
  const table = new TermTable();
  const fast = new TextReader(reader, table);
  let n = 0;
  for (const text of texts) {
    const { got, want } = both(fast, table, text);
    expect(got, text).toEqual(want);
    n++;
  }
  return n;
}

const textsOf = (base: typeof kb) => [
  ...entryTexts(base).flatMap((t) => [...t.phrasings, ...t.names, ...t.body, ...t.quotes]),
  ...[...base.texts.values()].flatMap((s) => s.segments.map((seg) => seg.text)),
];

describe("the index build's reader reads as the TermReader does", () => {
  it('on every text of the knowledge base and every eval question', () => {
    const evalDir = path.join(import.meta.dirname, 'eval');
    const questions = readdirSync(evalDir)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap(
        (f) => (parse(readFileSync(path.join(evalDir, f), 'utf8')) as { cases: Array<{ input: unknown }> }).cases,
      )
      .map((c) => String(c.input ?? ''));
    expect(expectSameReadings([...textsOf(kb), ...questions])).toBeGreaterThan(4000);
  });

  it("on a generated base's texts (synthetic words, clipped texts)", () => {
    expect(expectSameReadings(textsOf(scaleKnowledge(kb, 3).kb))).toBeGreaterThan(10_000);
  });

  it('on random texts of the lexicon’s wordings, figures, dates, apostrophes and sentence marks', () => {
    const lex = reader.lexicon;
    const wordings = [
      ...lex.frames.values(),
      ...lex.openingFrames.values(),
      ...lex.typePatterns.values(),
      ...lex.phrases.values(),
      ...lex.offTopic.values(),
    ].flatMap((list) =>
      list.map((x) => (Array.isArray(x) ? x : 'words' in x ? x.words : [])).map((ws) => ws.join(' ')),
    );
    const words = [
      ...wordings,
      ...lex.senses.keys(),
      ...[...lex.senses.values()].flatMap((ss) =>
        ss.flatMap((s) =>
          [s.if, s.unless].flatMap((c) => [...(c?.before ?? []), ...(c?.after ?? []), ...(c?.near ?? [])]),
        ),
      ),
      ...[...lex.stop].slice(0, 60),
      ...lex.caseRules.map((r) => r.literal),
      ...['may', 'May', 'june', 'monday', 'whatsapp', 'nso', 'cert-in', 'pegasus-developer', 'users', 'describe'],
      ...['121', '1,400', '2019', '5.9.2019', '2019-09-05', '6th', '1.5', '1400users', 'covid19'],
      ...["WhatsApp's", "didn't", "isn't", "rock'n'roll", "it's.", "'quoted'", 'don`t', 'it’s', '\u212Aelvin', 'naïve'],
    ];
    const separators = [' ', ' ', ' ', '', ', ', '. ', '? ', '! ', "?' ", '… ', ' - ', '\n', '\t', ' -', '.'];
    const cased = fc.constantFrom<(s: string) => string>(
      (s) => s,
      (s) => s.toUpperCase(),
      (s) => s.charAt(0).toUpperCase() + s.slice(1),
    );
    const piece = fc.tuple(fc.constantFrom(...words), cased, fc.constantFrom(...separators));
    const text = fc.array(piece, { maxLength: 14 }).map((ps) => ps.map(([w, c, sep]) => c(w) + sep).join(''));
    const table = new TermTable();
    const fast = new TextReader(reader, table);
    fc.assert(
      fc.property(text, (t) => {
        const { got, want } = both(fast, table, t);
        expect(got, t).toEqual(want);
      }),
      { numRuns: 3000, seed: 20191103 },
    );
  });
});

describe('the start-up snapshot', () => {
  it('round-trips: an index read from it is the index built', () => {
    const built = new SearchIndex(kb);
    const snapshot = JSON.parse(JSON.stringify(built.snapshot())) as Snapshot;
    const read = new SearchIndex(kb, snapshot);
    expect(read.fromSnapshot).toBe(true);
    expect(read.snapshot()).toEqual(built.snapshot());
    for (const q of ['who made pegasus', 'did whatsapp tell the government in may', 'kitne log target hue', 'xyzzy']) {
      expect(read.search(q, ['qa', 'event', 'party']), q).toEqual(built.search(q, ['qa', 'event', 'party']));
      expect(read.search(q, ['claim']), q).toEqual(built.search(q, ['claim']));
    }
  });
});
