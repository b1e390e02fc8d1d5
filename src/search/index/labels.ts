// Curated phrasings for autocomplete: the first of each entry, per kind, in curated order, with
// the folded form that typed prefixes are matched against.
import { fold } from '../normalize.ts';
import { KINDS, type DocKind, type Store } from './store.ts';

export interface Label {
  id: string;
  label: string;
  folded: string;
}

export function labelsByKind(store: Store): Map<DocKind, Label[]> {
  const out = new Map<DocKind, Label[]>(KINDS.map((k) => [k, []]));
  for (let e = 0; e < store.count; e++) {
    const label = store.label[store.phrasingStart[e]!]!;
    out.get(KINDS[store.kind[e]!]!)!.push({ id: store.id[e]!, label, folded: fold(label) });
  }
  return out;
}
