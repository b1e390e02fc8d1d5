// An entry's scope terms — the entities and off-topic words among its names and body, each with
// the wholes it is part of ("cert-in" → "it ministry") — as the build needs them, per entry.
import type { TermReader } from '../reader.ts';
import { Ints } from './store.ts';
import type { TermTable } from './terms.ts';

/** scopeOf(names, body): the entry's scope term ids (wholes interned into `table` when first met). */
export function scopeReader(reader: TermReader, table: TermTable): (names: Ints, body: Ints) => Ints {
  // Whether each term id is a scope term (null: not), and its wholes' ids; worked out once per term.
  const scopeWholes: Array<number[] | null | undefined> = [];
  // Reused for every entry (the store sorts and dedupes it): 190,000 entries at 1000×.
  const scope = new Ints();
  const addScope = (list: Ints) => {
    for (let i = 0; i < list.length; i++) {
      const id = list.data[i]!;
      let wholes = scopeWholes[id];
      if (wholes === undefined) {
        const t = table.names[id]!;
        wholes = scopeWholes[id] = reader.isScopeTerm(t) ? reader.wholesOf(t).map((w) => table.intern(w)) : null;
      }
      if (wholes === null) continue;
      scope.push(id);
      for (const w of wholes) scope.push(w);
    }
  };
  return (names, body) => {
    scope.clear();
    addScope(names);
    addScope(body);
    return scope;
  };
}
