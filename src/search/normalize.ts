// Text folding shared by the index and the queries, so both sides of a match see the same words:
// Unicode-normalised, lower case, no accents, "1,400" → "1400", "6th" → "6", possessives dropped.

const NEGATIONS = new Set([
  'not',
  'never',
  'no',
  'nor',
  'neither',
  'didnt',
  'doesnt',
  'dont',
  'wasnt',
  'werent',
  'isnt',
  'arent',
  'hasnt',
  'havent',
  'hadnt',
  'cant',
  'cannot',
  'couldnt',
  'wont',
  'wouldnt',
  'without',
  'nowhere',
  'nobody',
  'nothing',
  'none',
  'nahi',
  'नहीं',
  'नही',
  'न',
  'ना',
  'मत',
  'nahin',
  'deny',
  'denies',
  'denied',
  'denying',
  'fail',
  'fails',
  'failed',
  'failing',
]);

export function fold(text: string): string {
  // Plain ASCII (most of the knowledge base) skips the Unicode steps, which would not change it.
  const unicode = /[^\x00-\x7F]/.test(text)
    ? text
        .normalize('NFKD')
        // Accents, after NFKD splits them off — but not Devanagari's vowel signs, which are marks
        // too and make the word (किस "which" and केस "case" differ only by them). Its nukta goes
        // (ख़िलाफ़ = खिलाफ, as people type it either way) and candrabindu reads as anusvara.
        .replace(/\u093C/g, '')
        .replace(/\u0901/g, '\u0902')
        .replace(/(?:(?![\u0900-\u097F])\p{M})+/gu, '')
        .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '') // zero-width and bidi marks
        .replace(/[’‘´]/g, "'")
        .replace(/[०-९]/g, (d) => String(d.charCodeAt(0) - 0x966)) // Devanagari digits: १२१ → 121
    : text;
  let out = unicode.toLowerCase();
  // Each step only when it can apply: the index folds millions of texts at 1000× the base.
  if (/\d/.test(out)) {
    out = out
      .replace(/(\d),(?=\d{3}\b)/g, '$1') // 1,400 → 1400
      .replace(ISO_DATE, (m, y: string, mo: string, d: string) => spelledDate(m, d, mo, y))
      .replace(NUMERIC_DATE, (m, d: string, mo: string, y: string) => spelledDate(m, d, mo, y))
      .replace(/\b(\d+)(?:st|nd|rd|th)\b/g, '$1'); // 6th → 6
  }
  if (out.includes("'") || out.includes('`')) {
    out = out
      .replace(/`/g, "'")
      .replace(/'s\b/g, '') // WhatsApp's → whatsapp
      .replace(/n't\b/g, 'nt') // didn't → didnt
      .replace(/'/g, '');
  }
  return out;
}

// Dates written in figures read as the words the knowledge base uses: 2019-09-05 and 5/9/2019
// (day first, as in India) → "5 september 2019", so they meet "September 5" and "sept 5th".
const ISO_DATE = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g;
const NUMERIC_DATE = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b/g;
/** The months and weekdays in full, as the reader folds them (dates, slots, /source's checks). */
export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;
export const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

function spelledDate(original: string, day: string, month: string, year: string): string {
  const d = Number(day);
  const m = Number(month);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? `${d} ${MONTH_NAMES[m - 1]!} ${year}` : original;
}

/** Words and numbers (keeping decimals like 1.5 and hyphenated names like cert-in whole). */
export function words(folded: string): string[] {
  // Folded ASCII (nearly every text) needs no Unicode classes, which are several times slower.
  if (!NON_ASCII.test(folded)) return folded.match(/\d+(?:\.\d+)?|[a-z0-9]+(?:-[a-z0-9]+)*/g) ?? [];
  // Marks belong to the word: Devanagari's vowel signs are all that fold() keeps of them.
  return folded.match(/\d+(?:\.\d+)?|[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*/gu) ?? [];
}

const NON_ASCII = /[^\x00-\x7F]/;

export function isNegation(word: string): boolean {
  return NEGATIONS.has(word);
}

/** Light stemming: plurals and -ly adverbs only, safe for names and verbs alike (targets → target, meetings → meeting). */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  // Adverbs read as their adjective ("officially" → "official", "clearly" → "clear"); short ones
  // and -ily ones are left alone ("really", "family", "daily").
  if (word.length >= 7 && word.endsWith('ly') && !word.endsWith('ily')) return word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}
