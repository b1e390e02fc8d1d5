// "Check against the articles" on a message: the checkable statements in it, each through the very
// same /source pipeline, one verdict block per statement with its deciding quote. A statement is
// checkable when /source gives it a verdict; questions, greetings, links, code and mentions are
// left out before that, and at most three statements are shown.
//
// "Post publicly" re-posts the result in the channel. A button's custom_id carries at most 100
// characters, not the member's sentences, so the public post is rebuilt from what was decided: each
// statement's claim (by its place in the knowledge base), its verdict, and the checked message's
// id for a link — the curated wording of each claim stands in for the member's.
import type { Verdict } from '../kb/schema.ts';
import type { Core } from './core.ts';
import { answer, invalidInput, noAnswer, type Answer, type QuoteView, type Section } from './model.ts';
import { source } from './source.ts';
import { echo, MAX_QUERY_CHARS } from './text-input.ts';

export const COMMAND = 'check';
/** Statements shown at most; sentences tried at most (a long message is not read to its end). */
export const MAX_STATEMENTS = 3;
const MAX_TRIED = 8;
/** A message is at most 4,000 characters on Discord (with Nitro); more is not read. */
const MAX_MESSAGE = 4_000;

const GREETING =
  /^(hi|hello|hey|hiya|yo|thanks|thank you|thx|ty|ok|okay|lol|lmao|gm|good (morning|night|evening)|namaste|bye|cheers|welcome)\b/i;
const QUESTION_WORD =
  /^(who|what|when|where|why|how|which|whom|whose|is|are|was|were|do|does|did|can|could|should|would|will|has|have|had)\b/i;

/** The sentences of a message that could be claims, in order. */
export function statementsOf(message: string): string[] {
  const text = message
    .slice(0, MAX_MESSAGE)
    .replace(/```[\s\S]*?(```|$)/g, ' ') // code blocks say nothing about the incident
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\bhttps?:\/\/\S+/gi, ' ') // links
    .replace(/<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b/gi, ' ') // mentions
    .replace(/<a?:\w+:\d+>/g, ' ') // custom emoji
    .replace(/^\s*>+\s?/gm, '') // quote markers
    .replace(/[*_~|]+/g, '');
  return text
    .split(/(?<=[.!?])\s+|\n+|(?<=[।])\s*/u)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => {
      const words = s.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w));
      if (words.length < 3) return false; // "Wow.", "Really?!", "lol ok"
      if (s.endsWith('?') || QUESTION_WORD.test(s)) return false;
      if (GREETING.test(s) && words.length < 6) return false;
      return s.length <= MAX_QUERY_CHARS;
    });
}

interface Checked {
  statement: string;
  result: Answer;
}

const VERDICT_WORD: Record<Verdict, string> = {
  supported: '✅ Supported',
  contradicted: '❌ Contradicted',
  disputed: '⚖️ Disputed',
  unverified: '❔ Unverified',
};
const LETTER: Record<Verdict, string> = { supported: 's', contradicted: 'c', disputed: 'd', unverified: 'u' };
const FROM_LETTER: Record<string, Verdict> = { s: 'supported', c: 'contradicted', d: 'disputed', u: 'unverified' };

function sectionOf(statement: string, verdict: Verdict, body: string, quotes: QuoteView[]): Section {
  return {
    heading: `${VERDICT_WORD[verdict]} — “${echo(statement, 180)}”`,
    body,
    // The deciding quote: the first is the one the verdict rests on.
    quotes: quotes.slice(0, 1),
  };
}

