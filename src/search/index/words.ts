// Words as small integers, found by their characters: the index build reads 23 million words at
// 1000× the base, and making a string of each and looking it up in a Map was most of its time
// (a fresh string has no hash yet, and the Map's keys are strewn over a heap of half a gigabyte).
// Here the tokenizer keeps a word's last eight characters as it reads it, a byte each in two
// integers (a shift register: no per-character multiply), and the word is looked up by them and
// its length in an open-addressing table of typed arrays. For a word of up to eight characters
// they are the whole word; a longer one compares the rest. At that size the lookups wait on
// memory more than they compute, so the layout is about cache lines: a slot is just the hash and
// the id, and each word's record holds the packed characters, where the rest are, and the fields
// its user keeps per word (USER of them), so that a word's lookup and what is then asked of it
// share one line.

/** The register after one more character: `lo` holds the last four characters, `hi` the four before. */
export const shiftHi = (lo: number, hi: number) => (hi << 8) | (lo >>> 24);
export const shiftLo = (lo: number, c: number) => (lo << 8) | (c & 0xff);

/** Record fields per word: USER of the caller's, then the table's own. */
export const RECORD = 8;
export const USER = 4;
const START = 4; // ~start for a word not all ASCII, whose packing (a byte a character) is ambiguous
const LENGTH = 5;
const PACKED = 6; // and 7: the last four characters and the four before, a byte each

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

  /** The id of text[from, to), whose last characters are `lo` and `hi` (shiftLo, shiftHi); adds the word when new. */
  idOf(text: string, from: number, to: number, lo: number, hi: number): number {
    const len = to - from;
    const p0 = lo;
    const p1 = hi;
    const key = mix(lo ^ Math.imul(hi, 0x9e3779b1) ^ Math.imul(len, 0x85ebca6b));
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = key & mask;
    for (let v = slots[2 * slot + 1]!; v !== 0; slot = (slot + 1) & mask, v = slots[2 * slot + 1]!) {
      if (slots[2 * slot] !== key) continue;
      const r = (v - 1) * RECORD;
      const rec = this.rec;
      if (rec[r + LENGTH] !== len || rec[r + PACKED] !== p0 || rec[r + PACKED + 1] !== p1) continue;
      const s = rec[r + START]!;
      if (s >= 0 ? len <= 8 || this.equal(len - 8, text, from, s) : this.equal(len, text, from, ~s)) return v - 1;
    }
    return this.add(text, from, to, key, slot, p0, p1);
  }

  /** The id of a whole string. */
  id(word: string): number {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < word.length; i++) {
      hi = shiftHi(lo, hi);
      lo = shiftLo(lo, word.charCodeAt(i));
    }
    return this.idOf(word, 0, word.length, lo, hi);
  }

  /** Whether the first n characters of the word at `start` are text's from `from` on. */
  private equal(n: number, text: string, from: number, start: number): boolean {
    for (let k = 0; k < n; k++) if (this.chars[start + k] !== text.charCodeAt(from + k)) return false;
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
