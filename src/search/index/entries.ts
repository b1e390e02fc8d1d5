// The searchable form of each knowledge-base entry: its phrasings (what a query is compared with),
// and the rest of the entry as evidence in two fields — its names (every other curated phrasing,
// keywords, titles, aliases) and its body (answer, explanation, summary, quotes). A query word
// found in a field counts for that field's share of its weight (BM25F-style), so a question worded
// like a second phrasing, or using a word of the answer, is not scored as if it said nothing.
import type { KnowledgeBase } from '../../kb/load.ts';
import type { AnswerType } from '../../kb/schema.ts';
import type { TermReader } from '../reader.ts';
import { Column } from './column.ts';
import { Ints, KINDS, pushSorted, typeBit, type DocKind, type Store } from './store.ts';
import type { TermTable } from './terms.ts';
import { TextReader } from './text-reader.ts';

export type { DocKind };

export interface EntryTexts {
  kind: DocKind;
  id: string;
  phrasings: string[];
  names: string[];
  body: string[];
  /** The quotes (verbatim article text, shared by many entries): the rest of the body. */
  quotes: string[];
  /** Declared answer types, besides those the phrasings' wording shows. */
  types: AnswerType[];
}

/** Every entry's texts, by field: the one place that says which curated field is which. */
export function entryTexts(kb: KnowledgeBase): EntryTexts[] {
  const quoted = (qs: ReadonlyArray<{ text: string }>) => qs.map((q) => q.text);
  return [
    ...kb.qa.map((q) => ({
      kind: 'qa' as const,
      id: q.id,
      phrasings: q.questions,
      names: q.keywords,
      body: [q.answer],
      quotes: quoted(q.quotes),
      types: q.answers,
    })),
    ...kb.claims.map((c) => ({
      kind: 'claim' as const,
      id: c.id,
      phrasings: c.claims,
      names: c.keywords,
      body: [c.explanation, c.numbersNote ?? ''],
      quotes: quoted(c.quotes),
      types: [],
    })),
    // An event answers "when"; a party "who", "where" and "what kind of". Their one-line summary
    // and description are curated names for them as much as their titles are.
    ...kb.events.map((e) => ({
      kind: 'event' as const,
      id: e.id,
      phrasings: [e.title],
      names: [...e.keywords, e.summary],
      body: [],
      quotes: quoted(e.quotes),
      types: ['date' as const],
    })),
    ...kb.parties.map((p) => ({
      kind: 'party' as const,
      id: p.id,
      phrasings: [p.name, ...p.aliases],
      names: [p.description],
      body: [],
      quotes: quoted(p.quotes),
      types: ['person' as const, 'place' as const, 'kind' as const],
    })),
  ];
}

/**
 * Reads every entry's texts once, into the columns of a Store. `scopeOf` picks an entry's scope
 * terms (entities and off-topic words, with the wholes they are part of) from its term ids.
 */
