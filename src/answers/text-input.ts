// User text arrives from Discord, a console or an HTTP body: anything at all. This cleans it
// once, before matching, and says plainly what is wrong with input we cannot use.

export const MAX_QUERY_CHARS = 500;

export type CleanText = { ok: true; text: string } | { ok: false; problem: string };

export function cleanQuery(raw: unknown, what: string, example: string): CleanText {
  if (typeof raw !== 'string') return { ok: false, problem: `Please type ${what}, for example: ${example}` };
  const text = raw
    .normalize('NFKC')
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ') // control characters
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '') // zero-width and direction marks
    .replace(/<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b/gi, ' ') // mentions say nothing about the question
    .replace(/[`*_~|>]+/g, ' ') // markdown
    .replace(/\s+/g, ' ')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return { ok: false, problem: `Please type ${what}, for example: ${example}` };
  if (text.length > MAX_QUERY_CHARS) {
    return {
      ok: false,
      problem: `That is ${text.length} characters; please keep ${what} under ${MAX_QUERY_CHARS}, for example: ${example}`,
    };
  }
  return { ok: true, text };
}

/** User text repeated back in a reply: markdown neutralised, shortened, quoted as plain text. */
export function echo(text: string, max = 80): string {
  // Echoed, a U+202E would reverse the bot's own words after it, and a NUL or an escape code has
  // no place in a message: the same characters cleanQuery drops never come back out either.
  const plain = text
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '');
  // Shortened by code points: cutting UTF-16 units could leave half an emoji (a lone surrogate).
  const chars = [...plain];
  const short = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : plain;
  return short.replace(/[\\`*_~|>#[\]()<@:-]/g, (c) => `\\${c}`);
}
