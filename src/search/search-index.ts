// One search index over the knowledge base's entries, built once; every query afterwards only
// reads it. The pipeline is fixed at construction:
// 1. the Analyzer reads the query into canonical terms (lexicon, senses, frames, question type),
//    correcting misspellings against the record's vocabulary, Fuse.js proposing the neighbours;
// 2. the inverted index gathers the entries whose names share a term with the query, best POOL by
//    the rarity-weight they share — cheap however large the base grows;
// 3. each is scored (index/score.ts: how much of the query it explains, in which field, and how
//    much of its best phrasing the query names); Fuse.js token search orders the entries whose
//    scores tie. What the decision then reads of each hit — coverages, shared words, the actors or
//    off-topic words the entry never mentions, whether it answers this kind of question — is in Hit.
import Fuse from 'fuse.js';
import quickselect from 'quickselect';
import type { KnowledgeBase } from '../kb/load.ts';
import type { AnswerType } from '../kb/schema.ts';
import { Analyzer, type Analysis } from './analyzer.ts';
import { commonWords } from './common-words.ts';
import { CompiledLexicon } from './lexicon.ts';
import { TermReader } from './reader.ts';
import { entryTexts, TYPE_OF } from './index/entries.ts';
import { type BuildOptions, buildIndexStore } from './index/parallel-build.ts';
import { labelsByKind, type Label } from './index/labels.ts';
import { Postings } from './index/postings.ts';
import { QueryMarks, scoreEntry, WEIGHTS, type QueryVector, type Scored } from './index/score.ts';
import { hasIn, KINDS, type DocKind, type Store } from './index/store.ts';
import { TermTable } from './index/terms.ts';
import { fromSnapshot, toSnapshot, type Snapshot } from './index/snapshot.ts';
import { lexiconSnapshot } from './lexicon-snapshot.ts';

export type { DocKind, Label };
export { WEIGHTS };

export interface Hit {
  kind: DocKind;
  id: string;
  /** The entry's first phrasing (its name in suggestions). */
  label: string;
  /** The phrasing that matched best. */
  matched: string;
  /** 0..1: see index/score.ts. */
  score: number;
  queryCoverage: number;
  docCoverage: number;
  nameCoverage: number;
  /** The share of the query's domain terms (lexicon groups, entities) the entry explains. */
  domainCoverage: number;
  /** Content terms the query shares with the entry's names. */
  shared: number;
  /** One of them names an actor of the incident. */
  sharedEntity: boolean;
  /** Content words in the query, known or not. */
  queryWords: number;
  /** Share of the query's weight in words the record never uses. */
  unknownShare: number;
  /** The query's negation differs from the phrasing's ("never told" vs "told"). */
  polarityMismatch: boolean;
  /** Actors the query names that this entry never mentions ("NSO" asked, WhatsApp's CEO found). */
  entityMiss: string[];
  /** Off-topic words of the query (prices, buying…) that this entry does not itself deal with. */
  offTopicMiss: string[];
  /** Actors the matched phrasing names that the query does not (nor their parts or wholes). */
  extraEntities: number;
  /** 1: the entry answers this kind of question; -1: it does not; 0: the question has no kind. */
  typeFit: -1 | 0 | 1;
  /** Content terms of the query the record uses elsewhere but this entry nowhere, with their weight share. */
  unexplained: { terms: string[]; share: number };
}

export interface SearchResult {
  analysis: Analysis;
  hits: Hit[];
}

/** Hits returned per search. */
const CANDIDATES = 40;
/** Entries handed from the inverted index to scoring. */
const POOL = 96;
/** Of those, how many Fuse.js ranks (tied ones only): answers and suggestions read the first few. */
const FUSE_POOL = 8;
/** The lowest score any caller reads (autocomplete's 0.15): ties below it need no order. */
const TIE_FLOOR = 0.15;

export class SearchIndex {
  readonly analyzer: Analyzer;
  readonly reader: TermReader;
  private readonly table = new TermTable();
  private readonly store: Store;
  /** Per kind (KINDS' order), entry id → entry number. */
  private readonly byId: Array<Map<string, number>> = KINDS.map(() => new Map());
  private readonly postings: Postings;
  /** Each term's weight by id: rarity, general words counting less than the curated vocabulary. */
  private readonly termWeight: Float64Array;
  /** How many entries name each term, by id. */
  private readonly df: Uint32Array;
  private readonly maxIdf: number;
  /** Shared-weight accumulator per entry, reused by every query (zeroed after use). */
  private readonly acc: Float64Array;
  private readonly where = new Uint8Array(256);
  private readonly marks: QueryMarks;
  private readonly labels: Map<DocKind, Label[]>;
  private readonly version: string;
  /** Whether it was read from the build's snapshot rather than built. */
  readonly fromSnapshot: boolean = false;

