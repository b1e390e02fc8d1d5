// Reads a text into canonical terms, one fixed pipeline for the knowledge base's texts and users'
// questions alike: case-sensitive senses ("US") → folding → question type → frames dropped →
// negation and figures → phrases, senses, synonyms, stopwords, plurals → (queries only) spelling.
// The only difference between a curated text and a query is the Speller: queries get one, so a
// word the record never uses is corrected or reported unknown; curated texts are taken as written.
import type { AnswerType } from '../kb/schema.ts';
import { type CompiledLexicon, occursAt, type CompiledContext, type CompiledSense } from './lexicon.ts';
import { fold, isNegation, MONTH_NAMES, stem, WEEKDAY_NAMES, words } from './normalize.ts';

/** Weekdays and months are never unknown: /source checks them against the sources itself. */
const CALENDAR_WORDS: ReadonlySet<string> = new Set([...WEEKDAY_NAMES, ...MONTH_NAMES]);

/** One term found in the text, with the words it was read from (indexes into `raw`). */
export interface Mention {
  term: string;
  start: number;
  end: number;
}

export interface Reading {
  /** The text's folded words, frames removed: what roles and attribution are read from. */
  raw: string[];
  /** Canonical content terms, in order, without duplicates (a question's type as "?date"…). */
  terms: string[];
  /** Every term occurrence, in order, with where it stands in `raw`. */
  mentions: Mention[];
  /** Words the knowledge base never uses (after spelling correction): signs of another topic. */
  unknown: string[];
  /** Those of them written as names (capitalised inside a sentence: "Mexico", "California"). */
  namedUnknown: string[];
  /** The text negates something ("never told", "did not inform"). */
  negated: boolean;
  /** Numbers written in the text ("1400", "121", "2019"). */
  numbers: string[];
  /** Words for topics the articles do not cover (prices, buying, later years…). */
  offTopic: string[];
  /** Canonical terms naming the incident's actors and things ("nso", "cert-in"). */
  entities: string[];
  /** What the question asks for (a count, a date…), or null for "what…"/"tell me about…". */
  type: AnswerType | null;
}

/** Resolves a word the lexicon does not know: the Analyzer's spelling stage. */
export interface WordResolver {
  /** The term for a word of the record's vocabulary or a near inflection of one; null when none. */
  resolve(word: string, lookup: (w: string) => string | null): string | null;
  /** The known word nearest a misspelling, or null. */
  correct(word: string): string | null;
  /** Whether the record uses the word. */
  has(word: string): boolean;
  /** A common English word ("roughly", "amongst"): when the record does not use it, it says nothing. */
  isCommon(word: string): boolean;
}

export class TermReader {
  /** Word → term for words whose reading never depends on context (build-time memo, bounded). */
  private readonly plain = new Map<string, string | null>();
  /** Word → term (null: no term) for words that start no phrase and have no senses. */
  private readonly simple = new Map<string, string | null>();

  constructor(readonly lexicon: CompiledLexicon) {}

  /** A curated text: no spelling correction, every word kept. */
  read(text: string): Reading {
    return this.run(text, null);
  }

  /** A user's text: words outside the vocabulary are corrected or reported unknown. */
  readQuery(text: string, resolver: WordResolver): Reading {
    return this.run(text, resolver);
  }

  /** Whether a word means something as it is: the lexicon's, the record's, a figure, a weekday. */
  private knows(word: string, resolver: WordResolver): boolean {
    const lex = this.lexicon;
    const s = stem(word);
    return (
      /^\d/.test(word) ||
      lex.canonical.has(word) ||
      lex.canonical.has(s) ||
      lex.stop.has(word) ||
      lex.senses.has(word) ||
      lex.phrases.has(word) ||
      lex.typePatterns.has(word) ||
      isNegation(word) ||
      CALENDAR_WORDS.has(word) ||
      resolver.has(word) ||
      resolver.has(s) ||
      resolver.isCommon(word) ||
      // An inflection of a known word is that word, not a misspelling of a neighbour ("kinds" is
      // not "kinda", "sorts" not "sorta"): the speller would otherwise turn it into a stopword.
      resolver.isCommon(s) ||
      this.wordingWords().has(s)
    );
  }

