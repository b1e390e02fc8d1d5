// What the order of a claim's words says, which a bag of matched terms cannot: who is said to
// have said it ("the ministry called the letter vague"), and who did what to whom ("NSO sued
// WhatsApp" is not "WhatsApp sued NSO"). Read from the folded words and the term mentions the
// TermReader already found, with a few English (and Hindi) markers: "by"/"from" mark the doer,
// "to"/"against" the other side, "was"/"were" after a name make it the one acted upon.
import type { Reading } from '../search/reader.ts';
import type { PartyGraph } from './parties.ts';
import { MONTH_NAMES, WEEKDAY_NAMES } from '../search/normalize.ts';

export interface Attribution {
  /** Parties the speaker's words name ("the ministry" → it-ministry, ministry-source). */
  speakers: readonly string[];
  /** The speaker as typed ("the ministry"). */
  speakerText: string;
  /** What they are said to have said, as words. */
  content: string;
}

const AGENT_MARKS = new Set(['by', 'from']);
const RECIPIENT_MARKS = new Set(['to', 'against', 'towards', 'toward', 'ko']);
/**
 * Hindi marks the roles after the name: "व्हाट्सऐप ने सरकार को बताया" (WhatsApp ne, the
 * government ko): the doer before ne, the one done to before ko.
 */
const AGENT_AFTER = new Set(['ne', 'ने', 'dwara', 'द्वारा']);
const RECIPIENT_AFTER = new Set(['ko', 'को']);
const PASSIVE = new Set(['was', 'were', 'is', 'are', 'been', 'being', 'got', 'gets', 'get']);
/** Participles without -ed/-en: "was told", "were sent". */
const PARTICIPLES = new Set([
  'told',
  'sent',
  'made',
  'built',
  'hit',
  'found',
  'kept',
  'held',
  'caught',
  'sold',
  'paid',
  'brought',
  'sought',
  'left',
  'led',
  'met',
  'put',
  'set',
  'run',
  'warned',
  'taken',
  'shown',
  'seen',
  'known',
  'given',
  'written',
]);
/** Verbs whose subject is the one on the receiving end: "the ministry received…", "the government found out…". */
const RECEIVING = new Set(['receive', 'know']);
/** Verbs after which "from" names the one kept out, not the one who acted: "hid it from the government". */
const FROM_IS_DONE_TO = new Set(['hide']);
export const ARTICLES = new Set(['the', 'a', 'an', 'its', 'their']);
const PRONOUNS = new Set(['it', 'they', 'we', 'he', 'she', 'its', 'their']);
/** How far into a text an attribution verb may stand ("a source in the IT ministry said…"). */
const MAX_SPEAKER_WORDS = 8;

export function readAttribution(
  r: Reading,
  verbs: ReadonlySet<string>,
  parties: PartyGraph,
  curated: (term: string) => boolean,
): Attribution | null {
  const raw = r.raw;
  const named = (i: number) => r.mentions.find((m) => m.start === i && parties.partiesOf(m.term).length > 0);
  // "according to the minister, …" / "… according to the minister"
  for (let i = 0; i + 2 < raw.length; i++) {
    if (raw[i] !== 'according' || raw[i + 1] !== 'to') continue;
    let j = i + 2;
    while (j < raw.length && ARTICLES.has(raw[j]!)) j++;
    const m = named(j);
    if (!m) return null;
    const content = [...raw.slice(0, i), ...raw.slice(m.end)];
    return content.length >= 2
      ? {
          speakers: parties.partiesOf(m.term),
          speakerText: raw.slice(i + 2, m.end).join(' '),
          content: content.join(' '),
        }
      : null;
  }
  for (let v = 1; v < Math.min(raw.length - 1, MAX_SPEAKER_WORDS + 1); v++) {
    if (!verbs.has(raw[v]!)) continue;
    const speaker = [...r.mentions]
      .reverse()
      .find((m) => m.end <= v && m.start >= v - 6 && parties.partiesOf(m.term).length > 0);
    if (!speaker) {
      // "a post says…", "someone claimed…": a report by nobody on record; only what it says counts.
      // Only a generic reporter ("someone", "a thread", "my friend"): "the September letter said…"
      // is a claim about the letter.
      const before = r.mentions.filter((m) => m.end <= v && (r.entities.includes(m.term) || curated(m.term)));
      const rest = raw.slice(raw[v + 1] === 'that' ? v + 2 : v + 1);
      return before.length === 0 && rest.length >= 3
        ? { speakers: [], speakerText: raw.slice(0, v).join(' '), content: rest.join(' ') }
        : null;
    }
    let rest = raw.slice(v + 1);
    if (rest[0] === 'that' || rest[0] === 'ki') rest = rest.slice(1);
    // "WhatsApp says it couldn't…": the pronoun is the speaker.
    if (rest.length > 0 && PRONOUNS.has(rest[0]!)) rest = [...raw.slice(speaker.start, speaker.end), ...rest.slice(1)];
    if (rest.length < 2) return null;
    let start = speaker.start;
    while (start > 0 && (ARTICLES.has(raw[start - 1]!) || raw[start - 1] === 'a')) start--;
    return {
      speakers: parties.partiesOf(speaker.term),
      speakerText: raw.slice(start, speaker.end).join(' '),
      content: rest.join(' '),
    };
  }
  return null;
}