  /** Threads that read the entries (0: read from a snapshot). */
  readonly buildThreads: 0 | 1 | 2 = 0;

  /** `snapshot`: the index as the build serialised it, used when it is of this knowledge base. */
  constructor(kb: KnowledgeBase, snapshot?: Snapshot | null, build?: BuildOptions) {
    const current = snapshot?.knowledge === kb.version ? snapshot : null;
    this.reader = new TermReader(new CompiledLexicon(kb.lexicon, current?.lexicon));
    if (current) {
      const restored = fromSnapshot(current);
      for (const t of restored.terms) this.table.intern(t);
      this.store = restored.store;
      this.fromSnapshot = true;
    } else {
      const built = buildIndexStore(entryTexts(kb), kb.lexicon, this.reader, this.table, build);
      this.store = built.store;
      this.buildThreads = built.threads;
      // Every word of the articles is known to the speller too (their terms join the table, named
      // by no entry): a word the whole record never uses is what marks a question as about something else.
      for (const s of kb.texts.values())
        for (const seg of s.segments) for (const t of this.reader.terms(seg.text)) this.table.intern(t);
    }
    this.version = kb.version;
    // No "kind:id" key made per entry: at 1000× the base that was 0.4 s of the build.
    for (let e = 0; e < this.store.count; e++) this.byId[this.store.kind[e]!]!.set(this.store.id[e]!, e);

    // Rarity over entries: "nso" tells more than "whatsapp", which nearly every entry names.
    const df = (this.df = Postings.documentFrequency(this.store, this.table.size));
    const n = this.store.count;
    const idf = (f: number) => Math.log(1 + (n - f + 0.5) / (f + 0.5));
    this.maxIdf = Math.max(1, idf(0));
    this.termWeight = new Float64Array(this.table.size);
    for (let id = 0; id < this.table.size; id++) this.termWeight[id] = this.weigh(this.table.names[id]!, idf(df[id]!));
    const { termStart, terms, weight } = this.store;
    for (let p = 0; p < weight.length; p++) {
      let w = 0;
      for (let i = termStart[p]!; i < termStart[p + 1]!; i++) w += this.termWeight[terms[i]!]!;
      weight[p] = w;
    }
    this.analyzer = new Analyzer(this.reader, [this.table.names]);
    this.postings = new Postings(this.store, this.table.size);
    this.acc = new Float64Array(this.store.count);
    this.marks = new QueryMarks(this.table.size);
    this.labels = labelsByKind(this.store);
  }

  private weigh(term: string, idf: number): number {
    if (term.startsWith('?')) return WEIGHTS.question;
    if (this.reader.isCurated(term)) return idf;
    return (commonWords().has(term) ? WEIGHTS.common : WEIGHTS.generic) * idf;
  }

  /** A query's terms as ids and weights, computed once rather than per candidate. */
  private vector(a: Analysis): QueryVector {
    const n = a.terms.length;
    const ids = new Int32Array(n);
    const weights = new Float64Array(n);
    const content = new Uint8Array(n);
    const curated = new Uint8Array(n);
    let total = 0;
    let curatedTotal = 0;
    let words = 0;
    for (let k = 0; k < n; k++) {
      const t = a.terms[k]!;
      const id = this.table.id(t);
      ids[k] = id;
      weights[k] = id >= 0 ? this.termWeight[id]! : this.weigh(t, this.maxIdf);
      total += weights[k]!;
      if (this.reader.isCurated(t)) {
        curated[k] = 1;
        curatedTotal += weights[k]!;
      }
      if (!t.startsWith('?')) {
        content[k] = 1;
        words++;
      }
    }
    // Words the record never uses are unmatched, and rare: they usually mean the question is about
    // something the articles do not cover. Very short ones are more often noise ("u", "pls").
    let unknownWeight = 0;
    for (const w of a.unknown) unknownWeight += (w.length <= 2 ? 0.3 : WEIGHTS.unknown) * WEIGHTS.generic * this.maxIdf;
    return {
      ids,
      weights,
      content,
      curated,
      curatedTotal,
      total: total + unknownWeight,
      unknownWeight,
      words: words + a.unknown.length,
    };
  }

