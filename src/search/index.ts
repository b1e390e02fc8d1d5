// One search index over the short curated fields of the knowledge base: Q&A phrasings, claim
// wordings, event titles, party names and aliases — never the article text. Three stages:
// 1. the Analyzer folds the query into canonical terms; misspelt words are corrected against the
//    curated vocabulary, Fuse.js proposing the spelling neighbours;
// 2. an inverted index (term → phrasings) gathers candidates sharing a canonical term with the
//    query, ranked by the rarity of what they share — cheap however large the base grows, so
//    no per-query scan of every record; Fuse.js token search ranks the strongest few;
// 3. each candidate is scored by how much of the query it explains and how much of its own
//    phrasing the query covers, both weighted by rarity. That two-sided overlap is what the
//    answer / did-you-mean / no-answer bands are calibrated on, so one shared rare word cannot
//    pass for a match.
import Fuse from 'fuse.js';
import quickselect from 'quickselect';
import type { KnowledgeBase } from '../kb/load.ts';
import { Analyzer, type Analysis } from './analyzer.ts';
import { fold } from './normalize.ts';

export type DocKind = 'qa' | 'claim' | 'event' | 'party';

interface Doc {
  /** Position in docs[]: what the postings hold. */
  n: number;
  /** Number of the entry the phrasing belongs to: one hit per entry. */
  entry: number;
  kind: DocKind;
  id: string;
  /** The phrasing as curated, shown in suggestions. */
  label: string;
  /** Canonical terms of the phrasing. */
  terms: string[];
  /** Extra terms of the entry (keywords, title): they explain a query but are not required. */
  extra: Set<string>;
  /**
   * The entities and off-topic words the entry uses anywhere (phrasings, answer, quotes): what it
   * is about. Only those, since only those are ever looked up; shared by the entry's phrasings.
   */
  scope: Set<string>;
  negated: boolean;
  /** Sum of the phrasing's term weights (the docCoverage denominator), set once idf is known. */
  weight: number;
}

interface QueryWeights {
  /** Each query term's weight. */
  weights: Map<string, number>;
  /** All the query's weight, unknown words included (the queryCoverage denominator). */
  total: number;
  /** Content words in the query, known or not. */
  words: number;
}

/** A curated phrasing for autocomplete, with its folded form for substring matching. */
export interface Label {
  id: string;
  label: string;
  folded: string;
}

export interface Hit {
  kind: DocKind;
  id: string;
  label: string;
  /** 0..1: two-sided weighted overlap; see scoreDoc. */
  score: number;
  /** Share of the query's weight explained by the entry. */
  queryCoverage: number;
  /** Share of the phrasing's weight the query covers. */
  docCoverage: number;
  /** The query's negation differs from the phrasing's ("never told" vs "told"). */
  polarityMismatch: boolean;
  /** Actors the query names that this entry never mentions ("NSO" asked, WhatsApp's CEO found). */
  entityMiss: string[];
  /** Off-topic words of the query (prices, buying…) that this entry does not itself deal with. */
  offTopicMiss: string[];
  /** Content terms the query and the phrasing (or entry keywords) share. */
  shared: number;
  /** Content words in the query, known or not. */
  queryWords: number;
}

export interface SearchResult {
  analysis: Analysis;
  hits: Hit[];
}

/**
 * Term weights, calibrated with `npm run eval` on the tuning and dev sets (never the held-out set).
 * Exported as one object so a calibration sweep can vary them in process.
 */
export const WEIGHTS = {
  /** "when", "why", "who": they tell apart questions on one topic, but say little on their own. */
  question: 0.6,
  /** An unknown word counts as this share of the rarest generic term: general words ("time",
   * "react") are often unknown too, so a full weight would refuse many fair paraphrases. Kept at
   * 0.48 of the rarest term overall when `generic` went from 0.6 to 0.5: a word the record never
   * uses ("california", "army") is still what marks a question as asking for more than it says. */
  unknown: 0.96,
  /** Words outside the lexicon ("time", "name", "find") say less than "nso" or "lawsuit". */
  generic: 0.5,
};
const CANDIDATES = 40;
/** Candidates handed from the inverted index to Fuse.js and the overlap scoring. */
const POOL = 96;
/**
 * Of those, how many Fuse.js ranks (tied ones only). Answers and suggestions read the first few;
 * 16 cost an extra tenth of each query's garbage and reordered 2 of 5,440 result lists (eval
 * inputs and prefixes × kinds), neither at the top.
 */
const FUSE_POOL = 8;
/** The lowest score any caller reads (autocomplete's 0.15): ties below it need no order. */
const TIE_FLOOR = 0.15;
/** β² of the F-measure in scoreOf: β = 1.5 leans on the query side. */
const B2 = 1.5 * 1.5;

