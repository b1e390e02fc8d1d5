// Terms as small integers: every field of every entry is a sorted run of term ids in a flat
// Int32Array (index/store.ts), and membership is a binary search.
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
}
