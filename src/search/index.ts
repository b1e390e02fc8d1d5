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
import type { KnowledgeBase } from '../kb/load.ts';
import { Analyzer, type Analysis } from './analyzer.ts';

export type DocKind = 'qa' | 'claim' | 'event' | 'party';

interface Doc {
  kind: DocKind;
  id: string;
  /** The phrasing as curated, shown in suggestions. */
  label: string;
  /** Canonical terms of the phrasing. */
  terms: string[];
  /** The same terms as one string, for Fuse.js. */
  text: string;
  /** Extra terms of the entry (keywords, title): they explain a query but are not required. */
  extra: Set<string>;
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
   * "react") are often unknown too, so a full weight would refuse many fair paraphrases. */
  unknown: 0.8,
  /** Words outside the lexicon ("time", "name", "find") say less than "nso" or "lawsuit". */
  generic: 0.6,
};
const CANDIDATES = 40;
/** Candidates handed from the inverted index to Fuse.js and the overlap scoring. */
const POOL = 96;
/** Of those, how many Fuse.js ranks. */
const FUSE_POOL = 16;

export class SearchIndex {
  readonly analyzer: Analyzer;
  private readonly docs: Doc[] = [];
  private readonly idf = new Map<string, number>();
  private readonly maxIdf: number;
  /** term → phrasings that use it (in the phrasing itself or the entry's extras). */
  private readonly postings = new Map<string, Doc[]>();
  private readonly negatedDoc = new Set<Doc>();
  /** Every term an entry uses anywhere (phrasings, answer, quotes): what it is about. */
  private readonly scope = new Map<string, Set<string>>();

