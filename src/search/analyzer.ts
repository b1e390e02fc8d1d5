// The query side of the pipeline: the TermReader (the lexicon's fixed reading) plus a Speller
// over the record's whole vocabulary, both fixed when the Analyzer is built. Curated texts are
// read by the same TermReader without the Speller; nothing here changes after construction.
import type { TermReader, Reading } from './reader.ts';
import { Speller } from './speller.ts';

export type Analysis = Reading;

export class Analyzer {
  private readonly speller: Speller;

  /**
   * `texts`: the terms of every text of the record (phrasings, answers, quotes, the articles) as
   * `reader` reads them; their words are the vocabulary misspellings are corrected towards.
   */
  constructor(
    readonly reader: TermReader,
    texts: Iterable<readonly string[]>,
  ) {
    const lex = reader.lexicon;
    const vocabulary = new Set<string>();
    for (const terms of texts) for (const term of terms) for (const w of term.split(' ')) vocabulary.add(w);
    for (const w of lex.canonical.keys()) vocabulary.add(w);
    // Named actors are known words even when no entry mentions them ("apple"), so a question naming
    // one is recognised as being about it, not corrected into something else.
    for (const t of reader.entityTerms()) for (const w of t.split(' ')) vocabulary.add(w);
    for (const list of lex.phrases.values()) for (const p of list) for (const w of p.words) vocabulary.add(w);
    // Misspelt filler ("excatly") is corrected to the filler, which is then dropped.
    for (const w of lex.stop) vocabulary.add(w);
    this.speller = new Speller(vocabulary);
  }

  analyze(query: string): Analysis {
    return this.reader.readQuery(query, this.speller);
  }

  wholesOf(term: string): readonly string[] {
    return this.reader.wholesOf(term);
  }

  isCurated(term: string): boolean {
    return this.reader.isCurated(term);
  }

  isKnown(word: string): boolean {
    return this.speller.has(word);
  }
}
