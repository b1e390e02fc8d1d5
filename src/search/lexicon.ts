// knowledge/lexicon.yaml compiled for lookups: every list becomes a map keyed by a phrase's first
// word, so reading a text costs one map lookup per word however long the lexicon grows.
import type { AnswerType, Lexicon, Sense } from '../kb/schema.ts';
import { restoreLexicon, type LexiconSnapshot } from './lexicon-snapshot.ts';
import { fold, stem, words } from './normalize.ts';

export interface Phrase {
  words: string[];
  term: string;
}

export interface CompiledSense {
  means: string | null;
  if?: CompiledContext;
  unless?: CompiledContext;
}

export interface CompiledContext {
  before?: Set<string>;
  after?: Set<string>;
  near?: Set<string>;
}

export interface TypePattern {
  words: string[];
  type: AnswerType;
  /** Only at the start of a sentence. */
  anchored: boolean;
}

export class CompiledLexicon {
  /** Single word → its group's canonical term. */
  readonly canonical = new Map<string, string>();
  /** Multi-word synonyms and entity names by first word, longest first. */
  readonly phrases = new Map<string, Phrase[]>();
  readonly stop: Set<string>;
  /** Context-dependent words (folded) → their senses, in lexicon order. */
  readonly senses = new Map<string, CompiledSense[]>();
  /** Case-sensitive senses ("US") rewrite the text before folding. */
  readonly caseRules: Array<{ literal: string; pattern: RegExp; replacement: string }> = [];
  /** Question frames and off-topic phrases by first word. */
  readonly frames = new Map<string, string[][]>();
  /** Frames written with a leading "^": dropped only where the message opens ("ping:", "ok so"). */
  readonly openingFrames = new Map<string, string[][]>();
  readonly offTopic = new Map<string, string[][]>();
  readonly typePatterns = new Map<string, TypePattern[]>();
  readonly typeExceptions = new Map<AnswerType, Set<string>>();
  /** Terms of the synonym groups and entities: the domain's own vocabulary. */
  readonly curated = new Set<string>();
  readonly attributionVerbs: Set<string>;

  /** `compiled`: this lexicon as the build compiled it (see lexicon-snapshot.ts), not compiled again. */
  constructor(
    readonly source: Lexicon,
    compiled?: LexiconSnapshot,
  ) {
    if (compiled) {
      ({ stop: this.stop, attributionVerbs: this.attributionVerbs } = restoreLexicon(this, compiled));
      return;
    }
    this.stop = new Set(source.stopwords.map((w) => fold(w)));
    for (const group of source.synonyms) {
      const term = termOf(group[0]!);
      this.curated.add(term);
      for (const variant of group) {
        const ws = words(fold(variant));
        if (ws.length === 1) this.canonical.set(ws[0]!, term);
        else if (ws.length > 1) addPhrase(this.phrases, { words: ws, term });
      }
    }
    // Multi-word names ("indian express") are one term, not "india" + "express".
    for (const e of source.entities) {
      const ws = words(fold(e));
      if (ws.length > 1 && !this.phrases.get(ws[0]!)?.some((p) => p.words.join(' ') === ws.join(' ')))
        addPhrase(this.phrases, { words: ws, term: ws.join(' ') });
    }
    for (const list of this.phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
    for (const s of source.senses) this.addSense(s);
    for (const f of source.frames) {
      if (f.startsWith('^')) addList(this.openingFrames, words(fold(f.slice(1))));
      else addList(this.frames, words(fold(f)));
    }
    for (const o of source.offTopic) addList(this.offTopic, words(fold(o)));
    for (const [type, patterns] of Object.entries(source.questionTypes) as Array<[AnswerType, string[]]>) {
      for (const p of patterns) {
        const anchored = p.startsWith('^');
        const ws = words(fold(anchored ? p.slice(1) : p));
        if (ws.length === 0) continue;
        const list = this.typePatterns.get(ws[0]!);
        const pattern = { words: ws, type, anchored };
        if (list) list.push(pattern);
        else this.typePatterns.set(ws[0]!, [pattern]);
      }
    }
    for (const list of this.typePatterns.values()) list.sort((a, b) => b.words.length - a.words.length);
    for (const [type, ws] of Object.entries(source.questionTypeExceptions) as Array<[AnswerType, string[]]>) {
      this.typeExceptions.set(type, new Set(ws.map((w) => stem(fold(w)))));
    }
    for (const list of [...this.frames.values(), ...this.openingFrames.values(), ...this.offTopic.values()])
      list.sort((a, b) => b.length - a.length);
    this.attributionVerbs = new Set(source.attributionVerbs.map((w) => fold(w)));
  }

  private addSense(s: Sense): void {
    const means = s.means === null ? null : termOf(s.means);
    if (s.caseSensitive) {
      // Whole word as written ("US", "U.S."), never inside another word.
      const escaped = s.word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      this.caseRules.push({
        literal: s.word,
        pattern: new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escaped}(?![\\p{L}\\p{M}\\p{N}])`, 'gu'),
        replacement: s.means ?? ' ',
      });
      return;
    }
    const key = words(fold(s.word)).join(' ');
    const sense: CompiledSense = {
      means,
      ...(s.if ? { if: context(s.if) } : {}),
      ...(s.unless ? { unless: context(s.unless) } : {}),
    };
    const list = this.senses.get(key);
    if (list) list.push(sense);
    else this.senses.set(key, [sense]);
  }
}

/** A synonym group's canonical term as the reader writes it: its words, folded, joined by spaces. */
function termOf(text: string): string {
  return words(fold(text)).join(' ');
}

function context(c: { before?: string[]; after?: string[]; near?: string[] }): CompiledContext {
  const set = (xs?: string[]) => (xs ? new Set(xs.map((w) => fold(w))) : undefined);
  const out: CompiledContext = {};
  const before = set(c.before);
  const after = set(c.after);
  const near = set(c.near);
  if (before) out.before = before;
  if (after) out.after = after;
  if (near) out.near = near;
  return out;
}

function addPhrase(map: Map<string, Phrase[]>, p: Phrase): void {
  const list = map.get(p.words[0]!);
  if (list) list.push(p);
  else map.set(p.words[0]!, [p]);
}

function addList(map: Map<string, string[][]>, ws: string[]): void {
  if (ws.length === 0) return;
  const list = map.get(ws[0]!);
  if (list) list.push(ws);
  else map.set(ws[0]!, [ws]);
}

/** Whether `ws` occurs in `raw` at position i; `loose`: a plural counts ("which kinds of"). */
export function occursAt(raw: readonly string[], i: number, ws: readonly string[], loose = false): boolean {
  for (let j = 0; j < ws.length; j++) {
    const w = raw[i + j];
    if (w !== ws[j] && !(loose && w !== undefined && stem(w) === stem(ws[j]!))) return false;
  }
  return true;
}
