// The domain core handed to every command: the validated knowledge base, its search index and
// the small helpers every answer needs (quotes with their source, dates with their working).
// Built once at start-up; every query afterwards only reads it.
import { loadKnowledge, type KnowledgeBase } from '../kb/load.ts';
import type { DateSpec, Quote } from '../kb/schema.ts';
import { describeDate, explainDate } from '../kb/dates.ts';
import { SearchIndex } from '../search/index.ts';
import type { QuoteView } from './model.ts';

export interface Core {
  kb: KnowledgeBase;
  index: SearchIndex;
  quote(q: Quote): QuoteView;
  quotes(qs: readonly Quote[]): QuoteView[];
  /** Display date and, when not plainly printed in the article, how it was worked out. */
  dateOf(d: DateSpec): { date: string; dateNote?: string };
  partyName(id: string): string;
  /** Who says it: a party's name, or the article itself. */
  attribution(by: string): string;
}

export function createCore(kb: KnowledgeBase = loadKnowledge()): Core {
  const index = new SearchIndex(kb);
  const sourceLabel = (id: string) => kb.source.get(id)?.label ?? id;
  const quote = (q: Quote): QuoteView => ({ text: q.text, sourceId: q.source, sourceLabel: sourceLabel(q.source) });
  return {
    kb,
    index,
    quote,
    quotes: (qs) => qs.map(quote),
    dateOf(d) {
      const note = explainDate(d, sourceLabel);
      return note ? { date: describeDate(d), dateNote: note } : { date: describeDate(d) };
    },
    partyName: (id) => kb.party.get(id)?.name ?? id,
    attribution: (by) => kb.party.get(by)?.name ?? (kb.source.get(by) ? `${sourceLabel(by)} (the article itself)` : by),
  };
}
