// The domain core handed to every command: the validated knowledge base, its search index and
// the small helpers every answer needs (quotes with their source, dates with their working).
// Built once at start-up; every query afterwards only reads it.
import { loadKnowledge, type KnowledgeBase } from '../kb/load.ts';
import type { Claim, DateSpec, Event, Party, QaEntry, Quote } from '../kb/schema.ts';
import { bounds, describeDate, explainDate, sortKey } from '../kb/dates.ts';
import path from 'node:path';
import type { BuildOptions } from '../search/index/parallel-build.ts';
import { SearchIndex } from '../search/search-index.ts';
import { readSnapshot } from '../search/index/snapshot.ts';
import { CODE_ROOT, COMPILED } from '../paths.ts';
import { fold } from '../search/normalize.ts';
import type { QuoteView } from './model.ts';
import { PartyGraph } from './parties.ts';

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
  /** Every event in date order (undated last), with its date bounds: what /timeline filters. */
  chronology: ReadonlyArray<{ event: Event; from: string | null; to: string | null }>;
  /** Each party with the folded forms of its id, name and aliases: for lookups and autocomplete. */
  partyNames: ReadonlyArray<{ party: Party; names: string[] }>;
  /** Which parties a term names, and how they nest. */
  parties: PartyGraph;
  claim: ReadonlyMap<string, Claim>;
  qa: ReadonlyMap<string, QaEntry>;
  /** Two entries state the same fact: they quote the same words or rest on the same event. */
  related(a: EntryRef, b: EntryRef): boolean;
}

export interface EntryRef {
  kind: string;
  id: string;
}

/** A name as people type it: folded, punctuation as spaces ("CERT-In" → "cert in"). */
export const nameKey = (text: string) =>
  fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Next to the compiled code: dist/index.snapshot.json, written by the build. */
export const SNAPSHOT_FILE = path.join(CODE_ROOT, 'index.snapshot.json');

/**
 * `snapshot`: true reads the build's (when compiled; a mismatch or none means building it);
 * `build`: how a build goes (the bench and tests set when a second thread reads).
 */
export function createCore(
  kb: KnowledgeBase = loadKnowledge(),
  opts: { snapshot?: boolean; build?: BuildOptions } = {},
): Core {
  const snapshot = opts.snapshot !== false && COMPILED ? readSnapshot(SNAPSHOT_FILE) : null;
  const index = new SearchIndex(kb, snapshot, opts.build);
  const sourceLabel = (id: string) => kb.source.get(id)?.label ?? id;
  const quote = (q: Quote): QuoteView => ({ text: q.text, sourceId: q.source, sourceLabel: sourceLabel(q.source) });
  // Derived once here rather than per query: at 100× the base, sorting the events and wording
  // their dates on every /timeline call was most of its time.
  const dates = new WeakMap<DateSpec, { date: string; dateNote?: string }>();
  const chronology = kb.events
    .map((event) => ({ event, key: sortKey(event.date), ...bounds(event.date) }))
    // Keys are YYYY-MM-DD (the schema's IsoDate, or 9999-12-31), whose code-unit order is date
    // order: localeCompare would give the same order, but its first call sets up ICU's collator
    // (~6 ms of the start-up).
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ event, from, to }) => ({ event, from, to }));

  const partyNames = kb.parties.map((party) => ({
    party,
    names: [party.id, party.name, ...party.aliases].map(nameKey),
  }));
  return {
    kb,
    index,
    quote,
    quotes: (qs) => qs.map(quote),
    dateOf(d) {
      let shown = dates.get(d);
      if (!shown) {
        const note = explainDate(d, sourceLabel);
        shown = note ? { date: describeDate(d), dateNote: note } : { date: describeDate(d) };
        dates.set(d, shown);
      }
      return shown;
    },
    partyName: (id) => kb.party.get(id)?.name ?? id,
    attribution: (by) => kb.party.get(by)?.name ?? (kb.source.get(by) ? `${sourceLabel(by)} (the article itself)` : by),
    chronology,
    partyNames,
    parties: new PartyGraph(kb.parties, index.reader),
    claim: new Map(kb.claims.map((c) => [c.id, c])),
    qa: new Map(kb.qa.map((q) => [q.id, q])),
    related: factsOf(kb),
  };
}

/**
 * Whether two entries rest on a common fact: one of their quotes, or an event both name (or are).
 * Facts are numbered, each entry's a sorted run of one flat array: at 1000× the base, a set of
 * prefixed strings per entry was a third of a second of the build.
 */
function factsOf(kb: KnowledgeBase): (a: EntryRef, b: EntryRef) => boolean {
  // Per kind, entry id → its number: no key string made per entry.
  const entry = new Map<EntryRef['kind'], Map<string, number>>();
  const start: number[] = [0];
  const facts: number[] = [];
  const quoteIds = new Map<string, number>();
  const eventIds = new Map<string, number>();
  let next = 0;
  const idOf = (ids: Map<string, number>, key: string) => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = next++));
    return id;
  };
  const add = (kind: EntryRef['kind'], id: string, quotes: readonly Quote[], events: readonly string[]) => {
    let ids = entry.get(kind);
    if (!ids) entry.set(kind, (ids = new Map()));
    ids.set(id, start.length - 1);
    const from = facts.length;
    for (const q of quotes) facts.push(idOf(quoteIds, q.text));
    for (const e of events) facts.push(idOf(eventIds, e));
    for (let i = from + 1; i < facts.length; i++) {
      const v = facts[i]!;
      let j = i;
      for (; j > from && facts[j - 1]! > v; j--) facts[j] = facts[j - 1]!;
      facts[j] = v;
    }
    start.push(facts.length);
  };
  for (const e of kb.events) add('event', e.id, e.quotes, [e.id]);
  for (const q of kb.qa) add('qa', q.id, q.quotes, q.events);
  for (const c of kb.claims) add('claim', c.id, c.quotes, c.events);
  for (const p of kb.parties) add('party', p.id, p.quotes, []);
  const of = Int32Array.from(facts);
  return (a, b) => {
    const x = entry.get(a.kind)?.get(a.id);
    const y = entry.get(b.kind)?.get(b.id);
    if (x === undefined || y === undefined) return false;
    // Both sorted: one merge walk.
    for (let i = start[x]!, j = start[y]!; i < start[x + 1]! && j < start[y + 1]!; ) {
      if (of[i] === of[j]) return true;
      if (of[i]! < of[j]!) i++;
      else j++;
    }
    return false;
  };
}