const KINDS: readonly DocKind[] = ['qa', 'claim', 'event', 'party'];

export class SearchIndex {
  readonly analyzer: Analyzer;
  private readonly docs: Doc[] = [];
  private readonly idf = new Map<string, number>();
  private readonly maxIdf: number;
  /**
   * kind → term → positions of the phrasings that use it (in the phrasing or the entry's extras).
   * Typed arrays and one map per kind: at 100× the base a common term has thousands of phrasings,
   * and walking them is most of a query.
   */
  private readonly postings = new Map<DocKind, Map<string, Int32Array>>();
  /** Shared-weight accumulator per phrasing, reused by every query (zeroed after use). */
  private readonly acc: Float64Array;
  /**
   * Scratch space every query reuses (queries are synchronous, one at a time): a typed array of
   * more than 64 bytes gets its own buffer outside the JS heap, and allocating one per query made
   * garbage collection run far more often than the query's own objects did.
   */
  private readonly scratch: { weights: Float64Array; scores: Float64Array; ranks: Int32Array };
  private readonly labelsByKind = new Map<DocKind, Label[]>();

  constructor(kb: KnowledgeBase) {
    this.analyzer = new Analyzer(kb.lexicon);
    // The same text is read up to three times below (as phrasing, as scope, as vocabulary) and
    // many recur across entries (quotes, keywords): analysing each distinct text once cut the
    // index build by two thirds. Only for the build: the vocabulary is not learnt yet.
    const memo = new Map<string, Analysis>();
    const analyze = (text: string): Analysis => {
      let a = memo.get(text);
      if (!a) memo.set(text, (a = this.analyzer.analyze(text, false)));
      return a;
    };
    const termsOf = (texts: string[]) => new Set(texts.flatMap((t) => analyze(t).terms));
    let entry = 0;
    const add = (kind: DocKind, id: string, phrasings: string[], extras: string[], about: string[]) => {
      const extra = termsOf(extras);
      const scope = new Set<string>();
      for (const text of [...phrasings, ...extras, ...about]) {
        for (const t of analyze(text).terms) {
          if (!this.analyzer.isScopeTerm(t)) continue;
          scope.add(t);
          for (const whole of this.analyzer.wholesOf(t)) scope.add(whole);
        }
      }
      entry++;
      for (const label of phrasings) {
        const a = analyze(label);
        if (a.terms.length === 0) continue;
        this.docs.push({ n: this.docs.length, entry, kind, id, label, terms: a.terms, extra, scope, negated: a.negated, weight: 0 });
      }
    };
    const quoted = (qs: ReadonlyArray<{ text: string }>) => qs.map((q) => q.text);
    for (const q of kb.qa) add('qa', q.id, q.questions, q.keywords, [q.answer, ...quoted(q.quotes)]);
    for (const c of kb.claims) add('claim', c.id, c.claims, c.keywords, [c.explanation, c.numbersNote ?? '', ...quoted(c.quotes)]);
    for (const e of kb.events) add('event', e.id, [e.title], [...e.keywords, e.summary], quoted(e.quotes));
    for (const p of kb.parties) add('party', p.id, [p.name, ...p.aliases], [p.description], quoted(p.quotes));

    // Rarity of each term across phrasings: "nso" tells more than "whatsapp", which is everywhere.
    const df = new Map<string, number>();
    for (const d of this.docs) for (const t of d.terms) df.set(t, (df.get(t) ?? 0) + 1);
    const n = this.docs.length;
    for (const [t, f] of df) this.idf.set(t, Math.log(1 + (n - f + 0.5) / (f + 0.5)));
    let maxIdf = 1;
    for (const v of this.idf.values()) if (v > maxIdf) maxIdf = v;
    this.maxIdf = maxIdf;
    for (const d of this.docs) for (const t of d.terms) d.weight += this.weight(t);

    this.analyzer.learn([
      ...this.docs.map((d) => d.label),
      ...kb.events.flatMap((e) => [e.summary, ...e.keywords]),
      ...kb.qa.flatMap((q) => q.keywords),
      ...kb.claims.flatMap((c) => c.keywords),
      ...kb.parties.flatMap((p) => [p.description, ...p.aliases]),
      // Every word of the answers and of the articles is known: a word the whole record never
      // uses is what marks a question as being about something else.
      ...kb.qa.map((q) => q.answer),
      ...kb.claims.map((c) => c.explanation),
      ...[...kb.texts.values()].flatMap((t) => t.segments.map((seg) => seg.text)),
    ].map((text) => analyze(text).terms));
    const lists = new Map<DocKind, Map<string, number[]>>(KINDS.map((k) => [k, new Map()]));
    for (const d of this.docs) {
      const byTerm = lists.get(d.kind)!;
      for (const t of new Set([...d.terms, ...d.extra])) {
        const list = byTerm.get(t);
        if (list) list.push(d.n);
        else byTerm.set(t, [d.n]);
      }
    }
    for (const [kind, byTerm] of lists) this.postings.set(kind, new Map([...byTerm].map(([t, ns]) => [t, Int32Array.from(ns)])));
    this.acc = new Float64Array(this.docs.length);
    this.scratch = { weights: new Float64Array(this.docs.length), scores: new Float64Array(POOL), ranks: new Int32Array(POOL) };
    for (const kind of KINDS) {
      const seen = new Set<string>();
      const labels: Label[] = [];
      for (const d of this.docs) {
        if (d.kind !== kind || seen.has(d.id)) continue;
        seen.add(d.id);
        labels.push({ id: d.id, label: d.label, folded: fold(d.label) });
      }
      this.labelsByKind.set(kind, labels);
    }
  }

