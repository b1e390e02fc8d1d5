// Which replies go into the question log: every refusal and "did you mean" of a search command,
// every "not settled by the articles" verdict, and every answer given with a low margin. Pure: a
// reply in, a record (or nothing) out. A command is a search command when its reply carries the
// search's candidates, so no list of command names is kept here.
import type { Reply } from '../render/discord.ts';
import { recordId } from './record-id.ts';
import { cleanText, type AskedOutcome, type AskedRecord } from './records.ts';

/**
 * An answer below this probability of being right is logged as "low margin": answered, but a
 * curator should look (the decision model answers from its own threshold, 0.75 today).
 */
export const LOW_MARGIN = 0.9;

export interface Asked {
  command: string;
  text: unknown;
  reply: Reply;
  kbVersion: string;
  guildId?: string;
  userId?: string;
  at?: number;
}

export function outcomeOf(reply: Reply): AskedOutcome | null {
  if (reply.candidates === undefined) return null; // not a search (a menu, a page, /timeline)
  if (reply.outcome === 'no-answer') return reply.suggestions?.length ? 'suggested' : 'no-answer';
  if (reply.outcome !== 'answer') return null; // bad input is the user's to fix, not a gap
  if (reply.verdict === 'unverified' && !reply.entry) return 'unverified';
  if (reply.confidence !== undefined && reply.confidence < LOW_MARGIN) return 'low-margin';
  return null;
}

export function askedRecord(a: Asked): AskedRecord | null {
  const outcome = outcomeOf(a.reply);
  if (!outcome || typeof a.text !== 'string') return null;
  const question = cleanText(a.text);
  if (!question) return null;
  const at = a.at ?? Date.now();
  return {
    type: 'asked',
    id: recordId(at),
    at,
    command: a.command,
    question,
    outcome,
    ...(a.reply.confidence !== undefined ? { confidence: a.reply.confidence } : {}),
    candidates: (a.reply.candidates ?? []).slice(0, 5),
    kbVersion: a.kbVersion,
    ...(a.guildId ? { guildId: a.guildId } : {}),
    ...(a.userId ? { userId: a.userId } : {}),
  };
}
