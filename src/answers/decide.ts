// Deciding between an answer, "did you mean", and "the articles don't say". The bands are on the
// two-sided overlap score from SearchIndex, calibrated with `npm run eval` on the tuning set
// (test/eval/cases.yaml); the held-out set is only measured, never tuned on.
import type { DocKind, Hit, SearchResult } from '../search/index.ts';

export const BANDS = {
  /** At or above: answer. */
  answer: 0.6,
  /** The query must be mostly explained by the entry, and name a fair share of the phrasing. */
  minQueryCoverage: 0.6,
  minDocCoverage: 0.4,
  /** At or above (but below answer): suggest, never answer. */
  suggest: 0.3,
  /** Hits this close to the best count as ties, broken by kind priority. */
  tie: 0.04,
  /** The first kind in the priority (curated Q&A for /ask) wins within this margin. */
  preferFirstKind: 0.2,
};

export type Decision = { kind: 'answer'; hit: Hit } | { kind: 'unsure'; suggestions: Hit[] };

export function isConfident(hit: Hit): boolean {
  return (
    hit.score >= BANDS.answer &&
    hit.queryCoverage >= BANDS.minQueryCoverage &&
    hit.docCoverage >= BANDS.minDocCoverage &&
    hit.entityMiss.length === 0 &&
    hit.offTopicMiss.length === 0 &&
    // One shared word is not a match when the query says more ("the earth is flat" vs "flaw").
    hit.shared >= Math.min(2, hit.queryWords)
  );
}

/**
 * Best confident hit, preferring earlier kinds in `priority` among near-ties (a curated Q&A
 * answer beats an event summary that scores a shade higher). A question about something the
 * articles do not cover (prices, buying, later years) is only answered by an entry that deals with
 * exactly that (a curated "did NSO charge millions?" claim), never by one that merely looks close.
 */
export function decide(result: SearchResult, priority: readonly DocKind[]): Decision {
  const hits = result.hits;
  const top = hits.find(isConfident);
  if (top) {
    const rank = (h: Hit) => priority.indexOf(h.kind);
    const ties = hits.filter((h) => isConfident(h) && top.score - h.score <= (h.kind === priority[0] ? BANDS.preferFirstKind : BANDS.tie));
    ties.sort((a, b) => rank(a) - rank(b) || b.score - a.score);
    return { kind: 'answer', hit: ties[0]! };
  }
  return { kind: 'unsure', suggestions: suggestionsFrom(hits) };
}

export function suggestionsFrom(hits: readonly Hit[], max = 3): Hit[] {
  const out: Hit[] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    if (h.score < BANDS.suggest || out.length >= max) break;
    const key = h.label.toLowerCase();
    if (seen.has(key) || seen.has(`${h.kind}:${h.id}`)) continue;
    seen.add(key);
    seen.add(`${h.kind}:${h.id}`);
    out.push(h);
  }
  return out;
}