  /** Best hit per entry, best first; `kinds` limits what may answer. */
  search(query: string, kinds: readonly DocKind[]): SearchResult {
    const analysis = this.analyzer.analyze(query);
    if (analysis.terms.length === 0) return { analysis, hits: [] };
    const q = this.vector(analysis);
    const where = q.ids.length <= this.where.length ? this.where : new Uint8Array(q.ids.length);
    this.marks.mark(q);
    let scored: Array<{ e: number; s: Scored }>;
    try {
      scored = this.candidates(q, kinds).map((e) => ({ e, s: scoreEntry(this.store, e, q, where, this.marks) }));
    } finally {
      this.marks.unmark(q);
    }
    scored.sort((x, y) => y.s.score - x.s.score);
    const ranks = this.rankTies(scored, analysis);
    if (ranks)
      scored.sort((x, y) => y.s.score - x.s.score || (ranks.get(x.e) ?? FUSE_POOL) - (ranks.get(y.e) ?? FUSE_POOL));
    const st = this.store;
    const hits: Hit[] = [];
    for (const { e, s } of scored.slice(0, CANDIDATES)) {
      const p = s.phrasing;
      hits.push({
        kind: KINDS[st.kind[e]!]!,
        id: st.id[e]!,
        label: st.label[st.phrasingStart[e]!]!,
        matched: st.label[p]!,
        score: s.score,
        queryCoverage: s.queryCoverage,
        docCoverage: s.docCoverage,
        nameCoverage: s.nameCoverage,
        domainCoverage: s.domainCoverage,
        shared: s.shared,
        sharedEntity: analysis.entities.some((t) =>
          hasIn(st.names, st.namesStart[e]!, st.namesStart[e + 1]!, this.table.id(t)),
        ),
        queryWords: q.words,
        unknownShare: q.total > 0 ? q.unknownWeight / q.total : 0,
        polarityMismatch: analysis.negated !== (st.negated[p] === 1),
        entityMiss: analysis.entities.filter((t) => !this.inScope(e, t)),
        offTopicMiss: analysis.offTopic.filter((t) => !this.inScope(e, t)),
        extraEntities: this.extraEntities(p, analysis),
        typeFit: typeFit(analysis.type, st.types[e]!),
        unexplained: this.unexplained(e, q, analysis),
      });
    }
    return { analysis, hits };
  }

  private inScope(e: number, term: string): boolean {
    const id = this.table.id(term);
    return id >= 0 && hasIn(this.store.scope, this.store.scopeStart[e]!, this.store.scopeStart[e + 1]!, id);
  }

  private extraEntities(p: number, a: Analysis): number {
    let n = 0;
    const st = this.store;
    for (let i = st.termStart[p]!; i < st.termStart[p + 1]!; i++) {
      const t = this.table.names[st.terms[i]!]!;
      if (!this.reader.isEntity(t) || a.entities.includes(t)) continue;
      const near = (x: string) => this.reader.wholesOf(x).includes(t) || this.reader.wholesOf(t).includes(x);
      if (!a.entities.some(near)) n++;
    }
    return n;
  }

  private unexplained(e: number, q: QueryVector, a: Analysis): { terms: string[]; share: number } {
    const st = this.store;
    const terms: string[] = [];
    let weight = 0;
    for (let k = 0; k < q.ids.length; k++) {
      const id = q.ids[k]!;
      if (!q.content[k] || a.terms[k]!.startsWith('#')) continue;
      if (
        id >= 0 &&
        (hasIn(st.names, st.namesStart[e]!, st.namesStart[e + 1]!, id) ||
          hasIn(st.body, st.bodyStart[e]!, st.bodyStart[e + 1]!, id))
      )
        continue;
      terms.push(a.terms[k]!);
      weight += q.weights[k]!;
    }
    return { terms, share: q.total > 0 ? weight / q.total : 0 };
  }

