// The built index, serialised by `npm run build` so that a start reads it instead of building it:
// the term table, the store's columns (typed arrays, base64) and the compiled lexicon, keyed by the
// knowledge base's version. A snapshot of another version is never used: the index is then built
// as usual.
import { readFileSync, writeFileSync } from 'node:fs';
import type { LexiconSnapshot } from '../lexicon-snapshot.ts';
import type { Store } from './store.ts';

const FORMAT = 2;

export interface Snapshot {
  format: typeof FORMAT;
  /** kb.version of the knowledge base it was built from. */
  knowledge: string;
  terms: string[];
  store: Record<string, string | string[] | number>;
  lexicon: LexiconSnapshot;
}

const COLUMNS = [
  'kind',
  'types',
  'phrasingStart',
  'namesStart',
  'names',
  'bodyStart',
  'body',
  'scopeStart',
  'scope',
  'termStart',
  'terms',
  'negated',
] as const;

export function toSnapshot(
  knowledge: string,
  terms: readonly string[],
  store: Store,
  lexicon: LexiconSnapshot,
): Snapshot {
  const out: Snapshot['store'] = { count: store.count, id: store.id, label: store.label };
  for (const c of COLUMNS) {
    const a = store[c];
    out[c] = Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  }
  return { format: FORMAT, knowledge, terms: [...terms], store: out, lexicon };
}

export function fromSnapshot(s: Snapshot): { terms: string[]; store: Store } {
  const bytes = (c: string) => {
    const b = Buffer.from(s.store[c] as string, 'base64');
    return new Uint8Array(b).buffer; // a fresh, aligned copy
  };
  const ints = (c: string) => new Int32Array(bytes(c));
  const u8 = (c: string) => new Uint8Array(bytes(c));
  const label = s.store.label as string[];
  return {
    terms: s.terms,
    store: {
      count: s.store.count as number,
      kind: u8('kind'),
      types: u8('types'),
      id: s.store.id as string[],
      phrasingStart: ints('phrasingStart'),
      namesStart: ints('namesStart'),
      names: ints('names'),
      bodyStart: ints('bodyStart'),
      body: ints('body'),
      scopeStart: ints('scopeStart'),
      scope: ints('scope'),
      label,
      termStart: ints('termStart'),
      terms: ints('terms'),
      weight: new Float64Array(label.length),
      negated: u8('negated'),
    },
  };
}

export function writeSnapshot(file: string, snapshot: Snapshot): void {
  writeFileSync(file, JSON.stringify(snapshot));
}

/** The snapshot in `file` when it is one, of this format; null otherwise (absent, old, broken). */
export function readSnapshot(file: string): Snapshot | null {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<Snapshot>;
    return s.format === FORMAT && typeof s.knowledge === 'string' && Array.isArray(s.terms) && s.store && s.lexicon
      ? (s as Snapshot)
      : null;
  } catch {
    return null;
  }
}
