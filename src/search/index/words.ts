// Words as small integers, found by their characters: the index build reads 23 million words at
// 1000× the base, and making a string of each and looking it up in a Map was most of its time
// (a fresh string has no hash yet, and the Map's keys are strewn over a heap of half a gigabyte).
// Here the tokenizer hashes a word as it reads it, and the word is looked up in an open-addressing
// table of typed arrays. At that size the lookups wait on memory more than they compute, so the
// layout is about cache lines: a slot is just the hash and the id, and each word's record holds,
// besides where its characters are, its first eight characters packed into two integers — which
// settles most comparisons — and the fields its user keeps per word (USER of them), so that a
// word's lookup and everything then asked of it share one line.

/** FNV-1a over the characters, as the tokenizer computes it: start, then step per character. */
export const HASH_START = 0x811c9dc5 | 0;
export const hashStep = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);

/** Record fields per word: USER of the caller's, then the table's own. */
export const RECORD = 8;
export const USER = 4;
const START = 4; // ~start for a word not all ASCII, whose packing (a byte a character) is ambiguous
const LENGTH = 5;
const PACKED = 6; // and 7: characters 0–3 and 4–7, a byte each

export class WordTable {
  /** Each word's text, by id. */
  readonly strings: string[] = [];
  /** RECORD fields per word id; replaced when it grows (read it again after adding words). */
  rec = new Int32Array(RECORD << 12);
  /** Slot → hash, id + 1 (0: empty); a power of two of them, at most LOAD full. */
  private slots = new Int32Array(2 << 13);
  private chars = new Uint16Array(1 << 15);
  private used = 0;

  get size(): number {
    return this.strings.length;
  }

  /** The id of text[from, to), whose characters hash (hashStep from HASH_START) to `h`; adds the word when new. */
  idOf(text: string, from: number, to: number, h: number): number {
    const len = to - from;
    const p0 = pack(text, from, Math.min(len, 4));
    const p1 = len > 4 ? pack(text, from + 4, Math.min(len - 4, 4)) : 0;
    const key = mix(h);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = key & mask;
    for (let v = slots[2 * slot + 1]!; v !== 0; slot = (slot + 1) & mask, v = slots[2 * slot + 1]!) {
      if (slots[2 * slot] !== key) continue;
      const r = (v - 1) * RECORD;
      const rec = this.rec;
      if (rec[r + LENGTH] !== len || rec[r + PACKED] !== p0 || rec[r + PACKED + 1] !== p1) continue;
      const s = rec[r + START]!;
      if (s >= 0 ? len <= 8 || this.equalFrom(8, text, from, len, s) : this.equalFrom(0, text, from, len, ~s))
        return v - 1;
    }
    return this.add(text, from, to, key, slot, p0, p1);
  }

  /** The id of a whole string. */
  id(word: string): number {
    let h = HASH_START;
    for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i));
    return this.idOf(word, 0, word.length, h);
  }

  private equalFrom(k0: number, text: string, from: number, len: number, start: number): boolean {
    for (let k = k0; k < len; k++) if (this.chars[start + k] !== text.charCodeAt(from + k)) return false;
    return true;
  }

  private add(text: string, from: number, to: number, key: number, slot: number, p0: number, p1: number): number {
    const id = this.strings.length;
    const len = to - from;
    const word = text.slice(from, to);
    this.strings.push(word);
    if (this.used + len > this.chars.length) {
      const next = new Uint16Array(Math.max(2 * this.chars.length, this.used + len));
      next.set(this.chars);
      this.chars = next;
    }
    let ascii = true;
    for (let k = 0; k < len; k++) {
      const c = word.charCodeAt(k);
      this.chars[this.used + k] = c;
      if (c > 127) ascii = false;
    }
    if ((id + 1) * RECORD > this.rec.length) {
      const next = new Int32Array(2 * this.rec.length);
      next.set(this.rec);
      this.rec = next;
    }
    const r = id * RECORD;
    this.rec[r + START] = ascii ? this.used : ~this.used;
    this.rec[r + LENGTH] = len;
    this.rec[r + PACKED] = p0;
    this.rec[r + PACKED + 1] = p1;
    this.used += len;
    this.slots[2 * slot] = key;
    this.slots[2 * slot + 1] = id + 1;
    if (this.strings.length > LOAD * (this.slots.length >> 1)) this.rehash();
    return id;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length);
    const mask = (slots.length >> 1) - 1;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] === 0) continue;
      let slot = old[at]! & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[at]!;
      slots[2 * slot + 1] = old[at + 1]!;
    }
    this.slots = slots;
  }
}

/** Most of the slots in use before the table doubles: with linear probing, still one cache line a lookup. */
const LOAD = 0.7;

/** A finaliser, so that the low bits (the slot) depend on every character. */
function mix(h: number): number {
  const x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return x ^ (x >>> 13);
}

/** Up to four characters, a byte each (exact for ASCII only). */
function pack(text: string, from: number, n: number): number {
  let p = 0;
  for (let k = 0; k < n; k++) p |= (text.charCodeAt(from + k) & 0xff) << (8 * k);
  return p;
}
