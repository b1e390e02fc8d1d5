// Generates a knowledge base N times the size of the real one, in memory, for the scale benchmark.
//
// Why cloning with variation rather than plain copies: N identical copies would leave the
// vocabulary (and so the typo-correction index and term statistics) exactly as it is, and every
// copy would tie with its original — neither is what a bigger corpus looks like. A real corpus N×
// larger has more distinct words, roughly Heaps' law V(N) = V₀·N^β with β ≈ 0.5–0.6 for English,
// and its new words are mostly rare. So each clone keeps its entry's shape and real quotes (they
// must stay verbatim for rendering) but has some of its words replaced, and one sometimes
// appended, by synthetic word-like tokens ("valoku", "tremisan") drawn Zipf-style from a pool
// sized by Heaps' law. The real entries are kept too, so the real questions still have their
// real answers, now among many near neighbours — which is what makes search work hard.
//
// Cloned: qa, claims, events and parties (what the search index and /timeline read). Transfers,
// inconsistencies, sources and the lexicon stay as they are. References inside a clone point to
// the same clone's events and parties, so /timeline party filters and /ask dates still resolve.
import type { KnowledgeBase } from '../src/kb/load.ts';
import type { Claim, Event, Party, QaEntry } from '../src/kb/schema.ts';
import { fold, words } from '../src/search/normalize.ts';
import { prng } from './stats.ts';

/** Share of eligible words (4+ letters) replaced by a synthetic token in each cloned text. */
const REPLACE = 0.3;
/** Chance that a cloned text also gets one synthetic word appended. */
const APPEND = 0.5;
/** Heaps' law exponent for how fast the vocabulary grows with corpus size. */
const HEAPS_BETA = 0.6;

export interface ScaledKb {
  kb: KnowledgeBase;
  factor: number;
  /** Synthetic tokens available to the clones (Heaps' law estimate of the new vocabulary). */
  poolSize: number;
  /** Distinct words in the indexed fields: the real KB's, and those plus the synthetic tokens the clones use. */
  vocabulary: { real: number; scaled: number };
  counts: { qa: number; claims: number; events: number; parties: number };
}

/** Texts the search index reads (phrasings, keywords, summaries, names, descriptions). */
function indexedTexts(kb: KnowledgeBase): string[] {
  return [
    ...kb.qa.flatMap((q) => [...q.questions, ...q.keywords, q.answer]),
    ...kb.claims.flatMap((c) => [...c.claims, ...c.keywords, c.explanation, c.numbersNote ?? '']),
    ...kb.events.flatMap((e) => [e.title, e.summary, ...e.keywords]),
    ...kb.parties.flatMap((p) => [p.name, ...p.aliases, p.description]),
  ];
}

function vocabularyOf(kb: KnowledgeBase): Set<string> {
  const v = new Set<string>();
  for (const t of indexedTexts(kb)) for (const w of words(fold(t))) v.add(w);
  return v;
}

const ONSETS = [
  'b',
  'd',
  'f',
  'g',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'z',
  'br',
  'dr',
  'gr',
  'kl',
  'pr',
  'st',
  'tr',
  'sh',
  'ch',
  'th',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou'];
const CODAS = ['', '', '', 'n', 'r', 'l', 'm', 'k', 't'];

/** A pronounceable, word-like token of 2–4 syllables (never ending in "s", which the stemmer would strip). */
function syntheticWord(random: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const syllables = 2 + Math.floor(random() * 3);
  let w = '';
  for (let i = 0; i < syllables; i++) w += pick(ONSETS) + pick(VOWELS);
  return w + pick(CODAS);
}

export function scaleKnowledge(real: KnowledgeBase, factor: number, seed = 7): ScaledKb {
  const realVocab = vocabularyOf(real);
  const counts = (kb: KnowledgeBase) => ({
    qa: kb.qa.length,
    claims: kb.claims.length,
    events: kb.events.length,
    parties: kb.parties.length,
  });
  if (factor <= 1)
    return {
      kb: real,
      factor: 1,
      poolSize: 0,
      vocabulary: { real: realVocab.size, scaled: realVocab.size },
      counts: counts(real),
    };
  const random = prng(seed * 1_000_003 + factor);

  // Pool of new words: V₀·(N^β − 1) of them, none colliding with a real word.
  const poolSize = Math.round(realVocab.size * (factor ** HEAPS_BETA - 1));
  const pool = new Set<string>();
  while (pool.size < poolSize) {
    const w = syntheticWord(random);
    if (!realVocab.has(w)) pool.add(w);
  }
  const tokens = [...pool];
  // Zipf (s ≈ 1) by log-uniform rank: a few synthetic words are common, most are rare.
  const used = new Set<string>();
  const draw = () => {
    const w = tokens[Math.min(tokens.length - 1, Math.floor(Math.exp(random() * Math.log(tokens.length + 1))) - 1)]!;
    used.add(w);
    return w;
  };

  /** Replaces some words and maybe appends one; keeps punctuation and spacing; respects max length. */
  const vary = (text: string, max = Infinity): string => {
    let out = text.replace(/\p{L}{4,}/gu, (w) => (random() < REPLACE ? draw() : w));
    if (random() < APPEND) out = `${out} ${draw()}`;
    return out.length > max ? out.slice(0, max).trimEnd() : out;
  };
  const varyAll = (xs: readonly string[]) => xs.map((x) => vary(x));

  const qa: QaEntry[] = [...real.qa];
  const claims: Claim[] = [...real.claims];
  const events: Event[] = [...real.events];
  const parties: Party[] = [...real.parties];
  for (let k = 1; k < factor; k++) {
    const id = (x: string) => `${x}-s${k}`;
    for (const p of real.parties) {
      parties.push({
        ...p,
        id: id(p.id),
        name: vary(p.name),
        aliases: varyAll(p.aliases),
        description: vary(p.description),
        ...(p.partOf ? { partOf: id(p.partOf) } : {}),
      });
    }
    for (const e of real.events) {
      events.push({
        ...e,
        id: id(e.id),
        title: vary(e.title, 120),
        summary: vary(e.summary, 300),
        parties: e.parties.map(id),
        keywords: varyAll(e.keywords),
      });
    }
    for (const q of real.qa) {
      qa.push({
        ...q,
        id: id(q.id),
        questions: varyAll(q.questions),
        answer: vary(q.answer, 600),
        keywords: varyAll(q.keywords),
        events: q.events.map(id),
      });
    }
    for (const c of real.claims) {
      claims.push({
        ...c,
        id: id(c.id),
        claims: varyAll(c.claims),
        explanation: vary(c.explanation, 600),
        ...(c.numbersNote ? { numbersNote: vary(c.numbersNote) } : {}),
        keywords: varyAll(c.keywords),
        events: c.events.map(id),
      });
    }
  }
  const kb: KnowledgeBase = {
    ...real,
    // Its own version: the build's index snapshot (of the real base) must never be read for it.
    version: `${real.version}-x${factor}`,
    qa,
    claims,
    events,
    parties,
    party: new Map(parties.map((p) => [p.id, p])),
    event: new Map(events.map((e) => [e.id, e])),
  };
  return {
    kb,
    factor,
    poolSize,
    vocabulary: { real: realVocab.size, scaled: realVocab.size + used.size },
    counts: counts(kb),
  };
}
