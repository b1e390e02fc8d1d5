// Curated phrasings for autocomplete: the first of each entry, per kind, in curated order, with
// the folded form that typed prefixes are matched against.
import { fold } from '../normalize.ts';
import type { DocKind, Entry } from './entries.ts';

export interface Label {
  id: string;
  label: string;
  folded: string;
}

export function labelsByKind(entries: readonly Entry[]): Map<DocKind, Label[]> {
  const out = new Map<DocKind, Label[]>();
  for (const e of entries) {
    const list = out.get(e.kind) ?? [];
    if (list.length === 0) out.set(e.kind, list);
    list.push({ id: e.id, label: e.label, folded: fold(e.label) });
  }
  return out;
}