  private wordings?: Set<string>;
  /** Every word of the lexicon's question-type wordings and frames, stemmed ("what kind of" → kind). */
  private wordingWords(): ReadonlySet<string> {
    if (!this.wordings) {
      const lex = this.lexicon;
      this.wordings = new Set();
      for (const list of lex.typePatterns.values())
        for (const p of list) for (const w of p.words) this.wordings.add(stem(w));
      for (const map of [lex.frames, lex.openingFrames])
        for (const list of map.values()) for (const ws of list) for (const w of ws) this.wordings.add(stem(w));
    }
    return this.wordings;
  }

  /** The synonym group's term for a word (or its plural), or null. */
  lookup(word: string): string | null {
    return this.lexicon.canonical.get(word) ?? this.lexicon.canonical.get(stem(word)) ?? null;
  }

  isEntity(term: string): boolean {
    return this.entityTerms().has(term);
  }

  /** Terms the lexicon curates (synonym groups, entities): the domain's own vocabulary. */
  isCurated(term: string): boolean {
    return this.lexicon.curated.has(term) || this.isEntity(term);
  }

  private offTopicTerms?: Set<string>;
  /** Terms an entry's scope is ever asked about: entities and off-topic words. */
  isScopeTerm(term: string): boolean {
    this.offTopicTerms ??= new Set(this.lexicon.source.offTopic.map((o) => stem(words(fold(o)).join(' '))));
    return this.isEntity(term) || this.offTopicTerms.has(term);
  }

  private classes?: Map<string, string>;
  /** The class an entity belongs to (entityClasses in the lexicon: country, company…), if any. */
  classOf(term: string): string | undefined {
    if (!this.classes) {
      this.classes = new Map();
      for (const [cls, members] of Object.entries(this.lexicon.source.entityClasses)) {
        for (const m of members) for (const t of this.read(m).terms) if (!this.classes.has(t)) this.classes.set(t, cls);
      }
    }
    return this.classes.get(term);
  }

  private wholes?: Map<string, string[]>;
  /** The entities a term is part of (partOf in the lexicon): cert-in → it ministry, government. */
  wholesOf(term: string): readonly string[] {
    if (!this.wholes) {
      this.wholes = new Map();
      for (const [part, wholes] of Object.entries(this.lexicon.source.partOf)) {
        this.wholes.set(
          this.read(part).terms.join(' '),
          wholes.flatMap((w) => this.read(w).terms),
        );
      }
    }
    return this.wholes.get(term) ?? [];
  }

  private entities?: Set<string>;
  /** The lexicon's entities as terms ("nso group" → "nso"), read once on first use. */
  entityTerms(): ReadonlySet<string> {
    if (!this.entities) {
      this.entities = new Set();
      const ents = this.lexicon.source.entities.flatMap((e) => this.run(e, null, false).terms);
      for (const t of ents) this.entities.add(t);
    }
    return this.entities;
  }

  /**
   * A curated text's terms only — read(text).terms without the question type — for building the
   * index, where millions of texts are read at 1000× the base: no mention objects, no type.
   */
  terms(text: string): string[] {
    const raw = dropFrames(this.words(text, null).all, this.lexicon);
    const out: string[] = [];
    const seen = new Set<string>();
    const add = (t: string) => {
      if (!seen.has(t)) {
        seen.add(t);
        out.push(t);
      }
    };
    this.scan(raw, null, EMPTY, add, () => undefined);
    for (let i = 0; i < raw.length; i++) {
      const slot = slotOf(raw, i);
      if (slot) add(slot);
    }
    return out;
  }

  /** A curated phrasing: its terms (with its question type), its type and whether it negates. */
  readPhrasing(text: string): { terms: string[]; type: AnswerType | null; negated: boolean } {
    const { cased, all } = this.words(text, null);
    const { type } = classify(all, this.lexicon, cased);
    const raw = dropFrames(all, this.lexicon);
    const terms: string[] = [];
    this.scan(
      raw,
      null,
      EMPTY,
      (t) => void (terms.includes(t) || terms.push(t)),
      () => undefined,
    );
    for (let i = 0; i < raw.length; i++) {
      const slot = slotOf(raw, i);
      if (slot && !terms.includes(slot)) terms.push(slot);
    }
    if (type && type !== 'yesno') terms.push(`?${type}`);
    return { terms, type, negated: raw.some(isNegation) };
  }