  /** What scoring needs of the query, computed once rather than per candidate. */
  private queryWeights(a: Analysis): QueryWeights {
    const weights = new Map<string, number>();
    let total = 0;
    for (const t of a.terms) {
      const w = this.weight(t);
      weights.set(t, w);
      total += w;
    }
    // Words the knowledge base never uses are unmatched, and rare: they usually mean the question is
    // about something the articles do not cover. Very short ones are more often noise ("u", "pls").
    for (const w of a.unknown) total += (w.length <= 2 ? 0.3 : WEIGHTS.unknown) * WEIGHTS.generic * this.maxIdf;
    return { weights, total, words: a.terms.filter((t) => !t.startsWith('?')).length + a.unknown.length };
  }

  /** Rarity, with general words (outside the curated lexicon) counting less than domain terms. */
  private weight(term: string): number {
    if (term.startsWith('?')) return WEIGHTS.question;
    const idf = this.idf.get(term) ?? this.maxIdf;
    return this.analyzer.isCurated(term) ? idf : WEIGHTS.generic * idf;
  }

  /**
   * Best hit per entry, best first. `kinds` limits what may answer.
   *
   * Candidates are scored as plain numbers and ordered by index; a Hit object is made only for
   * the entries returned. (Making one per candidate was a sixth of the memory a query allocates,
   * and at a few thousand queries a second that garbage is what sets the slowest latencies.)
   */
  search(query: string, kinds: readonly DocKind[]): SearchResult {
    const analysis = this.analyzer.analyze(query);
    if (analysis.terms.length === 0) return { analysis, hits: [] };
    const q = this.queryWeights(analysis);
    const docs = this.candidates(analysis, kinds);
    const n = docs.length;
    const scores = this.scratch.scores; // n ≤ POOL
    for (let i = 0; i < n; i++) scores[i] = this.scoreOf(docs[i]!, analysis, q);
    // Best first; equal scores keep candidate order.
    const byScore = Array.from({ length: n }, (_, i) => i).sort((x, y) => scores[y]! - scores[x]! || x - y);
    const ranks = this.rankTies(docs, scores, byScore, analysis);
    // Score, then Fuse.js rank among ties, then candidate order: the first phrasing met of each
    // entry is its best, and entries come out in the order of their best phrasings.
    const order = ranks ? byScore.sort((x, y) => scores[y]! - scores[x]! || ranks[x]! - ranks[y]! || x - y) : byScore;
    const seen = new Set<number>();
    const hits: Hit[] = [];
    for (const i of order) {
      const doc = docs[i]!;
      if (seen.has(doc.entry)) continue;
      seen.add(doc.entry);
      hits.push(this.hit(doc, analysis, q, scores[i]!));
      if (hits.length === CANDIDATES) break;
    }
    return { analysis, hits };
  }

  /**
   * Fuse.js token search ranks the phrasings whose overlap score ties with another's near the top
   * (the same terms in different entries, say): its fuzzy, rarity-weighted match of the query
   * decides their order. Only ties, and at most FUSE_POOL of them: a Fuse.js index built per
   * query over every candidate cost more than all the rest of a query. Returns each candidate's
   * rank (FUSE_POOL for the unranked), or null when there was no tie to rank.
   */
  private rankTies(docs: readonly Doc[], scores: Float64Array, byScore: readonly number[], analysis: Analysis): Int32Array | null {
    // Below TIE_FLOOR nothing reads the order (not answers, suggestions or autocomplete).
    const top: number[] = [];
    for (const i of byScore) {
      if (top.length === 2 * CANDIDATES || scores[i]! < TIE_FLOOR) break;
      top.push(i);
    }
    const tied = top.filter((i, k) => (k > 0 && scores[top[k - 1]!] === scores[i]) || (k + 1 < top.length && scores[top[k + 1]!] === scores[i])).slice(0, FUSE_POOL);
    if (tied.length < 2) return null;
    const ranks = this.scratch.ranks.fill(FUSE_POOL, 0, docs.length);
    const fuse = new Fuse(
      tied.map((i) => ({ i, text: docs[i]!.terms.join(' ') })),
      { keys: ['text'], useTokenSearch: true, includeScore: true, ignoreLocation: true, threshold: 0.6 },
    );
    fuse.search(analysis.terms.join(' ')).forEach((r, rank) => (ranks[r.item.i] = rank));
    return ranks;
  }