/**
 * Which of a claim's two roles the text makes the doer: 'agent' as curated, 'recipient' when the
 * text has it the other way round (or names a party on the recipient's side as the doer), null
 * when the text does not say who did it.
 */
export function doerOf(
  r: Reading,
  roles: { agent: string; recipient: string },
  parties: PartyGraph,
): 'agent' | 'recipient' | null {
  const raw = r.raw;
  type Role = 'agent' | 'recipient';
  const found: Array<{ role: Role; mark: 'doer' | 'done-to' | null; start: number }> = [];
  for (const m of r.mentions) {
    const role = roleOf(m.term, roles, parties);
    if (!role) continue;
    const before = raw[m.start - 1];
    const before2 = raw[m.start - 2];
    const marker = before && ARTICLES.has(before) ? before2 : before;
    let mark: 'doer' | 'done-to' | null = null;
    if (marker === 'from' && r.terms.some((t) => FROM_IS_DONE_TO.has(t))) mark = 'done-to';
    else if (marker && AGENT_MARKS.has(marker)) mark = 'doer';
    else if (marker && RECIPIENT_MARKS.has(marker)) mark = 'done-to';
    else if (AGENT_AFTER.has(raw[m.end] ?? '')) mark = 'doer';
    else if (RECIPIENT_AFTER.has(raw[m.end] ?? '')) mark = 'done-to';
    else if (PASSIVE.has(raw[m.end] ?? '') && isParticiple(raw[m.end + 1] ?? '')) mark = 'done-to';
    found.push({ role, mark, start: m.start });
  }
  if (found.length === 0) return null;
  const other = (x: Role): Role => (x === 'agent' ? 'recipient' : 'agent');
  const doer = found.find((f) => f.mark === 'doer');
  if (doer) return doer.role;
  // Receiving turns the order round: "the ministry received WhatsApp's letter".
  const receiving = r.terms.some((t) => RECEIVING.has(t));
  const unmarked = found.filter((f) => f.mark === null);
  const doneTo = found.find((f) => f.mark === 'done-to');
  if (unmarked.length > 0) {
    const first = unmarked[0]!;
    if (receiving) return unmarked.length > 1 || doneTo ? other(first.role) : null;
    // Both sides named: the first is the doer ("NSO sued WhatsApp"). One side named: only when
    // it opens the sentence as its subject ("The ministry wrote to CERT-In"); after other words
    // it is usually the object ("the September letter told the government").
    if (found.some((f) => f.role !== first.role) || opensTheText(r, first.start)) return first.role;
    return null;
  }
  return doneTo && found.some((f) => f.role !== doneTo.role) ? other(doneTo.role) : null;
}

/**
 * Which role a term names: the party it names first, when that is one of the roles, or part of
 * exactly one of them (CERT-In for the government), or the whole of exactly one (the government
 * for CERT-In). "WhatsApp" is WhatsApp, not Facebook, though WhatsApp is Facebook's.
 */
function roleOf(
  term: string,
  roles: { agent: string; recipient: string },
  parties: PartyGraph,
): 'agent' | 'recipient' | null {
  const party = parties.partiesOf(term)[0];
  if (!party) return null;
  if (party === roles.agent) return 'agent';
  if (party === roles.recipient) return 'recipient';
  for (const test of [(a: string, b: string) => parties.within(a, b), (a: string, b: string) => parties.within(b, a)]) {
    const a = test(party, roles.agent);
    const b = test(party, roles.recipient);
    if (a !== b) return a ? 'agent' : 'recipient';
  }
  return null;
}

function isParticiple(word: string): boolean {
  return (word.length > 3 && /(ed|en)$/.test(word)) || PARTICIPLES.has(word);
}

/** Whether only time words (a month, a day, a figure) come before the word at `start`. */
function opensTheText(r: Reading, start: number): boolean {
  return r.mentions.every((m) => m.start >= start || m.term.startsWith('#') || TIME_TERMS.has(m.term));
}

const TIME_TERMS: ReadonlySet<string> = new Set([...MONTH_NAMES, ...WEEKDAY_NAMES, 'early', 'late']);
