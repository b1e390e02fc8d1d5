// The curated texts' reading for the index build: TermReader.terms and readPhrasing, as term ids.
// At 1000× the base the build reads 3.1 million texts of 23 million words, and the reader's way —
// a string per word, then half a dozen Map lookups on it (simple words, frames, question wordings,
// the seen-set, the term table) — was most of the build. Here each word is found by its characters
// (index/words.ts), and everything the reader asks of a word is worked out once per distinct word,
// by the reader's own functions: its term (plainTerm), its slot, its stem, whether a phrase, sense,
// frame or question wording starts with it. The steps that look at neighbours then run on word
// ids, step for step as in reader.ts (classify, dropFrames, scan, slots).
//
// Same results, same order: terms are interned into the table at the moment the reader's reading
// would have interned them, so term ids — and the snapshot — are identical. Texts that are not
// ASCII once folded are read by the TermReader itself. test/text-reader.test.ts compares the two
// on every text of the knowledge base: a change to the reader's steps must be made here too.
import type { AnswerType } from '../../kb/schema.ts';
import type { CompiledSense } from '../lexicon.ts';
import { fold, isNegation, stem } from '../normalize.ts';
import { applies, sentenceStarts, slotOf, type TermReader } from '../reader.ts';
import type { Ints } from './store.ts';
import type { TermTable } from './terms.ts';
import { RECORD, shiftHi, shiftLo, WordTable } from './words.ts';

/** Per-word flags: what the reader's context-dependent steps look for. */
const CONTEXT = 1; // starts a phrase or has senses: scan reads it in context
const FRAME = 2; // starts a question frame
const TYPED = 4; // starts a question-type wording
const NEGATION = 8;
const MAY = 16; // "may": a month or a verb by its neighbours (slotOf)
const SPLIT = 32; // hyphenated, split into its parts
const SLOTTED = 64; // may stand for a slot ("#figure"…): texts with none skip the slot step
const OPENING = 128; // starts an opening frame ("^ping"), dropped only where a text opens

/** Fields of a word's record (the first of its USER fields in the word table), by word id. */
const INFO = RECORD;
const FLAGS = 0;
const PLAIN_ID = 1;
const SLOT_ID = 2;
const STEM_ID = 3;
/** A plain or slot term not interned yet (-1: the word has none). */
const LATER = -2;

const NON_ASCII = /[^\x00-\x7F]/;
/**
 * What could make a folded text's sentences differ from the text's own: fold() joins . ? or ! to
 * the space after an apostrophe it drops ("it?' he"), and Unicode folding can make new ones
 * ("wait… what"). Otherwise it changes neither (nor any word across a space), and sentences are
 * found in the folded text; these are split as the reader does.
 */
