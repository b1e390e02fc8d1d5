// A column of the store as the build fills it: pushed onto, then `done()` once for its exact-length
// Int32Array. Held in fixed chunks of the ordinary heap until then, not in a typed array doubled as
// it grows: every megabyte of typed arrays allocated counts as external memory, and each 64 MB of
// it made V8 start a full collection of the whole heap — five of them during the 1000× build,
// about three seconds, for columns of 110 MB that doubling and copying had allocated 380 MB for.
const CHUNK = 1 << 16;

export class Column {
  private readonly chunks: number[][] = [];
  private last: number[] = [];
  /** Values in the last chunk. */
  private fill = CHUNK;
  length = 0;

  push(v: number): void {
    if (this.fill === CHUNK) {
      // Big enough to be allocated where it stays (large-object space), and never regrown.
      this.last = new Array<number>(CHUNK).fill(0);
      this.chunks.push(this.last);
      this.fill = 0;
    }
    this.last[this.fill++] = v;
    this.length++;
  }

  /**
   * The values as one typed array, allocated once (the chunks are then garbage); `tail`'s values,
   * each plus `offset`, after them (a second thread's part of the column, see parallel-build.ts).
   */
  done(tail?: Int32Array, offset = 0): Int32Array {
    const out = this.into(new Int32Array(this.length + (tail?.length ?? 0)));
    if (tail) for (let i = 0; i < tail.length; i++) out[this.length + i] = tail[i]! + offset;
    return out;
  }

  /** The same, of values that fit in a byte. */
  bytes(tail?: Uint8Array): Uint8Array {
    const out = this.into(new Uint8Array(this.length + (tail?.length ?? 0)));
    if (tail) out.set(tail, this.length);
    return out;
  }

  private into<T extends Int32Array | Uint8Array>(out: T): T {
    let at = 0;
    for (const chunk of this.chunks) {
      const n = Math.min(CHUNK, this.length - at);
      for (let i = 0; i < n; i++) out[at + i] = chunk[i]!;
      at += n;
    }
    return out;
  }
}