  /**
   * Phrasings sharing a term with the query, best `POOL` by the rarity-weight they share. At 100×
   * the base a common term ("whatsapp", "when") is on tens of thousands of phrasings: the weights
   * add up in a typed array, and the POOL-th best is found by quickselect, not a sort.
   */
  private candidates(a: Analysis, kinds: readonly DocKind[]): Doc[] {
    const acc = this.acc;
    const touched: number[] = [];
    for (const kind of kinds) {
      const byTerm = this.postings.get(kind)!;
      for (const t of a.terms) {
        const list = byTerm.get(t);
        if (!list) continue;
        const w = this.weight(t); // > 0, so acc[n] === 0 means "not reached yet"
        for (let i = 0; i < list.length; i++) {
          const n = list[i]!;
          if (acc[n] === 0) touched.push(n);
          acc[n] = acc[n]! + w;
        }
      }
    }
    let chosen = touched;
    if (touched.length > POOL) {
      const weights = this.scratch.weights.subarray(0, touched.length);
      for (let i = 0; i < touched.length; i++) weights[i] = acc[touched[i]!]!;
      // quickselect only indexes and compares, so a typed array (twice as fast here) does; its
      // types say number[].
      quickselect(weights as unknown as number[], touched.length - POOL);
      const cut = weights[touched.length - POOL]!;
      let atCut = POOL;
      for (const n of touched) if (acc[n]! > cut) atCut--;
      // In the order first reached, then (stable sort) by weight: ties keep that order.
      chosen = touched.filter((n) => acc[n]! > cut || (acc[n] === cut && atCut-- > 0)).sort((x, y) => acc[y]! - acc[x]!);
    }
    const docs = chosen.map((n) => this.docs[n]!);
    for (const n of touched) acc[n] = 0;
    return docs;
  }

  /**
   * Two-sided overlap. queryCoverage: weight of query terms found in the phrasing or the entry's
   * extras, over all query weight (unknown words count as unmatched rare terms). docCoverage:
   * weight of phrasing terms the query has, over the phrasing's weight. The score is their
   * F-measure leaning on the query side (β = 1.5): a short query may name only part of a phrasing.
   */
  private scoreOf(doc: Doc, a: Analysis, q: QueryWeights): number {
    let qHit = 0;
    for (const t of a.terms) {
      if (doc.terms.includes(t)) qHit += q.weights.get(t)!;
      else if (doc.extra.has(t)) qHit += 0.8 * q.weights.get(t)!;
    }
    let dHit = 0;
    for (const t of doc.terms) {
      const w = q.weights.get(t);
      if (w !== undefined) dHit += w;
    }
    const qc = q.total > 0 ? qHit / q.total : 0;
    const dc = doc.weight > 0 ? dHit / doc.weight : 0;
    return qc + dc === 0 ? 0 : ((1 + B2) * qc * dc) / (B2 * dc + qc);
  }

  /** The full Hit for a phrasing scoreOf has scored: coverage, shared terms, what it misses. */
  private hit(doc: Doc, a: Analysis, q: QueryWeights, score: number): Hit {
    let qHit = 0;
    let shared = 0;
    for (const t of a.terms) {
      const inDoc = doc.terms.includes(t);
      const inExtra = !inDoc && doc.extra.has(t);
      if (inDoc) qHit += q.weights.get(t)!;
      else if (inExtra) qHit += 0.8 * q.weights.get(t)!;
      if ((inDoc || inExtra) && !t.startsWith('?')) shared++;
    }
    let dHit = 0;
    for (const t of doc.terms) {
      const w = q.weights.get(t);
      if (w !== undefined) dHit += w;
    }
    return {
      kind: doc.kind,
      id: doc.id,
      label: doc.label,
      score,
      queryCoverage: q.total > 0 ? qHit / q.total : 0,
      docCoverage: doc.weight > 0 ? dHit / doc.weight : 0,
      polarityMismatch: a.negated !== doc.negated,
      entityMiss: a.entities.filter((t) => !doc.scope.has(t)),
      offTopicMiss: a.offTopic.filter((t) => !doc.scope.has(t)),
      shared,
      queryWords: q.words,
    };
  }

  /** Curated phrasings of one kind, the first of each entry, in curated order (autocomplete). */
  labels(kind: DocKind): readonly Label[] {
    return this.labelsByKind.get(kind) ?? [];
  }
}