  /** The text with its case-sensitive senses rewritten ("US" → "united states"), before folding. */
  cased(text: string): string {
    let cased = text;
    for (const rule of this.lexicon.caseRules)
      if (text.includes(rule.literal)) cased = cased.replace(rule.pattern, ` ${rule.replacement} `);
    return cased;
  }

  /** Hyphenated words the lexicon does not know as a whole are split ("pegasus-developer"). */
  splitsAtHyphens(word: string): boolean {
    return word.includes('-') && !this.lexicon.canonical.has(word);
  }

  /** A word's term where no phrase or sense applies: its synonym group's, or its stem; null for stopwords and negations. */
  plainTerm(word: string): string | null {
    return this.lexicon.stop.has(word) || isNegation(word) ? null : (this.lookup(word) ?? stem(word));
  }

  /** The text's case rules applied, folded into words, hyphenated ones split; misspellings corrected for a query. */
  private words(text: string, resolver: WordResolver | null): { cased: string; all: string[] } {
    const cased = this.cased(text);
    const all: string[] = [];
    for (const w of words(fold(cased))) {
      if (this.splitsAtHyphens(w)) {
        for (const part of w.split('-')) if (part) all.push(part);
      } else all.push(w);
    }
    // Misspellings are corrected first, word by word, so that a corrected word can complete a
    // phrase or a frame ("ravi shanker prasad", "isnt it tru that").
    if (resolver)
      for (let i = 0; i < all.length; i++)
        if (!this.knows(all[i]!, resolver)) all[i] = resolver.correct(all[i]!) ?? all[i]!;
    return { cased, all };
  }

  /** Phrases, senses, stopwords, synonyms and (for a query) the speller, word by word. */
  private scan(
    raw: readonly string[],
    resolver: WordResolver | null,
    typeWords: ReadonlySet<string>,
    onTerm: (term: string, start: number, end: number) => void,
    onUnknown: (word: string) => void,
  ): void {
    const lex = this.lexicon;
    for (let i = 0; i < raw.length; ) {
      const word = raw[i]!;
      // A curated text's word that starts no phrase and has no senses reads the same everywhere:
      // one lookup (most words of millions of texts at 1000× the base).
      if (!resolver) {
        const simple = this.simple.get(word);
        if (simple !== undefined) {
          if (simple !== null) onTerm(simple, i, i + 1);
          i++;
          continue;
        }
        if (!lex.phrases.has(word) && !lex.senses.has(word) && this.simple.size < 200_000) {
          const term = this.plainTerm(word);
          this.simple.set(word, term);
          if (term !== null) onTerm(term, i, i + 1);
          i++;
          continue;
        }
      }
      const phrases = lex.phrases.get(word);
      const phrase = phrases ? phrases.find((p) => occursAt(raw, i, p.words)) : undefined;
      if (phrase) {
        onTerm(phrase.term, i, i + phrase.words.length);
        i += phrase.words.length;
        continue;
      }
      const senses = lex.senses.get(word);
      if (senses) {
        const sense = senses.find((s) => applies(s, raw, i));
        if (sense) {
          if (sense.means) onTerm(sense.means, i, i + 1);
          i++;
          continue;
        }
      }
      i++;
      if (lex.stop.has(word) || isNegation(word)) continue;
      let term: string | null;
      if (!resolver) {
        const memo = senses ? undefined : this.plain.get(word);
        if (memo !== undefined) term = memo;
        else {
          term = this.lookup(word) ?? stem(word);
          if (!senses && this.plain.size < 200_000) this.plain.set(word, term);
        }
      } else {
        term = this.lookup(word) ?? resolver.resolve(word, (w) => this.lookup(w));
        // Figures and calendar words are compared separately by /source, never "unknown"; nor
        // are the common words of English, which mark no topic of their own.
        // The words that asked the question ("kitne", "kis desh") are the question's type.
        if (!term && !/^\d/.test(word) && !CALENDAR_WORDS.has(word) && !resolver.isCommon(word) && !typeWords.has(word))
          onUnknown(word);
      }
      if (term) onTerm(term, i - 1, i);
    }
  }

