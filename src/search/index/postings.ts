// The inverted index: term id → the entries whose names use it, one list per kind, as typed
// arrays. At 100× the base a common term is in thousands of entries, and walking these lists is
// most of a query's work.
import type { DocKind, Entry } from './entries.ts';

export class Postings {
  private readonly byKind = new Map<DocKind, Map<number, Int32Array>>();

  constructor(entries: readonly Entry[]) {
    const lists = new Map<DocKind, Map<number, number[]>>();
    for (const e of entries) {
      let byTerm = lists.get(e.kind);
      if (!byTerm) lists.set(e.kind, (byTerm = new Map()));
      for (const id of e.names) {
        const list = byTerm.get(id);
        if (list) list.push(e.n);
        else byTerm.set(id, [e.n]);
      }
    }
    for (const [kind, byTerm] of lists) this.byKind.set(kind, new Map([...byTerm].map(([id, ns]) => [id, Int32Array.from(ns)])));
  }

  /** Entries of `kind` whose names use the term (empty when none). */
  of(kind: DocKind, term: number): Int32Array | undefined {
    return this.byKind.get(kind)?.get(term);
  }

  /** How many entries use each term in their names: the rarity statistics. */
  static documentFrequency(entries: readonly Entry[], terms: number): Uint32Array {
    const df = new Uint32Array(terms);
    for (const e of entries) for (const id of e.names) df[id]!++;
    return df;
  }
}
