// What a reply offers when it does not answer: the closest entries as suggestions (a claim always
// with its verdict, so a false statement never reads as a topic), and the search's best candidates.
import type { Hit } from '../search/search-index.ts';
import type { Core } from './core.ts';
import type { Candidate, Suggestion } from './model.ts';

export function suggestionsOf(core: Core, hits: readonly Hit[]): Suggestion[] {
  return hits.map((h) => {
    const s: Suggestion = { kind: h.kind, id: h.id, label: h.label };
    if (h.kind === 'claim') {
      const claim = core.kb.claims.find((c) => c.id === h.id);
      if (claim) s.verdict = claim.verdict;
    }
    return s;
  });
}

export function candidatesOf(hits: readonly Hit[], max = 5): Candidate[] {
  return hits.slice(0, max).map((h) => ({ kind: h.kind, id: h.id, score: Math.round(h.score * 1000) / 1000 }));
}
