// Turns text into canonical terms: folded, stopwords dropped, synonyms and aliases collapsed to
// one term ("govt", "the Centre" → government), plurals stemmed, and typos corrected against the
// vocabulary the knowledge base actually uses. Built once at start-up from knowledge/lexicon.yaml.
import Fuse from 'fuse.js';
import type { Lexicon } from '../kb/schema.ts';
import { fold, isNegation, stem, words } from './normalize.ts';

/** Weekdays and months are never unknown: /source checks them against the sources itself. */
const CALENDAR_WORDS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

/** Question words kept as terms: "when" and "why" ask different things about the same topic. */
const QUESTION_TERMS: Record<string, string> = {
  when: '?when', whn: '?when', wen: '?when', date: '?when', day: '?when',
  why: '?why', reason: '?why', because: '?why', excuse: '?why', justification: '?why',
  where: '?where', country: '?where',
  who: '?who', whom: '?who', whose: '?who',
};

export interface Analysis {
  /** Canonical content terms, in order, without duplicates. */
  terms: string[];
  /** Words the knowledge base never uses (after typo correction): signs of an unanswerable question. */
  unknown: string[];
  /** The text negates something ("never told", "did not inform"). */
  negated: boolean;
  /** Numbers written in the text ("1400", "121", "2019"). */
  numbers: string[];
  /** Words for topics the articles do not cover (prices, buying, later years…), from the lexicon. */
  offTopic: string[];
  /** Canonical terms naming the incident's actors and things ("nso", "cert-in"). */
  entities: string[];
}

export class Analyzer {
  private readonly canonical = new Map<string, string>();
  private readonly phrases: Array<{ words: string[]; term: string }> = [];
  /** Phrases by first word, longest first: one map lookup per word instead of a scan of all. */
  private readonly phrasesByFirst = new Map<string, Array<{ words: string[]; term: string }>>();
  private readonly stop: Set<string>;
  /** Off-topic words and phrases by first word, as for phrases: one lookup per word of a text. */
  private readonly offTopicByFirst = new Map<string, string[][]>();
  private readonly entityTerms: Set<string>;
  private readonly wholes = new Map<string, string[]>();
  private readonly curated = new Set<string>();
  private vocabulary = new Set<string>();
  /** Spelling neighbours, one Fuse.js index per first letter (a correction keeps the first letter). */
  private fuzzy: Map<string, Fuse<string>> | null = null;
  private readonly corrections = new Map<string, string | null>();
  /** Crude word roots of the vocabulary ("exploit" for exploited/exploiting), for inflections. */
  private readonly roots = new Map<string, string>();
  /**
   * Each word's term when not correcting (null: not a term), while the index is built: the same
   * words recur across tens of thousands of texts at 100× the base. Emptied by learn(), which
   * changes what a word looks up to.
   */
  private readonly plain = new Map<string, string | null>();
  /** Off-topic words as analyze() reports them: with entities, what an entry's scope must hold. */
  private readonly offTopicTerms = new Set<string>();

  constructor(lexicon: Lexicon) {
    this.stop = new Set(lexicon.stopwords.map((w) => fold(w)));
    for (const group of lexicon.synonyms) {
      const term = words(fold(group[0]!)).join(' ');
      this.curated.add(term);
      for (const variant of group) {
        const ws = words(fold(variant));
        if (ws.length === 1) this.canonical.set(ws[0]!, term);
        else if (ws.length > 1) this.phrases.push({ words: ws, term });
      }
    }
    // Multi-word names ("indian express") are one term, not "india" + "express".
    for (const e of lexicon.entities) {
      const ws = words(fold(e));
      if (ws.length > 1 && !this.phrases.some((p) => p.words.join(' ') === ws.join(' '))) this.phrases.push({ words: ws, term: ws.join(' ') });
    }
    // Longest phrases first, so "it ministry" wins over "ministry".
    this.phrases.sort((a, b) => b.words.length - a.words.length);
    for (const p of this.phrases) {
      const list = this.phrasesByFirst.get(p.words[0]!);
      if (list) list.push(p);
      else this.phrasesByFirst.set(p.words[0]!, [p]);
    }
    for (const ws of lexicon.offTopic.map((w) => words(fold(w)))) {
      if (ws.length === 0) continue;
      this.offTopicTerms.add(stem(ws.join(' ')));
      const list = this.offTopicByFirst.get(ws[0]!);
      if (list) list.push(ws);
      else this.offTopicByFirst.set(ws[0]!, [ws]);
    }
    this.entityTerms = new Set(lexicon.entities.flatMap((e) => this.analyze(e, false).terms));
    for (const t of this.entityTerms) this.curated.add(t);
    for (const [part, wholes] of Object.entries(lexicon.partOf)) {
      const key = this.analyze(part, false).terms.join(' ');
      this.wholes.set(key, wholes.flatMap((w) => this.analyze(w, false).terms));
    }
  }

