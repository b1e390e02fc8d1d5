// Spelling for queries: a word the lexicon does not map is taken as it is when the record uses it,
// as another inflection of a word it uses ("exploiting" for "exploited"), or as the nearest word
// it uses when the misspelling is small ("goverment", "pegasis", "vauge"). Built once from the
// whole record's vocabulary; never changes afterwards, so a query reads the same way every time.
import Fuse from 'fuse.js';
import { commonWords } from './common-words.ts';
import type { WordResolver } from './reader.ts';
import { stem } from './normalize.ts';

/** Corrections remembered, bounded: queries are user input. */
const MAX_MEMO = 10_000;

export class Speller implements WordResolver {
  private readonly vocabulary: ReadonlySet<string>;
  /** Crude word roots of the vocabulary ("exploit" for exploited/exploiting), for inflections. */
  private readonly roots = new Map<string, string>();
  /** The vocabulary by first letter, for spelling neighbours (a correction keeps the first letter). */
  private readonly byLetter = new Map<string, string[]>();
  /**
   * One Fuse.js index per first letter, made the first time a word with that letter needs
   * correcting: making all of them was ~8 ms of every start, most never used. The same list and
   * options give the same index whenever it is made, so a query still reads the same every time.
   */
  private readonly fuzzy = new Map<string, Fuse<string>>();
  private readonly corrections = new Map<string, string | null>();
  /** stopwords-iso's English list: words too common to mark a topic, when the record never uses them. */
  private readonly common: ReadonlySet<string>;

  constructor(vocabulary: Iterable<string>) {
    this.vocabulary = new Set(vocabulary);
    this.common = commonWords();
    for (const w of this.vocabulary) {
      const r = root(w);
      if (!this.roots.has(r)) this.roots.set(r, w);
    }
    for (const w of this.vocabulary) {
      if (w.length < 4 || /\d/.test(w)) continue;
      const list = this.byLetter.get(w[0]!);
      if (list) list.push(w);
      else this.byLetter.set(w[0]!, [w]);
    }
  }

  /** The Fuse.js index of the words starting with `letter`, if any. */
  private neighbours(letter: string): Fuse<string> | undefined {
    let fuse = this.fuzzy.get(letter);
    const list = this.byLetter.get(letter);
    if (!fuse && list) {
      // Fuse.js ranks spelling neighbours: whole-word comparison (location 0), small edits only.
      fuse = new Fuse(list, { includeScore: true, threshold: 0.34, location: 0, distance: 4, minMatchCharLength: 3 });
      this.fuzzy.set(letter, fuse);
    }
    return fuse;
  }

  has(word: string): boolean {
    return this.vocabulary.has(word);
  }

  isCommon(word: string): boolean {
    return this.common.has(word);
  }

  /** The word, or another inflection of it ("exploiting" for "exploited"), as the record uses it. */
  resolve(word: string, lookup: (w: string) => string | null): string | null {
    // Indexed texts store plain words stemmed; queries must too, or "details" misses "detail".
    const s = stem(word);
    if (this.vocabulary.has(s) || this.vocabulary.has(word)) return s;
    const r = root(word);
    const other = r.length >= 4 ? this.roots.get(r) : undefined;
    return other ? (lookup(other) ?? stem(other)) : null;
  }

  /**
   * The known word nearest a misspelling ("goverment" → "government"), or null when nothing is
   * close enough. Words, not terms: a corrected word can still complete a phrase ("ravi shanker
   * prasad").
   */
  correct(word: string): string | null {
    // Four-letter words are too close to each other ("face"/"fact", "flat"/"flaw") to correct safely.
    if (word.length < 5 || /\d/.test(word)) return null;
    const cached = this.corrections.get(word);
    if (cached !== undefined) return cached;
    let best: string | null = null;
    // Two letters swapped ("vauge", "recieved") is the commonest slip, and Fuse.js's Bitap scoring
    // counts it as two errors: try each swap (after the first letter) against the vocabulary first.
    for (let i = 1; i < word.length - 1 && !best; i++) {
      if (word[i] === word[i + 1]) continue;
      const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (this.vocabulary.has(swapped)) best = swapped;
    }
    if (!best) {
      // Fuse.js proposes neighbours; an edit budget that grows with length keeps "star" from
      // becoming "stand" while "goverment" still finds "government".
      const budget = word.length >= 10 ? 2 : 1;
      for (const r of this.neighbours(word[0]!)?.search(word, { limit: 5 }) ?? []) {
        if ((r.score ?? 1) > 0.34 || r.item[0] !== word[0] || editDistance(word, r.item) > budget) continue;
        best = r.item;
        break;
      }
    }
    if (this.corrections.size >= MAX_MEMO) this.corrections.clear();
    this.corrections.set(word, best);
    return best;
  }
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent swaps) for short words. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** A rough root for matching inflections only: "exploiting", "exploited", "exploits" → "exploit". */
function root(word: string): string {
  let w = word;
  for (const suffix of ['ingly', 'ings', 'ing', 'edly', 'ed', 'ers', 'er', 'es', 's', 'ly']) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (/([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1); // targetted → target
  return w.replace(/e$/, ''); // raise/raising → rais
}
