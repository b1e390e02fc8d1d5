// The shortcuts on the path of every interaction give what the general code gives: the cleaning
// and folding of a recorded question (ASCII text skips the Unicode passes) and the age of a
// snowflake (a double instead of a BigInt, but near a millisecond's edge).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, foldText } from '../src/curator/records.ts';
import { snowflakeAge } from '../src/observe.ts';

const cleanedAsBefore = (text: string, max = 2_000) =>
  text
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
const foldedAsBefore = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const pieces = [
  'a',
  'Zq',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u0001',
  '\u007f',
  '~!',
  '_',
  '9',
  'é',
  'İ',
  'ß',
  'ﬁ',
  'Å',
  '\u200b',
  '\u2028',
  '\u00a0',
  'पे',
];
const texts = fc.oneof(
  fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((p) => p.join('')),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
  fc.string({ maxLength: 30 }),
);

describe('the question log text', () => {
  it('is cleaned and folded as the Unicode passes alone would', () => {
    fc.assert(
      fc.property(texts, fc.constantFrom(2_000, 5, 1), (text, max) => {
        expect(cleanText(text, max)).toBe(cleanedAsBefore(text, max));
        expect(foldText(text)).toBe(foldedAsBefore(text));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('snowflakeAge', () => {
  const exact = (id: string, now: number) => now - Number((BigInt(id) >> 22n) + 1_420_070_400_000n);
  it('is the BigInt age for any id of 15 to 21 digits, at and around every millisecond edge', () => {
    const ids = fc.oneof(
      fc.bigInt({ min: 10n ** 14n, max: 10n ** 21n - 1n }),
      fc.bigInt({ min: 10n ** 14n, max: 2n ** 64n - 1n }),
      // Near an edge: a whole millisecond, give or take a few counts of the low 22 bits.
      fc
        .tuple(fc.bigInt({ min: 2n ** 26n, max: 2n ** 42n - 1n }), fc.integer({ min: -8, max: 8 }))
        .map(([ms, d]) => (ms << 22n) + BigInt(d)),
    );
    fc.assert(
      fc.property(ids, (v) => {
        const id = v.toString();
        if (!/^\d{15,21}$/.test(id)) return;
        expect(snowflakeAge(id, 1_800_000_000_000)).toBe(exact(id, 1_800_000_000_000));
      }),
      { numRuns: 20_000 },
    );
    expect(snowflakeAge('18446744073709551615', 0)).toBe(exact('18446744073709551615', 0));
    expect(snowflakeAge('not a snowflake')).toBe(0);
  });
});