  private run(text: string, resolver: WordResolver | null, withEntities = true): Reading {
    const lex = this.lexicon;
    const { cased, all } = this.words(text, resolver);
    const { type, words: typeWords } = classify(all, lex, cased);
    const raw = dropFrames(all, lex);

    let negated = false;
    const numbers: string[] = [];
    for (const w of raw) {
      if (isNegation(w)) negated = true;
      const c = w.charCodeAt(0);
      if (c >= 48 && c <= 57) numbers.push(w);
    }

    const mentions: Mention[] = [];
    const unknown: string[] = [];
    this.scan(
      raw,
      resolver,
      typeWords,
      (term, start, end) => mentions.push({ term, start, end }),
      (w) => unknown.push(w),
    );

    // Slots: a figure, a weekday or a month stands for "the one the record gives", so "212 Indians"
    // meets the claim about 121 Indians, and /source can then say the figure is wrong.
    for (let i = 0; i < raw.length; i++) {
      const slot = slotOf(raw, i);
      if (slot) mentions.push({ term: slot, start: i, end: i + 1 });
    }
    const offTopic: string[] = [];
    for (let i = 0; i < raw.length; i++) {
      for (const ws of lex.offTopic.get(raw[i]!) ?? []) {
        const t = stem(ws.join(' '));
        if (occursAt(raw, i, ws) && !offTopic.includes(t)) offTopic.push(t);
      }
    }
    const terms: string[] = [];
    for (const m of mentions) if (!terms.includes(m.term)) terms.push(m.term);
    if (type && type !== 'yesno') terms.push(`?${type}`);
    const entities = withEntities ? terms.filter((t) => this.entityTerms().has(t)) : [];
    const namedUnknown = unknown.length > 0 ? unknown.filter((w) => capitalisedInside(cased).has(w)) : [];
    return { raw, terms, mentions, unknown, namedUnknown, negated, numbers, offTopic, entities, type };
  }
}

const EMPTY: ReadonlySet<string> = new Set();

const WEEKDAYS: ReadonlySet<string> = new Set(WEEKDAY_NAMES);
// Not "may": as a slot it would turn every "may" (the verb) into a month; slotOf reads it apart.
const MONTHS: ReadonlySet<string> = new Set([
  ...MONTH_NAMES.filter((m) => m !== 'may'),
  'sept',
  'sep',
  'oct',
  'nov',
  'aug',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'dec',
]);
const BEFORE_MONTH = new Set(['in', 'on', 'since', 'by', 'from', 'until', 'till', 'of', 'early', 'late', 'mid']);

export function slotOf(raw: readonly string[], i: number): string | null {
  const w = raw[i]!;
  const c = w.charCodeAt(0);
  if (c >= 48 && c <= 57) return /^(19|20)\d\d$/.test(w) ? null : '#figure';
  if (c < 97 || c > 119) return null; // no weekday or month starts outside a–w
  if (WEEKDAYS.has(w)) return '#weekday';
  if (MONTHS.has(w)) return '#month';
  // "May" the month, not the verb: next to a day number or after "in", "since"…
  if (
    w === 'may' &&
    (/^\d/.test(raw[i - 1] ?? '') || /^\d/.test(raw[i + 1] ?? '') || BEFORE_MONTH.has(raw[i - 1] ?? ''))
  )
    return '#month';
  return null;
}

/** Words written with a capital letter other than a sentence's first: names, usually. */
function capitalisedInside(text: string): Set<string> {
  const out = new Set<string>();
  for (const sentence of text.split(/(?<=[.?!:;])\s+|\n+/)) {
    const tokens = sentence.split(/\s+/).filter(Boolean);
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i]!.replace(/^[^\p{L}\p{M}]+|[^\p{L}\p{M}]+$/gu, '');
      if (/^\p{Lu}\p{Ll}/u.test(t)) out.add(fold(t));
    }
  }
  return out;
}

