// What the curator loop keeps: the questions the bot could not answer well, members' votes on
// answers, and their problem reports. Records are plain data; the store writes them, the gap
// report reads them back. A user is only ever kept as a keyed hash (src/curator/user-hash.ts).
import type { Candidate, EntryRef } from '../answers/model.ts';

/** Why a question is in the log. */
export type AskedOutcome = 'no-answer' | 'suggested' | 'low-margin' | 'unverified';

interface Common {
  /** Milliseconds since the epoch. */
  at: number;
  /** The knowledge base's version (hash of knowledge/) the reply came from. */
  kbVersion: string;
  guildId?: string;
  /** The raw user id, held in memory only until the write hashes it; never stored. */
  userId?: string;
}

export interface AskedRecord extends Common {
  type: 'asked';
  id: string;
  command: string;
  /** As typed, cleaned of control characters and cut to MAX_TEXT. */
  question: string;
  outcome: AskedOutcome;
  confidence?: number;
  /** The search's best candidates, best first. */
  candidates: Candidate[];
}

export interface VoteRecord extends Common {
  type: 'vote';
  /** The message voted on: one vote per user per message, a later one replaces it. */
  messageId: string;
  vote: 1 | -1;
  entry: EntryRef;
}

export interface ReportRecord extends Common {
  type: 'report';
  id: string;
  entry?: EntryRef;
  messageId?: string;
  /** The title of the reply the report is about. */
  replyTitle?: string;
  text: string;
}

export type CuratorRecord = AskedRecord | VoteRecord | ReportRecord;

/** Longest text kept of a question or a report (Discord's own caps are 6,000 and 4,000). */
export const MAX_TEXT = 2_000;

/** Text safe to keep and to show again: no control characters, no runs of spaces, bounded. */
export function cleanText(text: string, max = MAX_TEXT): string {
  // Most questions are printable ASCII words with single spaces between them: already clean.
  if (CLEAN_ASCII.test(text)) return text.slice(0, max);
  return text
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/** Printable ASCII, no space at either end nor two in a row. */
const CLEAN_ASCII = /^[!-~]+(?: [!-~]+)*$/;

/** Only ASCII. */
const ASCII = /^[\x00-\x7f]*$/;

/** The text a gap groups on: case, accents, punctuation and spacing folded away. */
export function foldText(text: string): string {
  // ASCII has no accents to take apart and no letters or digits but a-z, A-Z and 0-9.
  if (ASCII.test(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