  /** The entities a scope term is part of (partOf in the lexicon): cert-in → it ministry, government. */
  wholesOf(term: string): readonly string[] {
    return this.wholes.get(term) ?? [];
  }

  /**
   * Declares the words of the indexed texts as known, for typo correction of queries: `terms` are
   * the texts' terms as analyze(text, false) gives them (the index has them already).
   */
  learn(terms: Iterable<readonly string[]>): void {
    for (const list of terms) for (const term of list) for (const w of term.split(' ')) this.vocabulary.add(w);
    for (const w of this.canonical.keys()) this.vocabulary.add(w);
    // Named actors are known words even when no entry mentions them ("apple"), so a question naming
    // one is recognised as being about it, not corrected into something else.
    for (const t of this.entityTerms) for (const w of t.split(' ')) this.vocabulary.add(w);
    for (const p of this.phrases) for (const w of p.words) this.vocabulary.add(w);
    this.roots.clear();
    for (const w of this.vocabulary) if (!this.roots.has(root(w))) this.roots.set(root(w), w);
    const byLetter = new Map<string, string[]>();
    for (const w of this.vocabulary) {
      if (w.length < 4 || /\d/.test(w)) continue;
      const list = byLetter.get(w[0]!);
      if (list) list.push(w);
      else byLetter.set(w[0]!, [w]);
    }
    // Fuse.js ranks spelling neighbours: whole-word comparison (location 0), small edits only.
    this.fuzzy = new Map([...byLetter].map(([letter, list]) => [letter, new Fuse(list, { includeScore: true, threshold: 0.34, location: 0, distance: 4, minMatchCharLength: 3 })]));
    this.corrections.clear();
    this.plain.clear();
  }

  /** Terms the lexicon curates (synonym groups, entities): the domain's own vocabulary. */
  isCurated(term: string): boolean {
    return this.curated.has(term);
  }

  /** Terms an entry's scope is ever asked about: entities and off-topic words. */
  isScopeTerm(term: string): boolean {
    return this.entityTerms.has(term) || this.offTopicTerms.has(term);
  }

  isKnown(word: string): boolean {
    return this.vocabulary.has(word);
  }

