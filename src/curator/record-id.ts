// Ids of the records the bot makes (questions, reports): UUIDs of version 7 (RFC 9562), whose
// first 48 bits are the time in milliseconds and the other 74 random. Records made one after
// another get ids in order, so the primary-key index they go into grows at its end. With random
// (version 4) ids nearly every record of a batch landed on another page of that index, all of
// them rewritten to SQLite's WAL: a 200-record write took ~40 µs a record against ~18 now (wall
// clock, the event loop waiting; CPU ~16 against ~10). The id is still only what a retried write
// is deduplicated on.
import { randomFillSync } from 'node:crypto';

// Random bytes are drawn 128 ids at a time, as node's own randomUUID() does.
const pool = Buffer.alloc(16 * 128);
let used = pool.length;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function recordId(at: number = Date.now()): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  // This id's 16 bytes of the pool, written in place (no view of them made for each id).
  const o = used;
  const b = pool;
  used += 16;
  // 48-bit big-endian milliseconds (Math, not bit shifts: they would cut the number to 32 bits).
  const ms = Math.max(0, Math.floor(at));
  const high = Math.floor(ms / 2 ** 32);
  b[o] = (high >>> 8) & 0xff;
  b[o + 1] = high & 0xff;
  b[o + 2] = (ms >>> 24) & 0xff;
  b[o + 3] = (ms >>> 16) & 0xff;
  b[o + 4] = (ms >>> 8) & 0xff;
  b[o + 5] = ms & 0xff;
  b[o + 6] = (b[o + 6]! & 0x0f) | 0x70; // version 7
  b[o + 8] = (b[o + 8]! & 0x3f) | 0x80; // the RFC's variant
  let id = '';
  for (let i = 0; i < 16; i++) {
    id += HEX[b[o + i]!]!;
    if (i === 3 || i === 5 || i === 7 || i === 9) id += '-';
  }
  return id;
}