  constructor(kb: KnowledgeBase) {
    this.analyzer = new Analyzer(kb.lexicon);
    const add = (kind: DocKind, id: string, phrasings: string[], extras: string[]) => {
      const extraTerms = new Set(extras.flatMap((x) => this.analyzer.analyze(x, false).terms));
      for (const label of phrasings) {
        const a = this.analyzer.analyze(label, false);
        if (a.terms.length === 0) continue;
        const doc: Doc = { kind, id, label, terms: a.terms, text: a.terms.join(' '), extra: extraTerms };
        if (a.negated) this.negatedDoc.add(doc);
        this.docs.push(doc);
      }
    };
    const about = (kind: DocKind, id: string, texts: string[]) =>
      this.scope.set(`${kind}:${id}`, new Set(texts.flatMap((t) => this.analyzer.analyze(t, false).terms)));
    const quoted = (qs: ReadonlyArray<{ text: string }>) => qs.map((q) => q.text);
    for (const q of kb.qa) {
      add('qa', q.id, q.questions, q.keywords);
      about('qa', q.id, [...q.questions, ...q.keywords, q.answer, ...quoted(q.quotes)]);
    }
    for (const c of kb.claims) {
      add('claim', c.id, c.claims, c.keywords);
      about('claim', c.id, [...c.claims, ...c.keywords, c.explanation, c.numbersNote ?? '', ...quoted(c.quotes)]);
    }
    for (const e of kb.events) {
      add('event', e.id, [e.title], [...e.keywords, e.summary]);
      about('event', e.id, [e.title, e.summary, ...e.keywords, ...quoted(e.quotes)]);
    }
    for (const p of kb.parties) {
      add('party', p.id, [p.name, ...p.aliases], [p.description]);
      about('party', p.id, [p.name, ...p.aliases, p.description, ...quoted(p.quotes)]);
    }

    // Rarity of each term across phrasings: "nso" tells more than "whatsapp", which is everywhere.
    const df = new Map<string, number>();
    for (const d of this.docs) for (const t of d.terms) df.set(t, (df.get(t) ?? 0) + 1);
    const n = this.docs.length;
    for (const [t, f] of df) this.idf.set(t, Math.log(1 + (n - f + 0.5) / (f + 0.5)));
    this.maxIdf = Math.max(1, ...this.idf.values());

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
    ]);
    for (const d of this.docs) {
      for (const t of new Set([...d.terms, ...d.extra])) {
        const list = this.postings.get(t);
        if (list) list.push(d);
        else this.postings.set(t, [d]);
      }
    }
  }

  /** Rarity, with general words (outside the curated lexicon) counting less than domain terms. */
  private weight(term: string): number {
    if (term.startsWith('?')) return WEIGHTS.question;
    const idf = this.idf.get(term) ?? this.maxIdf;
    return this.analyzer.isCurated(term) ? idf : WEIGHTS.generic * idf;
  }

  /** Best hit per entry, best first. `kinds` limits what may answer. */
  search(query: string, kinds: readonly DocKind[]): SearchResult {
    const analysis = this.analyzer.analyze(query);
    if (analysis.terms.length === 0) return { analysis, hits: [] };
    const candidates = this.candidates(analysis, new Set(kinds));
    // Fuse.js ranks the strongest few candidates by fuzzy token match on their canonical terms;
    // its order breaks ties between equal overlap scores (kept small: building a Fuse.js index
    // per query over every candidate cost more than all the rest of a query).
    const fuseRank = new Map<Doc, number>();
    const fuse = new Fuse(candidates.slice(0, FUSE_POOL), { keys: ['text'], useTokenSearch: true, includeScore: true, ignoreLocation: true, threshold: 0.6 });
    fuse.search(analysis.terms.join(' ')).forEach((r, i) => fuseRank.set(r.item, i));
    const best = new Map<string, { hit: Hit; rank: number }>();
    for (const doc of candidates) {
      const hit = this.scoreDoc(doc, analysis);
      const rank = fuseRank.get(doc) ?? FUSE_POOL;
      const key = `${doc.kind}:${doc.id}`;
      const prev = best.get(key);
      if (!prev || hit.score > prev.hit.score || (hit.score === prev.hit.score && rank < prev.rank)) best.set(key, { hit, rank });
    }
    const hits = [...best.values()]
      .sort((a, b) => b.hit.score - a.hit.score || a.rank - b.rank)
      .slice(0, CANDIDATES)
      .map((x) => x.hit);
    return { analysis, hits };
  }

  /** Phrasings sharing a term with the query, best `POOL` by the rarity-weight they share. */
  private candidates(a: Analysis, kinds: Set<DocKind>): Doc[] {
    const shared = new Map<Doc, number>();
    for (const t of a.terms) {
      const w = this.weight(t);
      for (const d of this.postings.get(t) ?? []) {
        if (kinds.has(d.kind)) shared.set(d, (shared.get(d) ?? 0) + w);
      }
    }
    if (shared.size <= POOL) return [...shared.keys()];
    return [...shared.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, POOL)
      .map(([d]) => d);
  }

  /**
   * Two-sided overlap. queryCoverage: weight of query terms found in the phrasing or the entry's
   * extras, over all query weight (unknown words count as unmatched rare terms). docCoverage:
   * weight of phrasing terms the query has, over the phrasing's weight. The score is their
   * F-measure leaning on the query side (β = 1.5): a short query may name only part of a phrasing.
   */
  private scoreDoc(doc: Doc, a: Analysis): Hit {
    const docTerms = new Set(doc.terms);
    let qTotal = 0;
    let qHit = 0;
    let shared = 0;
    for (const t of a.terms) {
      const w = this.weight(t);
      qTotal += w;
      if (docTerms.has(t)) qHit += w;
      else if (doc.extra.has(t)) qHit += 0.8 * w;
      if (!t.startsWith('?') && (docTerms.has(t) || doc.extra.has(t))) shared++;
    }
    // Words the knowledge base never uses are unmatched, and rare: they usually mean the question is
    // about something the articles do not cover. Very short ones are more often noise ("u", "pls").
    for (const w of a.unknown) qTotal += (w.length <= 2 ? 0.3 : WEIGHTS.unknown) * WEIGHTS.generic * this.maxIdf;
    const qSet = new Set(a.terms);
    let dTotal = 0;
    let dHit = 0;
    for (const t of doc.terms) {
      const w = this.weight(t);
      dTotal += w;
      if (qSet.has(t)) dHit += w;
    }
    const qc = qTotal > 0 ? qHit / qTotal : 0;
    const dc = dTotal > 0 ? dHit / dTotal : 0;
    const b2 = 1.5 * 1.5;
    const score = qc + dc === 0 ? 0 : ((1 + b2) * qc * dc) / (b2 * dc + qc);
    return {
      kind: doc.kind,
      id: doc.id,
      label: doc.label,
      score,
      queryCoverage: qc,
      docCoverage: dc,
      polarityMismatch: a.negated !== this.negatedDoc.has(doc),
      entityMiss: a.entities.filter((t) => !this.scope.get(`${doc.kind}:${doc.id}`)?.has(t)),
      offTopicMiss: a.offTopic.filter((t) => !this.scope.get(`${doc.kind}:${doc.id}`)?.has(t)),
      shared,
      queryWords: a.terms.filter((t) => !t.startsWith('?')).length + a.unknown.length,
    };
  }

  /** Curated phrasings of one kind, for autocomplete with an empty input. */
  labels(kind: DocKind): Array<{ id: string; label: string }> {
    const seen = new Set<string>();
    const out: Array<{ id: string; label: string }> = [];
    for (const d of this.docs) {
      if (d.kind !== kind || seen.has(d.id)) continue;
      seen.add(d.id);
      out.push({ id: d.id, label: d.label });
    }
    return out;
  }
}