  analyze(text: string, correct = true): Analysis {
    // Plain loops, not flatMap/filter chains: the index build runs this over millions of words at
    // 100× the base. Hyphenated words the lexicon does not know as a whole are split
    // ("pegasus-developer").
    const raw: string[] = [];
    let negated = false;
    const numbers: string[] = [];
    for (const w of words(fold(text))) {
      if (w.includes('-') && !this.canonical.has(w)) raw.push(...w.split('-'));
      else raw.push(w);
    }
    for (const w of raw) {
      if (isNegation(w)) negated = true;
      const c = w.charCodeAt(0);
      if (c >= 48 && c <= 57) numbers.push(w);
    }
    const out: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < raw.length; ) {
      const candidates = this.phrasesByFirst.get(raw[i]!);
      const phrase = candidates ? candidates.find((p) => p.words.every((w, j) => raw[i + j] === w)) : undefined;
      if (phrase) {
        out.push(phrase.term);
        i += phrase.words.length;
        continue;
      }
      const word = raw[i++]!;
      // Own keys only: a typed "constructor" must not find Object.prototype's (a function).
      if (Object.hasOwn(QUESTION_TERMS, word)) {
        out.push(QUESTION_TERMS[word]!);
        continue;
      }
      if (!correct) {
        let term = this.plain.get(word);
        if (term === undefined) {
          term = this.stop.has(word) || isNegation(word) ? null : (this.lookup(word) ?? stem(word));
          if (!this.fuzzy) this.plain.set(word, term); // only while building: never grows with queries
        }
        if (term) out.push(term);
        continue;
      }
      if (this.stop.has(word) || isNegation(word)) continue;
      const term = this.lookup(word) ?? this.correct(word);
      if (term) out.push(term);
      // Unknown figures are not unknown topics: /source compares figures separately.
      else if (this.fuzzy) {
        if (!/^\d/.test(word) && !CALENDAR_WORDS.has(word)) unknown.push(word);
      }
      else out.push(stem(word));
    }
    const offTopic: string[] = [];
    for (let i = 0; i < raw.length; i++) {
      const list = this.offTopicByFirst.get(raw[i]!);
      if (!list) continue;
      for (const ws of list) {
        const t = stem(ws.join(' '));
        if (ws.every((w, j) => raw[i + j] === w) && !offTopic.includes(t)) offTopic.push(t);
      }
    }
    const terms = out.length > 1 ? [...new Set(out)] : out;
    const entities: string[] = [];
    for (const t of terms) if (this.entityTerms?.has(t)) entities.push(t);
    return { terms, unknown, negated, numbers, offTopic, entities };
  }

  private lookup(word: string): string | null {
    const direct = this.canonical.get(word) ?? this.canonical.get(stem(word));
    if (direct) return direct;
    if (!this.fuzzy) return null;
    // Indexed phrasings store plain words stemmed; queries must too, or "details" misses "detail".
    const s = stem(word);
    if (this.vocabulary.has(s) || this.vocabulary.has(word)) return s;
    // Another inflection of a known word ("exploiting" when the record says "exploited").
    const known = this.roots.get(root(word));
    return known ? this.lookup(known) : null;
  }

  /** Nearest known word for a misspelling, or null when nothing is close enough. */
  private correct(word: string): string | null {
    // Four-letter words are too close to each other ("face"/"fact", "flat"/"flaw") to correct safely.
    if (!this.fuzzy || word.length < 5 || /\d/.test(word)) return null;
    const cached = this.corrections.get(word);
    if (cached !== undefined) return cached;
    let best: string | null = null;
    // Two letters swapped ("vauge", "recieved") is the commonest slip, and Fuse.js's Bitap scoring
    // counts it as two errors: try each swap (after the first letter) against the vocabulary first.
    for (let i = 1; i < word.length - 1 && !best; i++) {
      if (word[i] === word[i + 1]) continue;
      const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (this.vocabulary.has(swapped) || this.canonical.has(swapped)) best = this.lookup(swapped);
    }
    if (best) {
      this.corrections.set(word, best);
      return best;
    }
    // Fuse.js proposes neighbours; an edit budget that grows with length keeps "star" from
    // becoming "stand" while "goverment" still finds "government".
    const budget = word.length >= 10 ? 2 : 1;
    for (const r of this.fuzzy.get(word[0]!)?.search(word, { limit: 5 }) ?? []) {
      if ((r.score ?? 1) > 0.34 || r.item[0] !== word[0] || editDistance(word, r.item) > budget) continue;
      best = this.lookup(r.item);
      if (best) break;
    }
    if (this.corrections.size > 10_000) this.corrections.clear(); // bounded: queries are user input
    this.corrections.set(word, best);
    return best;
  }
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent swaps) for short words. */
function editDistance(a: string, b: string): number {
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
