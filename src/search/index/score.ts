// How well one entry explains a query. For each of the entry's phrasings, two coverages:
//   queryCoverage — the share of the query's weight the entry explains: a query term in the
//     phrasing counts fully, in the entry's other names for WEIGHTS.names of its weight, in its
//     body for WEIGHTS.body (unknown words count as unexplained, rare terms);
//   docCoverage — the share of the phrasing's weight the query names.
// The score is their F-measure leaning on the query side (β = 1.5: a short query may name only part
// of a phrasing); the entry's best phrasing is its score. These are the numbers the answer /
// did-you-mean / no-answer decision reads (src/answers/decide.ts).
import { hasIn, type Store } from './store.ts';

/**
 * Field and term weights, tuned with `npm run eval` on the tuning and dev sets (never the held-out
 * ones). One object, so a calibration sweep can vary them in process.
 */
export const WEIGHTS = {
  /** A query term in another phrasing, a keyword or a title of the entry (BM25F field weight). */
  names: 0.7,
  /** A query term in the entry's answer, explanation, summary or quotes. */
  body: 0.2,
  /** "?date", "?reason": a question's type tells apart questions on one topic, but says little alone. */
  question: 0.6,
  /**
   * An unknown word counts as this share of the rarest generic term: general words ("time",
   * "react") are often unknown too, so a full weight would refuse many fair paraphrases; a word the
   * record never uses ("california", "army") still marks a question asking for more than it says.
   */
  unknown: 0.96,
  /** Words outside the lexicon ("time", "name", "find") say less than "nso" or "lawsuit". */
  generic: 0.5,
  /** And the commonest words of English ("even", "thing", "put") less still. */
  common: 0.25,
};

/** β² of the F-measure: β = 1.5 leans on the query side. */
const B2 = 1.5 * 1.5;

export interface QueryVector {
  /** Term ids; -1 for a term no entry uses. */
  ids: Int32Array;
  weights: Float64Array;
  /** 1 for content terms, 0 for a question's "?type". */
  content: Uint8Array;
  /** 1 for the domain's own terms (the lexicon's groups and entities). */
  curated: Uint8Array;
  /** The weight of the domain's terms in the query. */
  curatedTotal: number;
  /** All the query's weight, unknown words included. */
  total: number;
  /** The weight of its unknown words. */
  unknownWeight: number;
  /** Content words, known or not. */
  words: number;
}

export interface Scored {
  score: number;
  queryCoverage: number;
  docCoverage: number;
  /** queryCoverage counting the phrasing and the names only, not the body. */
  nameCoverage: number;
  /** The share of the query's domain terms (lexicon groups, entities) the entry explains. */
  domainCoverage: number;
  /** Content terms the query shares with the phrasing or the names. */
  shared: number;
  /** Which phrasing scored best (its index in the store). */
  phrasing: number;
}

/** Query terms found in the entry's names (2) or body (1), per query term: reused scratch space. */
const FIELD = { none: 0, body: 1, names: 2 } as const;

/**
 * Which query positions hold each term id, set once per query (`mark`, then `unmark`), so that a
 * phrasing's few terms are looked up in it instead of every query term being searched for in every
 * phrasing (the bulk of a search's time: ~80 entries, ~750 phrasings per query). Scratch space of
 * one index, used by one synchronous search at a time.
 */
export class QueryMarks {
  /** Per term id: the first query position holding it, plus one; 0 when none does. */
  private first: Int32Array;
  /** Per query position: the next position holding the same term, plus one; 0 at the last. */
  private next = new Int32Array(64);
  /** Per query position: the phrasing stamp it was last found in. */
  hitAt = new Uint32Array(64);
  private stamp = 0;

  constructor(terms: number) {
    this.first = new Int32Array(terms);
  }

  mark(q: QueryVector): void {
    const n = q.ids.length;
    if (n > this.next.length) {
      this.next = new Int32Array(n);
      this.hitAt = new Uint32Array(n);
    }
    // Backwards, so each chain runs in query order.
    for (let k = n - 1; k >= 0; k--) {
      const id = q.ids[k]!;
      if (id < 0) continue;
      this.next[k] = this.first[id]!;
      this.first[id] = k + 1;
    }
  }

  unmark(q: QueryVector): void {
    for (let k = 0; k < q.ids.length; k++) if (q.ids[k]! >= 0) this.first[q.ids[k]!] = 0;
  }

  /** Stamps the query positions whose term is among terms[t0..t1); returns the stamp. */
  find(terms: Int32Array, t0: number, t1: number): number {
    if (++this.stamp === 0xffffffff) {
      this.hitAt.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    for (let i = t0; i < t1; i++) {
      for (let k = this.first[terms[i]!]!; k > 0; k = this.next[k - 1]!) this.hitAt[k - 1] = stamp;
    }
    return stamp;
  }
}

/** `marks` must hold this query (QueryMarks.mark). */
export function scoreEntry(s: Store, e: number, q: QueryVector, where: Uint8Array, marks: QueryMarks): Scored {
  const n = q.ids.length;
  const n0 = s.namesStart[e]!;
  const n1 = s.namesStart[e + 1]!;
  const b0 = s.bodyStart[e]!;
  const b1 = s.bodyStart[e + 1]!;
  let shared = 0;
  for (let k = 0; k < n; k++) {
    const id = q.ids[k]!;
    where[k] =
      id < 0
        ? FIELD.none
        : hasIn(s.names, n0, n1, id)
          ? FIELD.names
          : hasIn(s.body, b0, b1, id)
            ? FIELD.body
            : FIELD.none;
    if (where[k] === FIELD.names && q.content[k]) shared++;
  }
  let best: Scored = {
    score: -1,
    queryCoverage: 0,
    docCoverage: 0,
    nameCoverage: 0,
    domainCoverage: 0,
    shared,
    phrasing: s.phrasingStart[e]!,
  };
  const hitAt = marks.hitAt;
  for (let p = s.phrasingStart[e]!; p < s.phrasingStart[e + 1]!; p++) {
    const stamp = marks.find(s.terms, s.termStart[p]!, s.termStart[p + 1]!);
    let qHit = 0;
    let nHit = 0;
    let dHit = 0;
    let cHit = 0;
    // The same sums in the same order as ever: scores that tie must still tie.
    for (let k = 0; k < n; k++) {
      const w = q.weights[k]!;
      let f = 0;
      if (hitAt[k] === stamp) {
        f = 1;
        nHit += w;
        dHit += w;
      } else if (where[k] === FIELD.names) {
        f = WEIGHTS.names;
        nHit += f * w;
      } else if (where[k] === FIELD.body) f = WEIGHTS.body;
      qHit += f * w;
      if (q.curated[k]) cHit += f * w;
    }
    const weight = s.weight[p]!;
    const qc = q.total > 0 ? qHit / q.total : 0;
    const dc = weight > 0 ? dHit / weight : 0;
    const score = qc + dc === 0 ? 0 : ((1 + B2) * qc * dc) / (B2 * dc + qc);
    if (score > best.score) {
      best = {
        score,
        queryCoverage: qc,
        docCoverage: dc,
        nameCoverage: q.total > 0 ? nHit / q.total : 0,
        domainCoverage: q.curatedTotal > 0 ? cHit / q.curatedTotal : 1,
        shared,
        phrasing: p,
      };
    }
  }
  return best;
}
