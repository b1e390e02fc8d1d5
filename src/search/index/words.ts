// Words as small integers, found by their characters: the index build reads 23 million words at
// 1000× the base, and making a string of each and looking it up in a Map was most of its time
// (a fresh string has no hash yet, and the Map's keys are strewn over a heap of half a gigabyte).
// Here the tokenizer hashes a word as it reads it, and the word is looked up in an open-addressing
// table of typed arrays: one slot holds the hash, the id and where the word's characters are, so a
// lookup touches one slot and the characters. Only a word seen for the first time becomes a string.

/** FNV-1a over the characters, as the tokenizer computes it: start, then step per character. */
export const HASH_START = 0x811c9dc5 | 0;
export const hashStep = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);

/** Slot fields: hash, id + 1 (0: empty), characters' start, length. */
const STRIDE = 4;

export class WordTable {
  /** Each word's text, by id. */
  readonly strings: string[] = [];
  /** A power of two slots, at most half full. */
  private slots = new Int32Array(STRIDE << 12);
  private chars = new Uint16Array(1 << 14);
  private used = 0;

  get size(): number {
    return this.strings.length;
  }

  /** The id of text[from, to), whose characters hash (hashStep from HASH_START) to `h`; adds the word when new. */
  idOf(text: string, from: number, to: number, h: number): number {
    const len = to - from;
    const slots = this.slots;
    const mask = slots.length / STRIDE - 1;
    const key = mix(h);
    let slot = key & mask;
    for (;;) {
      const at = slot * STRIDE;
      const v = slots[at + 1]!;
      if (v === 0) break;
      if (slots[at] === key && slots[at + 3] === len) {
        const s = slots[at + 2]!;
        let k = 0;
        while (k < len && this.chars[s + k] === text.charCodeAt(from + k)) k++;
        if (k === len) return v - 1;
      }
      slot = (slot + 1) & mask;
    }
    return this.add(text, from, to, key, slot);
  }

  /** The id of a whole string. */
  id(word: string): number {
    let h = HASH_START;
    for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i));
    return this.idOf(word, 0, word.length, h);
  }

  private add(text: string, from: number, to: number, key: number, slot: number): number {
    const id = this.strings.length;
    const len = to - from;
    this.strings.push(text.slice(from, to));
    if (this.used + len > this.chars.length) {
      const next = new Uint16Array(Math.max(2 * this.chars.length, this.used + len));
      next.set(this.chars);
      this.chars = next;
    }
    for (let k = 0; k < len; k++) this.chars[this.used + k] = text.charCodeAt(from + k);
    const at = slot * STRIDE;
    this.slots[at] = key;
    this.slots[at + 1] = id + 1;
    this.slots[at + 2] = this.used;
    this.slots[at + 3] = len;
    this.used += len;
    if (2 * this.strings.length > this.slots.length / STRIDE) this.rehash();
    return id;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length);
    const mask = slots.length / STRIDE - 1;
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + 1] === 0) continue;
      let slot = old[at]! & mask;
      while (slots[slot * STRIDE + 1] !== 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(at, at + STRIDE), slot * STRIDE);
    }
    this.slots = slots;
  }
}

/** A finaliser, so that the low bits (the slot) depend on every character. */
function mix(h: number): number {
  const x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return x ^ (x >>> 13);
}