const UNTRACKED = /[^\x00-\x7F]|[.?!]['`]/;

/** A lexicon phrase on word ids, with its term's id once interned. */
interface Phrase {
  words: number[];
  term: string;
  id: number;
}

interface TypeWording {
  stems: number[];
  type: AnswerType;
  anchored: boolean;
  /** The type's exception bit (see exceptionBits), 0 when it has none. */
  exception: number;
}

export class TextReader {
  private readonly words = new WordTable();
  /**
   * The word table's records, by word id: in their user fields, all a word's reading asks — its
   * flags, the ids of its plain term and of its slot term once interned, its stem's id.
   */
  private get info(): Int32Array<ArrayBuffer> {
    return this.words.rec;
  }
  /** plainTerm's term, and its slot ("#figure"…) when that does not depend on neighbours. */
  private readonly plain: Array<string | null> = [];
  private readonly slot: Array<string | null> = [];
  /** Bits of the question types whose exceptions include the word's stem. */
  private readonly exceptionBits: number[] = [];
  private readonly parts: Array<number[] | null> = [];
  /** Stems as small integers, so that loose matching ("which kinds of") compares numbers. */
  private readonly stems = new Map<string, number>();
  // By first word id: the lexicon's multi-word entries.
  private readonly phrases = new Map<number, Phrase[]>();
  private readonly frames = new Map<number, number[][]>();
  private readonly openingFrames = new Map<number, number[][]>();
  private readonly typed = new Map<number, TypeWording[]>();
  private readonly exceptionTypes: AnswerType[];
  private readonly typeIds = new Map<AnswerType, number>();

  // Scratch, reused by every text: its words (all), the same without frames (raw).
  private all = new Int32Array(256);
  private raw = this.all;
  private rawBuffer = new Int32Array(256);
  private count = 0;
  private flagsSeen = 0;
  private rawStrings: string[] | null = null;
  /**
   * Sentence starts in `all` as classify's sentenceStarts finds them, and the start of the last
   * one with a question mark (-1: none), found as the text is read unless UNTRACKED; such a text
   * is split by sentenceStarts itself, into foldedStarts.
   */
  private starts = new Int32Array(16);
  private sentences = 0;
  private asked = -1;
  private foldedStarts: ReadonlySet<number> | null = null;
  /** The text went through fold(): its sentences as tracked hold unless UNTRACKED (see classify). */
  private folded = false;

  /** readPhrasing's type and negation for the last phrasing read. */
  type: AnswerType | null = null;
  negated = false;

  constructor(
    private readonly reader: TermReader,
    private readonly table: TermTable,
  ) {
    const lex = reader.lexicon;
    this.exceptionTypes = [...lex.typeExceptions.keys()];
    for (const [first, list] of lex.phrases)
      this.phrases.set(
        this.wordId(first),
        list.map((p) => ({ words: p.words.map((w) => this.wordId(w)), term: p.term, id: LATER })),
      );
    for (const [first, list] of lex.frames)
      this.frames.set(
        this.wordId(first),
        list.map((ws) => ws.map((w) => this.stemOf(w))),
      );
    for (const [first, list] of lex.openingFrames)
      this.openingFrames.set(
        this.wordId(first),
        list.map((ws) => ws.map((w) => this.stemOf(w))),
      );
    for (const [first, list] of lex.typePatterns)
      this.typed.set(
        this.wordId(first),
        list.map((p) => {
          const k = this.exceptionTypes.indexOf(p.type);
          return {
            stems: p.words.map((w) => this.stemOf(w)),
            type: p.type,
            anchored: p.anchored,
            exception: k < 0 ? 0 : 1 << k,
          };
        }),
      );
  }

  /**
   * reader.terms(text)'s terms, interned, appended to `into` in the same order — with repeats: the
   * reader drops them, but every caller sorts and dedupes the ids anyway.
   */
  terms(text: string, into: Ints): void {
    const cased = this.reader.cased(text);
    if (!this.tokenize(cased)) {
      for (const t of this.reader.terms(text)) this.emit(this.table.intern(t), into);
      return;
    }
    this.read(into);
  }

  /** reader.readPhrasing(text)'s terms as terms() gives them; its type and negation in `type` and `negated`. */
  phrasing(text: string, into: Ints): void {
    const cased = this.reader.cased(text);
    if (!this.tokenize(cased)) {
      const r = this.reader.readPhrasing(text);
      for (const t of r.terms) this.emit(this.table.intern(t), into);
      this.type = r.type;
      this.negated = r.negated;
      return;
    }
    this.type = this.classify(cased);
    const n = this.read(into);
    if (this.type && this.type !== 'yesno') this.emit(this.typeTerm(this.type), into);
    let negated = false;
    if (this.flagsSeen & NEGATION)
      for (let i = 0; i < n && !negated; i++) negated = (this.info[this.raw[i]! * INFO + FLAGS]! & NEGATION) !== 0;
    this.negated = negated;
  }

  /** "?date"'s id…: interned at its first use, as the reader's reading would, then remembered. */
  private typeTerm(type: AnswerType): number {
    let id = this.typeIds.get(type);
    if (id === undefined) this.typeIds.set(type, (id = this.table.intern(`?${type}`)));
    return id;
  }

  /** Frames dropped, then scan and slots: the terms in the reader's order. Returns raw's length. */
  private read(into: Ints): number {
    const n = this.dropFrames();
    this.rawStrings = null;
    this.scan(n, into);
    // flagsSeen is of `all`, a superset of raw's words: none slotted there, none here.
    if (!(this.flagsSeen & SLOTTED)) return n;
    const raw = this.raw;
    const info = this.info;
    for (let i = 0; i < n; i++) {
      const w = raw[i]!;
      if (info[w * INFO + FLAGS]! & MAY) {
        const slot = slotOf(this.rawWords(n), i);
        if (slot) this.emit(this.table.intern(slot), into);
        continue;
      }
      let id = info[w * INFO + SLOT_ID]!;
      if (id === LATER) id = info[w * INFO + SLOT_ID] = this.slot[w] === null ? -1 : this.table.intern(this.slot[w]!);
      if (id >= 0) this.emit(id, into);
    }
    return n;
  }

  /**
   * The text's words as ids into `all`, as fold() then words() and the hyphen split would give them;
   * false when the folded text is not ASCII (the reader's Unicode path reads it then).
   */
  private tokenize(cased: string): boolean {
    // Most texts need no folding beyond lower case (which also makes a text built of pieces, as
    // generated ones are, one flat string: much quicker to read character by character). One with
    // a figure, an apostrophe or a character beyond ASCII — what fold() changes besides the case —
    // is read again from fold()'s text as soon as one is met.
    if (this.splitWords(cased.toLowerCase(), false)) return true;
    const text = fold(cased);
    return !NON_ASCII.test(text) && this.splitWords(text, true);
  }

  /** tokenize's reading of a lower-cased text; false when it meets what only fold() reads right (`folded`: it did). */
  private splitWords(text: string, folded: boolean): boolean {
    this.count = 0;
    this.flagsSeen = 0;
    this.folded = folded;
    this.starts[0] = 0;
    this.sentences = 1;
    this.asked = -1;
    const len = text.length;
    // As words()'s /\d+(?:\.\d+)?|[a-z0-9]+(?:-[a-z0-9]+)*/g: a word that starts with a digit is
    // a number (decimals kept); one that starts with a letter runs over letters and digits, and
    // over hyphens between them. Hashed as it is read, for the word table.
    for (let i = 0; i < len; ) {
      const c = text.charCodeAt(i);
      const from = i++;
      // The word's last eight characters, for the word table.
      let lo = c;
      let hi = 0;
      if (isDigit(c)) {
        if (!folded) return false;
        for (let d = 0; i < len && isDigit((d = text.charCodeAt(i))); i++) {
          hi = shiftHi(lo, hi);
          lo = shiftLo(lo, d);
        }
        if (i + 1 < len && text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
          hi = shiftHi(lo, hi);
          lo = shiftLo(lo, 46);
          for (let d = 0; ++i < len && isDigit((d = text.charCodeAt(i))); ) {
            hi = shiftHi(lo, hi);
            lo = shiftLo(lo, d);
          }
        }
      } else if (c >= 97 && c <= 122) {
        for (;;) {
          for (let d = 0; i < len && isWordChar((d = text.charCodeAt(i))); i++) {
            if (d < 97 && !folded) return false; // a digit
            hi = shiftHi(lo, hi);
            lo = shiftLo(lo, d);
          }
          if (!(i + 1 < len && text.charCodeAt(i) === 45 && isWordChar(text.charCodeAt(i + 1)))) break;
          hi = shiftHi(lo, hi);
          lo = shiftLo(lo, 45);
          i++;
        }
      } else {
        if (!folded && (c > 127 || c === 39 || c === 96)) return false;
        // sentenceStarts: a sentence ends at whitespace after . ? or ! (neither is part of a word
        // in a text read without fold()); the last with a question mark is the one asked.
        if (c === 46 || c === 63 || c === 33) {
          if (c === 63) this.asked = this.starts[this.sentences - 1]!;
          if (i < len && isSpace(text.charCodeAt(i))) {
            if (this.sentences === this.starts.length) this.starts = grown(this.starts);
            this.starts[this.sentences++] = this.count;
          }
        }
        continue;
      }
      const w = this.words.idOf(text, from, i, lo, hi);
      if (w === this.plain.length) this.describe(w);
      const flags = this.info[w * INFO + FLAGS]!;
      if (flags & SPLIT) for (const p of this.parts[w]!) this.push(p, this.info[p * INFO + FLAGS]!);
      else this.push(w, flags);
    }
    return true;
  }

  private push(w: number, flags: number): void {
    if (this.count === this.all.length) this.all = grown(this.all);
    this.all[this.count++] = w;
    this.flagsSeen |= flags;
  }

  /** classify(all, lex, cased).type, on ids. */
  private classify(cased: string): AnswerType | null {
    const n = this.count;
    if (this.reader.lexicon.typePatterns.size === 0 || n === 0 || !(this.flagsSeen & TYPED)) return null;
    let asked = this.asked;
    this.foldedStarts = null;
    // Asked here, not for every text read: only phrasings have a question type.
    if (this.folded && UNTRACKED.test(cased))
      ({ starts: this.foldedStarts, asked } = sentenceStarts(cased, this.reader.lexicon));
    const from = Math.max(asked, 0);
    const found = this.findType(from, n) ?? (from > 0 ? this.findType(0, from) : null);
    return found === null || found === NONE ? null : found;
  }

  private startsSentence(i: number): boolean {
    if (this.foldedStarts) return this.foldedStarts.has(i);
    for (let k = 0; k < this.sentences; k++) if (this.starts[k] === i) return true;
    return false;
  }

  /** classify's find: the first wording's type, NONE when an exception voids it, null when none is found. */
  private findType(lo: number, hi: number): AnswerType | typeof NONE | null {
    const all = this.all;
    for (let i = lo; i < hi; i++) {
      if (!(this.info[all[i]! * INFO + FLAGS]! & TYPED)) continue;
      for (const p of this.typed.get(all[i]!)!) {
        if (p.anchored && !this.startsSentence(i)) continue;
        if (!this.looseAt(all, this.count, i, p.stems)) continue;
        if (p.exception) {
          let bits = 0;
          for (let k = 0; k < this.count; k++) bits |= this.exceptionBits[all[k]!]!;
          if (bits & p.exception) return NONE;
        }
        return p.type;
      }
    }
    return null;
  }

  /** dropFrames: `all` without its frames, into `raw`. Returns its length. */
  private dropFrames(): number {
    const all = this.all;
    const n = this.count;
    // Openers, one after another, as the reader drops them.
    let start = 0;
    while (start < n && this.info[all[start]! * INFO + FLAGS]! & OPENING) {
      const opener = this.openerAt(start);
      if (!opener) break;
      start += opener.length;
    }
    if (!(this.flagsSeen & FRAME) && start === 0) {
      this.raw = all;
      return n;
    }
    if (this.rawBuffer.length < n) this.rawBuffer = new Int32Array(all.length);
    const raw = (this.raw = this.rawBuffer);
    let m = 0;
    if (!(this.flagsSeen & FRAME)) {
      for (let i = start; i < n; i++) raw[m++] = all[i]!;
      return m;
    }
    for (let i = start; i < n; ) {
      const frame = this.info[all[i]! * INFO + FLAGS]! & FRAME ? this.frameAt(i) : null;
      if (frame) i += frame.length;
      else raw[m++] = all[i++]!;
    }
    return m;
  }

  /** The first of the opening frames starting with all[i] that occurs there (loosely), or null. */
  private openerAt(i: number): number[] | null {
    for (const stems of this.openingFrames.get(this.all[i]!)!)
      if (this.looseAt(this.all, this.count, i, stems)) return stems;
    return null;
  }

  /** The first of the frames starting with all[i] that occurs there (loosely), or null. */
  private frameAt(i: number): number[] | null {
    for (const stems of this.frames.get(this.all[i]!)!) if (this.looseAt(this.all, this.count, i, stems)) return stems;
    return null;
  }

  /** scan(raw, null, …): phrases, senses, then each word's plain term. */
  private scan(n: number, into: Ints): void {
    const raw = this.raw;
    const info = this.info;
    for (let i = 0; i < n; ) {
      const w = raw[i]!;
      if (info[w * INFO + FLAGS]! & CONTEXT) {
        const phrase = this.phraseAt(n, i);
        if (phrase) {
          if (phrase.id === LATER) phrase.id = this.table.intern(phrase.term);
          this.emit(phrase.id, into);
          i += phrase.words.length;
          continue;
        }
        const sense = this.senseAt(n, i);
        if (sense) {
          if (sense.means) this.emit(this.table.intern(sense.means), into);
          i++;
          continue;
        }
      }
      i++;
      let id = info[w * INFO + PLAIN_ID]!;
      if (id === LATER)
        id = info[w * INFO + PLAIN_ID] = this.plain[w] === null ? -1 : this.table.intern(this.plain[w]!);
      if (id >= 0) this.emit(id, into);
    }
  }

  // No closures in the loops above: one capturing `i` would make every iteration allocate.
  /** The first phrase starting with raw[i] that occurs there, or null. */
  private phraseAt(n: number, i: number): Phrase | null {
    const phrases = this.phrases.get(this.raw[i]!);
    if (phrases) for (const p of phrases) if (strictAt(this.raw, n, i, p.words)) return p;
    return null;
  }

  /** The first sense of raw[i] that applies there, or null. */
  private senseAt(n: number, i: number): CompiledSense | null {
    const senses = this.reader.lexicon.senses.get(this.words.strings[this.raw[i]!]!);
    if (senses) for (const s of senses) if (applies(s, this.rawWords(n), i)) return s;
    return null;
  }

  /** occursAt(…, loose): the words' stems match from i on. */
  private looseAt(ids: Int32Array, n: number, i: number, stems: readonly number[]): boolean {
    if (i + stems.length > n) return false;
    for (let j = 0; j < stems.length; j++) if (this.info[ids[i + j]! * INFO + STEM_ID] !== stems[j]) return false;
    return true;
  }

  /** raw as strings, for the reader's own context checks (senses, "may"): made once per text, when needed. */
  private rawWords(n: number): string[] {
    if (!this.rawStrings) {
      this.rawStrings = new Array<string>(n);
      for (let i = 0; i < n; i++) this.rawStrings[i] = this.words.strings[this.raw[i]!]!;
    }
    return this.rawStrings;
  }

  private emit(id: number, into: Ints): void {
    into.push(id);
  }

  private wordId(word: string): number {
    const id = this.words.id(word);
    if (id === this.plain.length) this.describe(id);
    return id;
  }

  private stemOf(word: string): number {
    return this.stemIdOf(stem(word));
  }

  private stemIdOf(s: string): number {
    let id = this.stems.get(s);
    if (id === undefined) this.stems.set(s, (id = this.stems.size));
    return id;
  }

  /** What the reader's steps ask of a word, worked out once. */
  private describe(id: number): void {
    const w = this.words.strings[id]!;
    const lex = this.reader.lexicon;
    let flags = 0;
    if (lex.phrases.has(w) || lex.senses.has(w)) flags |= CONTEXT;
    if (lex.frames.has(w)) flags |= FRAME;
    if (lex.openingFrames.has(w)) flags |= OPENING;
    if (lex.typePatterns.has(w)) flags |= TYPED;
    if (isNegation(w)) flags |= NEGATION;
    if (w === 'may') flags |= MAY;
    const slot = w === 'may' ? null : slotOf([w], 0);
    if (slot !== null || w === 'may') flags |= SLOTTED;
    const split = this.reader.splitsAtHyphens(w);
    if (split) flags |= SPLIT;
    this.info[id * INFO + FLAGS] = flags;
    this.info[id * INFO + PLAIN_ID] = LATER;
    this.info[id * INFO + SLOT_ID] = LATER;
    const s = stem(w);
    this.info[id * INFO + STEM_ID] = this.stemIdOf(s);
    this.plain.push(this.reader.plainTerm(w));
    this.slot.push(slot);
    let bits = 0;
    for (let k = 0; k < this.exceptionTypes.length; k++)
      if (lex.typeExceptions.get(this.exceptionTypes[k]!)!.has(s)) bits |= 1 << k;
    this.exceptionBits.push(bits);
    this.parts.push(null);
    // After this word's own entries: its parts may be new words themselves.
    if (split) this.parts[id] = w.split('-').flatMap((p) => (p ? [this.wordId(p)] : []));
  }
}

/** classify's "an exception voids the type": distinct from "no wording found", which tries the rest of the text. */
const NONE = Symbol('none');

/** occursAt(…) exactly: the words themselves from i on. */
function strictAt(ids: Int32Array, n: number, i: number, words: readonly number[]): boolean {
  if (i + words.length > n) return false;
  for (let j = 0; j < words.length; j++) if (ids[i + j] !== words[j]) return false;
  return true;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** \s in ASCII: tab, line feed, vertical tab, form feed, carriage return, space. */
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
/** [a-z0-9]. */
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

function grown(a: Int32Array, atLeast = 0): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(2 * a.length, atLeast));
  next.set(a);
  return next;
}