/** The result for a message's text; `messageId` (when known) goes into the "Post publicly" state. */
export function checkMessage(core: Core, message: unknown, messageId?: string): Answer {
  const text = typeof message === 'string' ? message : '';
  if (!/[\p{L}\p{N}]/u.test(text))
    return invalidInput(
      COMMAND,
      'That message has no text I can check (only an image, a sticker or an embed without words?). I check what a message says against the two articles.',
      'Nothing to check in that message',
    );
  const checked: Checked[] = [];
  for (const statement of statementsOf(text).slice(0, MAX_TRIED)) {
    const result = source(core, statement);
    if (result.outcome === 'answer' && result.verdict) checked.push({ statement, result });
    if (checked.length === MAX_STATEMENTS) break;
  }
  if (checked.length === 0)
    return noAnswer(
      COMMAND,
      'Nothing in that message I can check',
      'I found no statement about the incident in it that the two articles settle or could settle — questions, greetings and links are left out. To check one claim in your own words, use `/source`.',
      [],
      { visibility: 'private' },
    );
  const index = new Map(core.kb.claims.map((c, i) => [c.id, i]));
  const parts = checked.map(({ result }) => {
    const id = result.entry?.kind === 'claim' ? result.entry.id : undefined;
    return `${LETTER[result.verdict!]}${id !== undefined ? index.get(id)!.toString(36) : ''}`;
  });
  const sections = checked.map(({ statement, result }) => {
    const against = result.review?.checkedAgainst;
    const lead = against && against !== statement ? `Checked against: “${against}”\n` : '';
    return sectionOf(statement, result.verdict!, `${lead}${firstParagraph(result.body)}`, result.quotes);
  });
  const n = checked.length;
  return answer(COMMAND, {
    title: `Checked against the two articles: ${n} statement${n === 1 ? '' : 's'}`,
    body: `${n === 1 ? 'One statement' : `${n} statements`} in that message, each with the verdict and the words of the article it rests on.`,
    sections,
    visibility: 'private',
    buttons: [
      {
        label: 'Post publicly',
        action: 'post',
        state: `${core.kb.version.slice(0, 4)}|${messageId ?? '-'}|${parts.join('.')}`,
      },
    ],
  });
}

const firstParagraph = (body: string) => body.split('\n\n')[0] ?? body;

/**
 * The public post rebuilt from a "Post publicly" state; null when the state is forged or from
 * another version of the knowledge base (the claims' places may have moved).
 */
export function publicCheck(core: Core, state: string, where: { guildId?: string; channelId?: string }): Answer | null {
  const m = /^([0-9a-f]{4})\|(\d{15,21}|-)\|([scdu][0-9a-z]{0,4}(?:\.[scdu][0-9a-z]{0,4}){0,2})$/.exec(state);
  if (!m || m[1] !== core.kb.version.slice(0, 4)) return null;
  const sections: Section[] = [];
  for (const part of m[3]!.split('.')) {
    const verdict = FROM_LETTER[part[0]!]!;
    if (part.length === 1) {
      sections.push({
        heading: `${VERDICT_WORD[verdict]} — a statement the two articles do not settle`,
        body: 'Nothing in the two articles confirms or refutes it; that is not a finding that it is false.',
        quotes: [],
      });
      continue;
    }
    const claim = core.kb.claims[Number.parseInt(part.slice(1), 36)];
    if (!claim) return null;
    const wording = claim.claims[0]!;
    if (verdict === claim.verdict) {
      sections.push(sectionOf(wording, verdict, firstParagraph(claim.explanation), core.quotes(claim.quotes)));
      continue;
    }
    // The message said the reverse (roles swapped, a "not"): the curated wording must not appear
    // under the message's verdict, where it would read as a false statement.
    sections.push({
      heading: `${VERDICT_WORD[verdict]} — the message says the reverse of “${echo(wording, 150)}”`,
      body: `In the articles, “${wording}” is ${VERDICT_WORD[claim.verdict]}. ${firstParagraph(claim.explanation)}`,
      quotes: core.quotes(claim.quotes).slice(0, 1),
    });
  }
  const link =
    m[2] !== '-' && where.channelId
      ? `https://discord.com/channels/${where.guildId ?? '@me'}/${where.channelId}/${m[2]}`
      : null;
  return answer(COMMAND, {
    title: 'Checked against the two articles',
    body: `${link ? `[This message](${link})` : 'A message here'} was checked against the two articles (The Indian Express, 3 Nov 2019, and a New Delhi wire report): each statement's verdict, in the words of the articles' record.`,
    sections,
    visibility: 'public',
    asNewMessage: true,
  });
}