export function buildStore(
  texts: readonly EntryTexts[],
  reader: TermReader,
  table: TermTable,
  scopeOf: (names: Ints, body: Ints) => Ints,
  opts: {
    /** Each phrasing kept (as a label) is recorded as its entry's index in `texts` and its own. */
    refs?: { entry: Column; phrasing: Column };
    /** Called once the texts are read: the entries read by another thread, to follow these in the store. */
    tail?: () => Tail | null;
  } = {},
): Store {
  const { refs } = opts;
  // The reader's reading, as term ids, without a string per word (see text-reader.ts).
  const read = new TextReader(reader, table);
  // Quotes recur across entries (the same sentences of two articles): read each once. Other
  // texts are mostly distinct; remembering them cost more than reading them again.
  const memo = new Map<string, Ints>();
  const quoteIds = (text: string): Ints => {
    let t = memo.get(text);
    if (!t) {
      t = new Ints(16);
      read.terms(text, t);
      memo.set(text, t);
    }
    return t;
  };
  // An entry's names and body, each term once (a term recurs in most of an entry's phrasings):
  // the store sorts them, and scopeOf reads them, in first-seen order as before.
  const seen = new Seen();
  const scratch = new Ints();
  const nameIds = new Ints();
  const bodyIds = new Ints();
  const addNew = (from: Ints, into: Ints, field: number) => {
    for (let i = 0; i < from.length; i++) if (seen.first(from.data[i]!, field)) into.push(from.data[i]!);
  };
  const ids = (texts: readonly string[], into: Ints, field: number) => {
    // Indexed loops here: iterators were a few million short-lived objects at 1000×.
    for (let k = 0; k < texts.length; k++) {
      scratch.clear();
      read.terms(texts[k]!, scratch);
      addNew(scratch, into, field);
    }
  };
  const kind: number[] = [];
  const types: number[] = [];
  const id: string[] = [];
  const label: string[] = [];
  const negated = new Column();
  const phrasingStart = new Column();
  const namesStart = new Column();
  const bodyStart = new Column();
  const scopeStart = new Column();
  const termStart = new Column();
  const nameColumn = new Column();
  const body = new Column();
  const scope = new Column();
  const terms = new Column();
  for (let e = 0; e < texts.length; e++) {
    const t = texts[e]!;
    let typeBits = 0;
    for (const x of t.types) typeBits |= typeBit(x);
    const first = label.length;
    nameIds.clear();
    const names = seen.next();
    const bodies = seen.next();
    for (let k = 0; k < t.phrasings.length; k++) {
      const text = t.phrasings[k]!;
      scratch.clear();
      read.phrasing(text, scratch);
      if (scratch.length === 0) continue;
      if (read.type && read.type !== 'yesno') typeBits |= typeBit(read.type);
      termStart.push(terms.length);
      pushSorted(terms, scratch);
      // Names: every phrasing's terms (its question type too), then the keywords and titles.
      addNew(scratch, nameIds, names);
      label.push(text);
      negated.push(read.negated ? 1 : 0);
      refs?.entry.push(e);
      refs?.phrasing.push(k);
    }
    if (label.length === first) continue;
    phrasingStart.push(first);
    kind.push(KINDS.indexOf(t.kind));
    types.push(typeBits);
    id.push(t.id);
    ids(t.names, nameIds, names);
    bodyIds.clear();
    ids(t.body, bodyIds, bodies);
    for (let k = 0; k < t.quotes.length; k++) addNew(quoteIds(t.quotes[k]!), bodyIds, bodies);
    namesStart.push(nameColumn.length);
    pushSorted(nameColumn, nameIds);
    bodyStart.push(body.length);
    pushSorted(body, bodyIds);
    scopeStart.push(scope.length);
    pushSorted(scope, scopeOf(nameIds, bodyIds));
  }
  const tail = opts.tail?.() ?? null;
  if (!tail) {
    phrasingStart.push(label.length);
    namesStart.push(nameColumn.length);
    bodyStart.push(body.length);
    scopeStart.push(scope.length);
    termStart.push(terms.length);
  }
  const rest = tail?.columns;
  // The tail's ranges start where these end; its ids and labels follow these.
  const ranges = {
    phrasingStart: phrasingStart.done(rest?.phrasingStart, label.length),
    namesStart: namesStart.done(rest?.namesStart, nameColumn.length),
    bodyStart: bodyStart.done(rest?.bodyStart, body.length),
    scopeStart: scopeStart.done(rest?.scopeStart, scope.length),
    termStart: termStart.done(rest?.termStart, terms.length),
  };
  if (tail) {
    for (const x of tail.ids) id.push(x);
    for (const x of tail.labels) label.push(x);
  }
  return {
    count: id.length,
    kind: bytesOf(kind, rest?.kind),
    types: bytesOf(types, rest?.types),
    id,
    ...ranges,
    names: nameColumn.done(rest?.names),
    body: body.done(rest?.body),
    scope: scope.done(rest?.scope),
    label,
    terms: terms.done(rest?.terms),
    weight: new Float64Array(label.length),
    negated: negated.bytes(rest?.negated),
  };
}

/** A Store without its strings (a worker's part: the entries' ids and labels are the sender's own). */
export type Columns = Omit<Store, 'id' | 'label' | 'weight'>;

/** The entries another thread read (see parallel-build.ts), their term ids already this table's. */
export interface Tail {
  columns: Columns;
  ids: string[];
  labels: string[];
}

function bytesOf(values: readonly number[], tail?: Uint8Array): Uint8Array {
  const out = new Uint8Array(values.length + (tail?.length ?? 0));
  out.set(values);
  if (tail) out.set(tail, values.length);
  return out;
}

/** Which ids a list already has: a stamp per term id, a new stamp per list (no clearing). */
class Seen {
  private stamp = new Int32Array(1024);
  private current = 0;

  /** A stamp for a new list. */
  next(): number {
    return ++this.current;
  }

  /** Whether `id` is new to the list stamped `list` (and marks it). */
  first(id: number, list: number): boolean {
    if (id >= this.stamp.length) {
      const next = new Int32Array(Math.max(2 * this.stamp.length, id + 1));
      next.set(this.stamp);
      this.stamp = next;
    }
    if (this.stamp[id] === list) return false;
    this.stamp[id] = list;
    return true;
  }
}

export const TYPE_OF = (types: number, t: AnswerType) => (types & typeBit(t)) !== 0;
