// The inverted index: term id → the entries of one kind whose names use it, as one flat Int32Array
// per kind with start offsets per term (built by counting, no lists per term). At 100× the base a
// common term is in thousands of entries, and walking these runs is most of a query's work.
import { KINDS, type DocKind, type Store } from './store.ts';

export class Postings {
  private readonly start: Int32Array[];
  private readonly entries: Int32Array[];

  constructor(store: Store, terms: number) {
    this.start = [];
    this.entries = [];
    for (let k = 0; k < KINDS.length; k++) {
      const start = new Int32Array(terms + 1);
      for (let e = 0; e < store.count; e++) {
        if (store.kind[e] !== k) continue;
        for (let i = store.namesStart[e]!; i < store.namesStart[e + 1]!; i++) start[store.names[i]! + 1]!++;
      }
      for (let t = 0; t < terms; t++) start[t + 1]! += start[t]!;
      const fill = start.slice(0, terms);
      const entries = new Int32Array(start[terms]!);
      for (let e = 0; e < store.count; e++) {
        if (store.kind[e] !== k) continue;
        for (let i = store.namesStart[e]!; i < store.namesStart[e + 1]!; i++) entries[fill[store.names[i]!]!++] = e;
      }
      this.start.push(start);
      this.entries.push(entries);
    }
  }

  /** The entries of `kind` whose names use the term: their run in `list`, from `from` to `to`. */
  of(kind: DocKind, term: number): { list: Int32Array; from: number; to: number } | undefined {
    const k = KINDS.indexOf(kind);
    const start = this.start[k]!;
    if (term < 0 || term + 1 >= start.length) return undefined;
    const from = start[term]!;
    const to = start[term + 1]!;
    return from < to ? { list: this.entries[k]!, from, to } : undefined;
  }

  /** How many entries use each term in their names: the rarity statistics. */
  static documentFrequency(store: Store, terms: number): Uint32Array {
    const df = new Uint32Array(terms);
    for (let i = 0; i < store.names.length; i++) df[store.names[i]!]!++;
    return df;
  }
}
