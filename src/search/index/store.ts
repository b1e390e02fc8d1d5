// The entries of the index in columns of typed arrays (compressed sparse rows): entry → its
// phrasings, names, body and scope as ranges into flat Int32Arrays of term ids. At 1000× the base
// that is 190,000 entries and 1.6 million phrasings; as objects with a Set or an array each, the
// index took 732 MB, and allocating them was most of its 56 s build. Labels stay the knowledge
// base's own strings (never copied).
import type { AnswerType } from '../../kb/schema.ts';
import type { Column } from './column.ts';

export type DocKind = 'qa' | 'claim' | 'event' | 'party';
export const KINDS: readonly DocKind[] = ['qa', 'claim', 'event', 'party'];

const TYPES: readonly AnswerType[] = ['count', 'date', 'person', 'place', 'reason', 'manner', 'kind', 'yesno'];
export const typeBit = (t: AnswerType) => 1 << TYPES.indexOf(t);
/** The types whose bits are set. */
export const typesOf = (bits: number): AnswerType[] => TYPES.filter((t) => bits & typeBit(t));

/**
 * A growable list of ids, the build's scratch: cleared and reused (a number[] cleared with
 * `length = 0` gives up its storage, and every text then grew it anew).
 */
export class Ints {
  /** The values are data[0 .. length); replaced as it grows. */
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  clear(): void {
    this.length = 0;
  }
}

export interface Store {
  count: number;
  kind: Uint8Array;
  /** Answer types as bits (typeBit). */
  types: Uint8Array;
  id: string[];
  /** Entry e's phrasings are phrasingStart[e] .. phrasingStart[e+1]-1. */
  phrasingStart: Int32Array;
  namesStart: Int32Array;
  names: Int32Array;
  bodyStart: Int32Array;
  body: Int32Array;
  scopeStart: Int32Array;
  scope: Int32Array;
  /** Per phrasing: its text, its terms (sorted ids), its weight (set once term weights are known), its negation. */
  label: string[];
  termStart: Int32Array;
  terms: Int32Array;
  weight: Float64Array;
  negated: Uint8Array;
}

/** Whether sorted[lo..hi) holds id. */
export function hasIn(sorted: Int32Array, lo: number, hi: number, id: number): boolean {
  hi--;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

let sortBuffer = new Int32Array(4096);

/** Up to this many ids are sorted by insertion (phrasings, most entries' names): no subarray object per call. */
const SHORT = 64;

/** Appends ids to a column, sorted and without repeats (the caller records where they start). */
export function pushSorted(column: Column, list: Ints): void {
  const n = list.length;
  const ids = list.data;
  if (n > sortBuffer.length) sortBuffer = new Int32Array(n * 2);
  const b = sortBuffer;
  if (n <= SHORT) {
    for (let i = 0; i < n; i++) {
      const v = ids[i]!;
      let j = i;
      for (; j > 0 && b[j - 1]! > v; j--) b[j] = b[j - 1]!;
      b[j] = v;
    }
  } else {
    for (let i = 0; i < n; i++) b[i] = ids[i]!;
    b.subarray(0, n).sort();
  }
  for (let i = 0; i < n; i++) if (i === 0 || b[i] !== b[i - 1]) column.push(b[i]!);
}

/** Entry e's range in a column. */
export const range = (start: Int32Array, e: number): [number, number] => [start[e]!, start[e + 1]!];
