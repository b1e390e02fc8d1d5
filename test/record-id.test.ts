// Record ids (src/curator/record-id.ts): UUIDs of version 7, in time order, unique.
import { describe, expect, it } from 'vitest';
import { recordId } from '../src/curator/record-id.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('record ids', () => {
  it('are version-7 UUIDs carrying the time in their first 48 bits', () => {
    const at = Date.UTC(2026, 11, 2, 3, 4, 5, 678);
    const id = recordId(at);
    expect(id).toMatch(V7);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
    expect(recordId(0).startsWith('00000000-0000-7')).toBe(true);
  });

  it('sort in time order, and never repeat', () => {
    const ids: string[] = [];
    for (let i = 0; i < 50_000; i++) ids.push(recordId(1_700_000_000_000 + Math.floor(i / 10)));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(V7);
    for (let i = 10; i < ids.length; i += 10) expect(ids[i]! > ids[i - 1]!).toBe(true); // a later millisecond
  });
});