  /**
   * Entries whose names share a term with the query, best POOL by the rarity-weight they share.
   * At 100× the base a common term ("whatsapp") is in thousands of entries: the weights add up in
   * a typed array, and the POOL-th best is found by quickselect, not a sort.
   */
  private candidates(q: QueryVector, kinds: readonly DocKind[]): number[] {
    const acc = this.acc;
    const touched: number[] = [];
    for (const kind of kinds) {
      for (let k = 0; k < q.ids.length; k++) {
        const run = q.ids[k]! >= 0 ? this.postings.of(kind, q.ids[k]!) : undefined;
        if (!run) continue;
        const w = q.weights[k]!; // > 0, so acc[n] === 0 means "not reached yet"
        const { list, from, to } = run;
        for (let i = from; i < to; i++) {
          const n = list[i]!;
          if (acc[n] === 0) touched.push(n);
          acc[n] = acc[n]! + w;
        }
      }
    }
    let chosen = touched;
    if (touched.length > POOL) {
      const weights = Float64Array.from(touched, (n) => acc[n]!);
      // quickselect only indexes and compares, so a typed array (twice as fast here) does.
      quickselect(weights as unknown as number[], touched.length - POOL);
      const cut = weights[touched.length - POOL]!;
      let atCut = POOL;
      for (const n of touched) if (acc[n]! > cut) atCut--;
      chosen = touched.filter((n) => acc[n]! > cut || (acc[n] === cut && atCut-- > 0));
    }
    for (const n of touched) acc[n] = 0;
    return chosen;
  }

  /**
   * Fuse.js token search orders entries whose scores tie near the top (the same terms in different
   * entries): its fuzzy, rarity-weighted match of the query decides. Only ties, at most FUSE_POOL.
   */
  private rankTies(
    scored: ReadonlyArray<{ e: number; s: { score: number; phrasing: number } }>,
    a: Analysis,
  ): Map<number, number> | null {
    const top = scored.slice(0, 2 * CANDIDATES).filter((x) => x.s.score >= TIE_FLOOR);
    const tied = top
      .filter(
        (x, k) =>
          (k > 0 && top[k - 1]!.s.score === x.s.score) || (k + 1 < top.length && top[k + 1]!.s.score === x.s.score),
      )
      .slice(0, FUSE_POOL);
    if (tied.length < 2) return null;
    const st = this.store;
    const fuse = new Fuse(
      tied.map((x) => ({
        e: x.e,
        text: Array.from(
          st.terms.subarray(st.termStart[x.s.phrasing]!, st.termStart[x.s.phrasing + 1]!),
          (id) => this.table.names[id]!,
        ).join(' '),
      })),
      { keys: ['text'], useTokenSearch: true, includeScore: true, ignoreLocation: true, threshold: 0.6 },
    );
    const ranks = new Map<number, number>();
    fuse.search(a.terms.join(' ')).forEach((r, rank) => ranks.set(r.item.e, rank));
    return ranks;
  }

  /** The index as a snapshot for the build to store (see index/snapshot.ts). */
  snapshot(): Snapshot {
    return toSnapshot(this.version, this.table.names, this.store, lexiconSnapshot(this.reader.lexicon));
  }

  /** A term's weight in scoring (rarity, and whether the lexicon curates it). */
  weightOf(term: string): number {
    const t = this.table.id(term);
    return t >= 0 ? this.termWeight[t]! : this.weigh(term, this.maxIdf);
  }

  /** How many entries' names use a term. */
  entriesNaming(term: string): number {
    const t = this.table.id(term);
    return t >= 0 ? this.df[t]! : 0;
  }

  private entryOf(kind: DocKind, id: string): number | undefined {
    return this.byId[KINDS.indexOf(kind)]?.get(id);
  }

  /** Whether an entry's phrasings, keywords or title use a term. */
  names(kind: DocKind, id: string, term: string): boolean {
    const e = this.entryOf(kind, id);
    const t = this.table.id(term);
    return (
      e !== undefined && t >= 0 && hasIn(this.store.names, this.store.namesStart[e]!, this.store.namesStart[e + 1]!, t)
    );
  }

  /** Curated phrasings of one kind, the first of each entry, in curated order (autocomplete). */
  labelsOf(kind: DocKind): readonly Label[] {
    return this.labels.get(kind) ?? [];
  }

  /** Every curated phrasing of an entry (for tests and tools). */
  phrasingsOf(kind: DocKind, id: string): readonly string[] {
    const e = this.entryOf(kind, id);
    return e === undefined
      ? []
      : this.store.label.slice(this.store.phrasingStart[e]!, this.store.phrasingStart[e + 1]!);
  }

  /** Entries indexed. */
  size(): number {
    return this.store.count;
  }
}

function typeFit(type: AnswerType | null, types: number): -1 | 0 | 1 {
  if (!type || type === 'yesno') return 0;
  return TYPE_OF(types, type) ? 1 : -1;
}
