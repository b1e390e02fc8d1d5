// The compiled lexicon as JSON carries it, stored in the index snapshot by `npm run build` (see
// index/snapshot.ts): compiling it folds and splits every stopword, synonym and phrase of
// lexicon.yaml, 15-20 ms of a start, while reading it back is a few Map and Set constructions.
// Only for the same knowledge base (the snapshot's version is the lexicon's too); the maps come
// back in the order they were made, so lookups and iteration are exactly as if compiled.
import type { AnswerType } from '../kb/schema.ts';
import type { CompiledContext, CompiledLexicon, CompiledSense, Phrase, TypePattern } from './lexicon.ts';

type Context = { before?: string[]; after?: string[]; near?: string[] };

export interface LexiconSnapshot {
  canonical: Array<[string, string]>;
  phrases: Array<[string, Phrase[]]>;
  stop: string[];
  senses: Array<[string, Array<{ means: string | null; if?: Context; unless?: Context }>]>;
  caseRules: Array<{ literal: string; source: string; flags: string; replacement: string }>;
  frames: Array<[string, string[][]]>;
  openingFrames: Array<[string, string[][]]>;
  offTopic: Array<[string, string[][]]>;
  typePatterns: Array<[string, TypePattern[]]>;
  typeExceptions: Array<[AnswerType, string[]]>;
  curated: string[];
  attributionVerbs: string[];
}

export function lexiconSnapshot(l: CompiledLexicon): LexiconSnapshot {
  const context = (c: CompiledContext): Context => {
    const out: Context = {};
    if (c.before) out.before = [...c.before];
    if (c.after) out.after = [...c.after];
    if (c.near) out.near = [...c.near];
    return out;
  };
  const sense = (s: CompiledSense) => ({
    means: s.means,
    ...(s.if ? { if: context(s.if) } : {}),
    ...(s.unless ? { unless: context(s.unless) } : {}),
  });
  return {
    canonical: [...l.canonical],
    phrases: [...l.phrases],
    stop: [...l.stop],
    senses: [...l.senses].map(([k, ss]) => [k, ss.map(sense)]),
    caseRules: l.caseRules.map((r) => ({
      literal: r.literal,
      source: r.pattern.source,
      flags: r.pattern.flags,
      replacement: r.replacement,
    })),
    frames: [...l.frames],
    openingFrames: [...l.openingFrames],
    offTopic: [...l.offTopic],
    typePatterns: [...l.typePatterns],
    typeExceptions: [...l.typeExceptions].map(([t, ws]) => [t, [...ws]]),
    curated: [...l.curated],
    attributionVerbs: [...l.attributionVerbs],
  };
}

/** Fills a new lexicon's maps from its snapshot; returns the two sets it assigns itself. */
export function restoreLexicon(
  l: CompiledLexicon,
  s: LexiconSnapshot,
): { stop: Set<string>; attributionVerbs: Set<string> } {
  const context = (c: Context): CompiledContext => {
    const out: CompiledContext = {};
    if (c.before) out.before = new Set(c.before);
    if (c.after) out.after = new Set(c.after);
    if (c.near) out.near = new Set(c.near);
    return out;
  };
  for (const [k, v] of s.canonical) l.canonical.set(k, v);
  for (const [k, v] of s.phrases) l.phrases.set(k, v);
  for (const [k, ss] of s.senses)
    l.senses.set(
      k,
      ss.map((x) => ({
        means: x.means,
        ...(x.if ? { if: context(x.if) } : {}),
        ...(x.unless ? { unless: context(x.unless) } : {}),
      })),
    );
  for (const r of s.caseRules)
    l.caseRules.push({ literal: r.literal, pattern: new RegExp(r.source, r.flags), replacement: r.replacement });
  for (const [k, v] of s.frames) l.frames.set(k, v);
  for (const [k, v] of s.openingFrames) l.openingFrames.set(k, v);
  for (const [k, v] of s.offTopic) l.offTopic.set(k, v);
  for (const [k, v] of s.typePatterns) l.typePatterns.set(k, v);
  for (const [t, ws] of s.typeExceptions) l.typeExceptions.set(t, new Set(ws));
  for (const t of s.curated) l.curated.add(t);
  return { stop: new Set(s.stop), attributionVerbs: new Set(s.attributionVerbs) };
}
