// Terms as small integers: every field of every entry stores sorted Int32Arrays of term ids, so an
// entry costs a few hundred bytes however many phrasings it has, and membership is a binary search.
export class TermTable {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];

  /** The term's id, adding it when new. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
    }
    return id;
  }

  /** The term's id, or -1 when no entry uses it. */
  id(term: string): number {
    return this.ids.get(term) ?? -1;
  }

  get size(): number {
    return this.names.length;
  }

  /** Sorted, distinct ids of the given terms. */
  sortedIds(terms: Iterable<string>): Int32Array {
    const ids = new Set<number>();
    for (const t of terms) ids.add(this.intern(t));
    return Int32Array.from(ids).sort();
  }
}

/** Whether the sorted array holds the id. */
export function has(sorted: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