function matches(ctx: CompiledContext, raw: readonly string[], i: number): boolean {
  if (ctx.before && !(i > 0 && ctx.before.has(raw[i - 1]!))) return false;
  if (ctx.after && !(i + 1 < raw.length && ctx.after.has(raw[i + 1]!))) return false;
  if (ctx.near) {
    let found = false;
    for (let j = Math.max(0, i - 3); j <= Math.min(raw.length - 1, i + 3) && !found; j++)
      if (j !== i && ctx.near.has(raw[j]!)) found = true;
    if (!found) return false;
  }
  return true;
}

export function applies(s: CompiledSense, raw: readonly string[], i: number): boolean {
  return (!s.if || matches(s.if, raw, i)) && !(s.unless && matches(s.unless, raw, i));
}

function dropFrames(raw: string[], lex: CompiledLexicon): string[] {
  let i = 0;
  // Openers, one after another: "ok so ping:" — never the same words inside the question.
  for (let opener = lex.openingFrames.get(raw[0] ?? ''); opener; opener = lex.openingFrames.get(raw[i] ?? '')) {
    const found = opener.find((ws) => occursAt(raw, i, ws, true));
    if (!found) break;
    i += found.length;
  }
  if (i > 0) raw = raw.slice(i);
  if (lex.frames.size === 0 || !raw.some((w) => lex.frames.has(w))) return raw;
  const out: string[] = [];
  for (let i = 0; i < raw.length; ) {
    const frame = lex.frames.get(raw[i]!)?.find((ws) => occursAt(raw, i, ws, true));
    if (frame) i += frame.length;
    else out.push(raw[i++]!);
  }
  return out;
}

/**
 * The question's type: the first typed wording ("how many", "when", "^did") in its last sentence
 * that has a question mark, or else in the whole text. A rambling message usually ends with what
 * it asks; "when" inside a statement is rarer than "when" opening a question.
 */
function classify(
  all: readonly string[],
  lex: CompiledLexicon,
  text: string,
): { type: AnswerType | null; words: ReadonlySet<string> } {
  const none = { type: null, words: new Set<string>() };
  if (lex.typePatterns.size === 0 || all.length === 0) return none;
  const { starts, asked } = sentenceStarts(text, lex);
  const from = Math.max(asked, 0);
  const find = (lo: number, hi: number) => {
    for (let i = lo; i < hi; i++) {
      for (const p of lex.typePatterns.get(all[i]!) ?? []) {
        if (p.anchored && !starts.has(i)) continue;
        if (!occursAt(all, i, p.words, true)) continue;
        const exceptions = lex.typeExceptions.get(p.type);
        if (exceptions && all.some((w) => exceptions.has(stem(w)))) return none;
        return { type: p.type, words: new Set(all.slice(i, i + p.words.length)) };
      }
    }
    return null;
  };
  return find(from, all.length) ?? (from > 0 ? find(0, from) : null) ?? none;
}

const FIRST_ONLY: ReadonlySet<number> = new Set([0]);

/**
 * Where a text's sentences start, in word positions (the first word, and every word after . ? or
 * !), and the start of the last sentence with a question mark (-1: none). What classify reads
 * first; exported for the index build's reader (index/text-reader.ts), which must agree with it.
 */
export function sentenceStarts(text: string, lex: CompiledLexicon): { starts: ReadonlySet<number>; asked: number } {
  // One sentence (nearly every curated phrasing): nothing to split.
  if (!/[.?!]\s/.test(text)) return { starts: FIRST_ONLY, asked: text.includes('?') ? 0 : -1 };
  const starts = new Set<number>([0]);
  let asked = -1;
  let position = 0;
  for (const s of text.split(/(?<=[.?!])\s+/)) {
    const n = words(fold(s)).flatMap((w) =>
      w.includes('-') && !lex.canonical.has(w) ? w.split('-').filter(Boolean) : [w],
    ).length;
    starts.add(position);
    if (s.includes('?')) asked = position;
    position += n;
  }
  return { starts, asked };
}
