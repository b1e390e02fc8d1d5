// The answer model: what the core says, before anyone decides how it looks. The Discord renderer
// and the console both start from this; nothing here knows about Discord.
import type { Verdict } from '../kb/schema.ts';

export type Outcome = 'answer' | 'no-answer' | 'invalid-input';

export interface QuoteView {
  /** Verbatim from the source body. */
  text: string;
  sourceId: string;
  /** "The Indian Express, 3 Nov 2019" */
  sourceLabel: string;
  /** Whose words or account these are, when a side is being attributed. */
  speaker?: string;
}

export interface Section {
  heading: string;
  body: string;
  quotes: QuoteView[];
}

/** A knowledge-base entry by kind and id ("qa:who-made-pegasus"). */
export interface EntryRef {
  kind: 'qa' | 'claim' | 'event' | 'party';
  id: string;
}

/** A topic offered when there is no confident answer: a question the bot answers, or a claim with its verdict. */
export interface Suggestion extends EntryRef {
  label: string;
  /** Set for claims: a suggestion never presents a false statement as a topic. */
  verdict?: Verdict;
}

/** A search candidate behind an answer or a refusal: what the curator loop and the eval read. */
export interface Candidate extends EntryRef {
  score: number;
}

export interface Answer {
  command: string;
  outcome: Outcome;
  title: string;
  /** Plain prose; renderers escape nothing in it (it is curated), but user text is quoted via `echo`. */
  body: string;
  /** When it happened, as the sources allow: "Tuesday 29 October 2019", "early September 2019". */
  date?: string;
  /** How the date was worked out when the article gives a weekday or no year. */
  dateNote?: string;
  verdict?: Verdict;
  quotes: QuoteView[];
  sections: Section[];
  /** Close topics offered when there is no confident answer. */
  suggestions: Suggestion[];
  /** The entry the answer comes from, when one does. */
  entry?: EntryRef;
  /** The search's best candidates, best first (at most five). */
  candidates?: Candidate[];
  /** A refusal's "what the articles do say" entry, shown as a section. */
  nearby?: EntryRef;
  /** Short normalised input from which the command rebuilds this answer on a button press. */
  token?: string;
}

export function answer(command: string, fields: Partial<Answer> & Pick<Answer, 'title' | 'body'>): Answer {
  return { command, outcome: 'answer', quotes: [], sections: [], suggestions: [], ...fields };
}

export function noAnswer(command: string, title: string, body: string, suggestions: Suggestion[] = [], extra: Partial<Answer> = {}): Answer {
  return { command, outcome: 'no-answer', title, body, quotes: [], sections: [], suggestions, ...extra };
}

export function invalidInput(command: string, body: string): Answer {
  return { command, outcome: 'invalid-input', title: 'I could not read that', body, quotes: [], sections: [], suggestions: [] };
}
