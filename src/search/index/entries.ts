// The searchable form of each knowledge-base entry: its phrasings (what a query is compared with),
// and the rest of the entry as evidence in two fields — its names (every other curated phrasing,
// keywords, titles, aliases) and its body (answer, explanation, summary, quotes). A query word
// found in a field counts for that field's share of its weight (BM25F-style), so a question worded
// like a second phrasing, or using a word of the answer, is not scored as if it said nothing.
import type { KnowledgeBase } from '../../kb/load.ts';
import type { AnswerType } from '../../kb/schema.ts';
import type { Reading, TermReader } from '../reader.ts';
import type { TermTable } from './terms.ts';

export type DocKind = 'qa' | 'claim' | 'event' | 'party';

export interface Phrasing {
  label: string;
  /** Sorted term ids. */
  terms: Int32Array;
  /** Sum of its term weights: the docCoverage denominator (set once weights are known). */
  weight: number;
  negated: boolean;
}

export interface Entry {
  /** Position in the entries array: what the postings hold. */
  n: number;
  kind: DocKind;
  id: string;
  /** The first curated phrasing: the entry's name in suggestions. */
  label: string;
  phrasings: Phrasing[];
  /** Sorted term ids of every phrasing, keyword, title and alias. */
  names: Int32Array;
  /** Sorted term ids of the answer, explanation, summary, description and quotes. */
  body: Int32Array;
  /** The entities and off-topic words the entry uses anywhere: what it is about. */
  scope: ReadonlySet<string>;
  /** The kinds of question it answers (see AnswerType). */
  types: ReadonlySet<AnswerType>;
}

export interface EntryTexts {
  kind: DocKind;
  id: string;
  phrasings: string[];
  names: string[];
  body: string[];
  /** Declared answer types, besides those the phrasings' wording shows. */
  types: AnswerType[];
}

/** Every entry's texts, by field: the one place that says which curated field is which. */
export function entryTexts(kb: KnowledgeBase): EntryTexts[] {
  const quoted = (qs: ReadonlyArray<{ text: string }>) => qs.map((q) => q.text);
  return [
    ...kb.qa.map((q) => ({ kind: 'qa' as const, id: q.id, phrasings: q.questions, names: q.keywords, body: [q.answer, ...quoted(q.quotes)], types: q.answers })),
    ...kb.claims.map((c) => ({ kind: 'claim' as const, id: c.id, phrasings: c.claims, names: c.keywords, body: [c.explanation, c.numbersNote ?? '', ...quoted(c.quotes)], types: [] })),
    // An event answers "when"; a party "who", "where" and "what kind of". Their one-line summary
    // and description are curated names for them as much as their titles are.
    ...kb.events.map((e) => ({ kind: 'event' as const, id: e.id, phrasings: [e.title], names: [...e.keywords, e.summary], body: quoted(e.quotes), types: ['date' as const] })),
    ...kb.parties.map((p) => ({ kind: 'party' as const, id: p.id, phrasings: [p.name, ...p.aliases], names: [p.description], body: quoted(p.quotes), types: ['person' as const, 'place' as const, 'kind' as const] })),
  ];
}

export function buildEntries(
  texts: readonly EntryTexts[],
  read: (text: string) => Reading,
  table: TermTable,
  scopeOf: (terms: Iterable<string>) => Set<string>,
): Entry[] {
  const entries: Entry[] = [];
  for (const t of texts) {
    const phrasings: Phrasing[] = [];
    const types = new Set<AnswerType>(t.types);
    for (const label of t.phrasings) {
      const r = read(label);
      if (r.terms.length === 0) continue;
      if (r.type && r.type !== 'yesno') types.add(r.type);
      phrasings.push({ label, terms: table.sortedIds(r.terms), weight: 0, negated: r.negated });
    }
    if (phrasings.length === 0) continue;
    const nameTerms = [...t.phrasings, ...t.names].flatMap((x) => read(x).terms);
    const bodyTerms = t.body.flatMap((x) => read(x).terms);
    entries.push({
      n: entries.length,
      kind: t.kind,
      id: t.id,
      label: phrasings[0]!.label,
      phrasings,
      names: table.sortedIds(nameTerms),
      body: table.sortedIds(bodyTerms),
      scope: scopeOf([...nameTerms, ...bodyTerms]),
      types,
    });
  }
  return entries;
}
