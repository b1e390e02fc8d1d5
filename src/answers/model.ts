// The answer model: what the core says, before anyone decides how it looks. Handlers return an
// Answer; the dispatcher alone hands it to the render layer. Nothing here knows about Discord.
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

/** A pick-one list under a reply (the timeline's event and party pickers). */
export interface Menu {
  /** The command's action the choice runs ("event", "party"). */
  action: string;
  placeholder: string;
  options: Array<{ label: string; value: string; description?: string }>;
}

/** /source as a claim review: the user's claim, and what it was checked against. */
export interface Review {
  /** The claim as the user wrote it (cleaned). */
  claim: string;
  /** The curated wording it was matched with. */
  checkedAgainst: string;
  /** The verdict is the reverse of the matched claim's (a negation or swapped roles). */
  reversed: boolean;
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
  /**
   * Show the date and how it was dated in the reply (the question was about a date); otherwise a
   * "How was this dated?" button offers it, privately.
   */
  dateAsked?: boolean;
  verdict?: Verdict;
  review?: Review;
  quotes: QuoteView[];
  sections: Section[];
  /** The first page shows the body alone (an overview); the sections are the pages after it. */
  overview?: boolean;
  /** Close topics offered when there is no confident answer: each is a button that answers it. */
  suggestions: Suggestion[];
  /** The entry the answer comes from, when one does. */
  entry?: EntryRef;
  /** The search's best candidates, best first (at most five). */
  candidates?: Candidate[];
  /** A refusal's "what the articles do say" entry, shown as a section. */
  nearby?: EntryRef;
  /**
   * What the command rebuilds this answer from on a button press (a page, "show in context", "how
   * was this dated?"): carried in the button's custom_id, so any process can answer the press.
   */
  state?: string;
  menus?: Menu[];
  /** Buttons that run one of the command's actions with a state ("◀ Back to the timeline"). */
  buttons?: Array<{ label: string; action: string; state: string }>;
  /** The decision model's probability that a search answer is right (the curator loop logs low ones). */
  confidence?: number;
  /**
   * 👍 / 👎 and "Report a problem" under the reply, set by the dispatcher when members' feedback is
   * recorded: the entry it is about (none for a refusal) and the knowledge base's version.
   */
  feedback?: { entry?: EntryRef; version: string };
  /** A button's result posted as a new message (with its own visibility), not as an edit of the pressed one. */
  asNewMessage?: boolean;
  /** false for a reply about the bot itself (a vote's thanks, /gaps): no "Sources: …" footer. */
  aboutTheArticles?: boolean;
  /** Who may see it: set by the `private` option or by the dispatcher's default (answers public). */
  visibility?: 'public' | 'private';
}

export function answer(command: string, fields: Partial<Answer> & Pick<Answer, 'title' | 'body'>): Answer {
  return { command, outcome: 'answer', quotes: [], sections: [], suggestions: [], ...fields };
}

export function noAnswer(
  command: string,
  title: string,
  body: string,
  suggestions: Suggestion[] = [],
  extra: Partial<Answer> = {},
): Answer {
  return { command, outcome: 'no-answer', title, body, quotes: [], sections: [], suggestions, ...extra };
}

export function invalidInput(command: string, body: string, title = 'I could not read that'): Answer {
  return { command, outcome: 'invalid-input', title, body, quotes: [], sections: [], suggestions: [] };
}
