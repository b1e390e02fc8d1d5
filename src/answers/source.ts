// /source: find the curated claim a user's statement makes and give its verdict with the deciding
// quotes. The verdict comes from the curated claim, never from the match score, adjusted for what
// the user's words say differently, each adjustment said out loud in the reply:
// - negation: the statement says the opposite of the curated wording ("WhatsApp did not sue NSO"):
//   supported and contradicted swap; disputed and unverified stay as they are;
// - who did what to whom: the statement has the curated roles the other way round ("NSO sued
//   WhatsApp"): contradicted (or the claim's own `roles.swapped`), never supported;
// - attribution: "the ministry called the letter vague" is judged as a report of what the ministry
//   said — supported when the claim is the ministry's view (`heldBy`), contradicted when the
//   ministry is on record against it (`rejectedBy`), whatever the claim's own verdict;
// - stand-ins: an actor or country put where the record has another ("NSO is a Chinese company");
// - figures, weekdays and months the sources do not give for this claim (1,400 Indians vs 121):
//   a supported or disputed claim with wrong figures is contradicted as stated;
// - words the two articles never use ("…in California"): a supported claim is unverified as worded.
import type { Claim, Verdict } from '../kb/schema.ts';
import type { Hit, SearchResult } from '../search/search-index.ts';
import { commonWords } from '../search/common-words.ts';
import { fold, MONTH_NAMES, WEEKDAY_NAMES } from '../search/normalize.ts';
import { doerOf, readAttribution, type Attribution } from './claim-structure.ts';
import type { Core } from './core.ts';
import { candidateOf, decide, gateOf, probability, type Decision } from './decide.ts';
import { answer, invalidInput, noAnswer, type Answer } from './model.ts';
import { candidatesOf, suggestionsOf } from './suggestions.ts';
import { cleanQuery } from './text-input.ts';

const COMMAND = 'source';
const FLIP_MIN_DOC_COVERAGE = 0.7;
/** How far below the best claim a claim whose roles the statement swaps may score and still decide. */
const SWAP_WINDOW = 0.15;
/** …and must state most of that claim's wording, while stating less than this of the chosen one. */
const STATED_IN_FULL = 0.8;
const SWAP_MIN_DOC_COVERAGE = 0.5;
/** Below this share of a false claim's wording, a statement with words the articles never use is not that claim. */
const PARTLY_STATED = 0.9;
/**
 * A claim blocked only by an actor it never names is read with a stand-in from this score up (the
 * stand-in itself counts as unmatched in the score), when the query names most of its wording.
 */
const STAND_IN_MIN_SCORE = 0.4;
const STAND_IN_MIN_DOC_COVERAGE = 0.5;
/** How many of the next claims are searched for the user's extra words (see `borrowed`). */
const NEIGHBOURS = 10;
/** A word at most this many entries are about is a detail of its own. */
const RARE = 3;
const FLIP: Record<Verdict, Verdict> = {
  supported: 'contradicted',
  contradicted: 'supported',
  disputed: 'disputed',
  unverified: 'unverified',
};

/** What /source matches and decides on, before any verdict: shared with `npm run calibrate`. */
export interface ClaimMatch {
  attribution: Attribution | null;
  result: SearchResult;
  decision: Decision;
}

export function matchClaim(core: Core, text: string): ClaimMatch {
  const whole = core.index.search(text, ['claim']);
  const attribution = readAttribution(whole.analysis, core.index.reader.lexicon.attributionVerbs, core.parties, (t) =>
    core.index.reader.isCurated(t),
  );
  const full: ClaimMatch = {
    attribution: null,
    result: whole,
    decision: decide(whole, ['claim'], { questions: false }),
  };
  if (!attribution) return full;
  // "The government called the timing suspicious" may be a curated claim as it stands; "the
  // ministry called the letter vague" is a report of the ministry's view. The better match wins,
  // what was said on a tie.
  const result = core.index.search(attribution.content, ['claim']);
  const said: ClaimMatch = { attribution, result, decision: decide(result, ['claim'], { questions: false }) };
  if (!(full.decision.confidence > said.decision.confidence && attribution.speakers.length > 0)) return said;
  // The whole statement matched better. Its attribution still counts unless the curated wording
  // itself says who said it ("The government called the timing suspicious").
  const wording = full.decision.kind === 'answer' ? full.decision.hit.matched : null;
  const speaker = whole.analysis.mentions.find((m) =>
    attribution.speakerText.split(' ').includes(whole.analysis.raw[m.start] ?? ''),
  )?.term;
  const saysWho = wording !== null && speaker !== undefined && core.index.reader.read(wording).terms.includes(speaker);
  return saysWho ? full : { ...full, attribution };
}

export function source(core: Core, claimText: unknown): Answer {
  const input = cleanQuery(claimText, 'a claim to check', '/source 1,400 Indians were hacked');
  if (!input.ok) return invalidInput(COMMAND, input.problem);
  const { attribution, result, decision } = matchClaim(core, input.text);
  const candidates = candidatesOf(result.hits);
  let hit: Hit;
  if (decision.kind === 'answer') hit = preferNoExtraSpecifics(core, result, decision.hit, input.text);
  else {
    const blocked = standInCandidate(core, result);
    if (!blocked) return unsure(core, input.text, result, decision, candidates);
    hit = blocked;
  }
  hit = swappedRival(core, result, hit);
  const claim = core.claim.get(hit.id)!;
  // Reversing a verdict needs a close paraphrase; a loose match with a "not" in it is no evidence.
  if (hit.polarityMismatch && hit.docCoverage < FLIP_MIN_DOC_COVERAGE) {
    return noAnswer(
      COMMAND,
      "I can't check that against the two articles",
      'Your claim is close to one the articles settle, but not close enough for me to say whether it agrees or disagrees with it.',
      suggestionsOf(core, [hit]),
      { candidates },
    );
  }
  const { verdict, notes, reversed } = verdictFor(core, claim, hit, result, attribution, input.text);
  const e = claim.events[0] ? core.kb.event.get(claim.events[0]) : undefined;
  return answer(COMMAND, {
    title: hit.label,
    body: [...notes, claim.explanation].join('\n\n'),
    verdict,
    review: { claim: input.text, checkedAgainst: hit.matched, reversed },
    quotes: core.quotes(claim.quotes),
    ...(e ? core.dateOf(e.date) : {}),
    dateAsked: aboutADate(result.analysis),
    entry: { kind: 'claim', id: claim.id },
    candidates,
    confidence: decision.confidence,
    state: `claim:${claim.id}`,
  });
}

/**
 * A statement that puts a curated who-did-what the other way round ("CERT-In sent WhatsApp a
 * vulnerability note", where the record has WhatsApp reporting to CERT-In) is about that fact,
 * even when a claim without roles shares more of its words: the reversal decides its verdict.
 */
function swappedRival(core: Core, result: SearchResult, hit: Hit): Hit {
  const chosen = core.claim.get(hit.id)!;
  // A statement that says (nearly) all of the chosen claim is that claim: "WhatsApp had to reply
  // by November 4" is not the ministry's asking the other way round.
  if (hit.docCoverage >= STATED_IN_FULL) return hit;
  if (chosen.roles && doerOf(result.analysis, chosen.roles, core.parties) !== null) return hit;
  const rival = result.hits.find((h) => {
    if (h === hit || h.score < hit.score - SWAP_WINDOW || h.docCoverage < SWAP_MIN_DOC_COVERAGE) return false;
    if (gateOf(h, result.analysis, { questions: false }) !== null) return false;
    const c = core.claim.get(h.id);
    return (
      c?.roles !== undefined &&
      c.verdict === 'supported' &&
      doerOf(result.analysis, c.roles, core.parties) === 'recipient'
    );
  });
  return rival ?? hit;
}

/** A claim is about a date when it names a month, a weekday or a day ("on 20 May", "in October"). */
function aboutADate(a: SearchResult['analysis']): boolean {
  return a.terms.some((t) => t === '#month' || t === '#weekday') || a.type === 'date';
}

/** A claim's answer rebuilt from its state (for "Show in context"): its wording and deciding quotes. */
export function claimEntry(core: Core, state: string): Answer | null {
  const claim = state.startsWith('claim:') ? core.claim.get(state.slice(6)) : undefined;
  if (!claim) return null;
  return answer(COMMAND, {
    title: claim.claims[0]!,
    body: claim.explanation,
    verdict: claim.verdict,
    quotes: core.quotes(claim.quotes),
    state,
    entry: { kind: 'claim', id: claim.id },
  });
}

function unsure(
  core: Core,
  text: string,
  result: SearchResult,
  decision: Extract<Decision, { kind: 'unsure' }>,
  candidates: Answer['candidates'],
): Answer {
  // About the incident (it names one of its actors) but settled by nothing in the articles:
  // that is a verdict in itself — unverified — not a match stretched to fit.
  // A statement (not a question) naming the incident's actors, that no curated claim settles.
  const a = result.analysis;
  const statement = a.type === null || a.type === 'reason';
  if (a.entities.length > 0 && a.terms.length + a.unknown.length >= 3 && statement) {
    return answer(COMMAND, {
      title: 'Not settled by the two articles',
      review: { claim: text, checkedAgainst: '', reversed: false },
      body:
        'I found nothing in the two articles that confirms or refutes this claim, so it stays unverified here. ' +
        'That is not a finding that it is false — only that these sources do not settle it.',
      verdict: 'unverified',
      suggestions: suggestionsOf(core, decision.suggestions),
      candidates,
    });
  }
  return noAnswer(
    COMMAND,
    "I can't check that against the two articles",
    "I found no claim in the two articles close enough to this one to give a verdict, so I won't stretch a guess into one.",
    suggestionsOf(core, decision.suggestions),
    { candidates },
  );
}

function verdictFor(
  core: Core,
  claim: Claim,
  hit: Hit,
  result: SearchResult,
  attribution: Attribution | null,
  text: string,
): { verdict: Verdict; notes: string[]; reversed: boolean } {
  let verdict = claim.verdict;
  const notes: string[] = [];
  const negated = hit.polarityMismatch;
  let reversed = false;
  if (negated && FLIP[verdict] !== verdict) {
    verdict = FLIP[verdict];
    reversed = true;
  }
  if (claim.roles && doerOf(result.analysis, claim.roles, core.parties) === 'recipient') {
    // Said in its own words, not as a "reversed" verdict: the claim names the parties the other way round.
    reversed = false;
    verdict = negated
      ? 'unverified'
      : (claim.roles.swapped ?? (claim.verdict === 'supported' ? 'contradicted' : 'unverified'));
    notes.push(
      `Your claim has it the other way round: in the articles it is ${core.partyName(claim.roles.agent)} that does this to ${core.partyName(claim.roles.recipient)}.`,
    );
  }
  if (attribution) {
    const speaks = (ids: readonly string[]) =>
      ids.some((h) => attribution.speakers.some((s) => core.parties.related(s, h)));
    const holds = negated ? speaks(claim.rejectedBy) : speaks(claim.heldBy);
    const opposes = negated ? speaks(claim.heldBy) : speaks(claim.rejectedBy);
    const who = attribution.speakerText;
    if (holds) {
      verdict = 'supported';
      notes.push(
        `That is what ${who} says${claim.verdict === 'disputed' ? ', and it is disputed: the other side disagrees' : ''}. As reported: supported.`,
      );
    } else if (opposes) {
      verdict = 'contradicted';
      notes.push(`${capitalise(who)} is on record saying otherwise.`);
    } else if (claim.verdict !== 'supported') {
      verdict = 'unverified';
      notes.push(`The articles do not record ${who} saying this.`);
    }
  }
  const standIns = standInsOf(core, result.analysis.entities, claim);
  if (standIns.length > 0) {
    const said = standIns.map(([s]) => s);
    verdict =
      claim.verdict === 'supported' ||
      (claim.verdict === 'contradicted' && !said.some((s) => scopeOf(core, claim).has(s)))
        ? 'contradicted'
        : 'unverified';
    notes.push(
      `The articles say ${standIns.map(([s, r]) => `${display(core, r)}, not ${display(core, s)}`).join('; ')}.`,
    );
  }
  const odd = unmatchedSpecifics(claim, text, core);
  if (odd.length > 0) {
    notes.push(
      `Your claim's ${odd.join(', ')} ${odd.length > 1 ? 'are' : 'is'} not what the sources say.${claim.numbersNote ? ` ${claim.numbersNote}` : ''}`,
    );
    if (verdict === 'supported' || verdict === 'disputed') verdict = 'contradicted';
  } else if (claim.numbersNote && claim.verdict === 'contradicted') {
    notes.push(claim.numbersNote);
  }
  // Words the two articles never use anywhere ("filed in California") are details they cannot
  // support; words they use, but nowhere near this claim ("the Aug 20 meeting was about data
  // sharing"), join facts the articles keep apart. Either way the rest of the claim may be
  // supported; the claim as worded is not.
  const unstated = result.analysis.unknown.filter((w) => w.length >= 4 && !/\d/.test(w));
  if (
    verdict === 'contradicted' &&
    claim.verdict === 'contradicted' &&
    notes.length === 0 &&
    unstated.length > 0 &&
    hit.docCoverage < PARTLY_STATED
  ) {
    // "The lawsuit was filed in California" is not the false "WhatsApp filed a case against the
    // IT ministry": the user states only part of it, and adds what the articles never mention.
    verdict = 'unverified';
    notes.push(
      `The two articles never mention “${unstated.join('”, “')}”, and your claim is only partly the false “${hit.matched}”; so it stays unverified here.`,
    );
  } else if (verdict === 'supported' && unstated.length > 0) {
    verdict = 'unverified';
    notes.push(
      `The two articles never mention “${unstated.join('”, “')}”. They support “${hit.matched}”, but not your claim as worded, so it stays unverified here.`,
    );
  } else if (verdict === 'supported') {
    const elsewhere = borrowed(core, hit, result);
    if (elsewhere.length > 0) {
      verdict = 'unverified';
      notes.push(
        `The articles support “${hit.matched}”, but what your claim adds (${elsewhere.map((t) => `“${t}”`).join(', ')}) belongs to another part of the story; so your claim as worded stays unverified.`,
      );
    }
  }
  // "Reversed" only when the verdict is the curated one's opposite because of the user's wording.
  return { verdict, notes, reversed: reversed && verdict === FLIP[claim.verdict] && verdict !== claim.verdict };
}

/**
 * The user's words this claim does not explain that another close claim is about: a detail taken
 * from elsewhere in the story ("the Aug 20 meeting was about data sharing" — that was Clegg's, on
 * 12 September). Paraphrase words no entry is about ("sits under") are not counted.
 */
function borrowed(core: Core, hit: Hit, result: SearchResult): string[] {
  // Claims about the same event with the same verdict are the same part of the story, told
  // another way.
  const claim = core.claim.get(hit.id);
  const events = new Set(claim?.events ?? []);
  const others = result.hits
    .filter((h) => h !== hit)
    .slice(0, NEIGHBOURS)
    .filter((h) => {
      const other = core.claim.get(h.id);
      return !(other && other.verdict === claim?.verdict && other.events.some((e) => events.has(e)));
    });
  // Lexicon words count too: a word a curator taught the bot ("sharing", "शेयरिंग") is still a detail.
  const terms = hit.unexplained.terms.filter(
    (t) => !commonWords().has(t) && others.some((o) => core.index.names(o.kind, o.id, t)),
  );
  // Two such words, or one that only a few entries are about: a general verb ("asked") is not a detail.
  return terms.length >= 2 || terms.some((t) => core.index.entriesNaming(t) <= RARE) ? terms : [];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** An entity as people write it: its party's name when it has one ("NSO Group"), else capitalised. */
function display(core: Core, term: string): string {
  const party = core.parties.partiesOf(term)[0];
  return party ? core.partyName(party) : term.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/** Entities each claim's own wordings name, and its whole scope (wordings, explanation, quotes). */
const claimEntities = new WeakMap<Claim, { named: ReadonlySet<string>; scope: ReadonlySet<string> }>();

function entitiesOf(core: Core, claim: Claim) {
  let e = claimEntities.get(claim);
  if (!e) {
    const read = (texts: string[]) =>
      new Set(texts.flatMap((t) => core.index.reader.read(t).terms.filter((x) => core.index.reader.isEntity(x))));
    e = {
      named: read(claim.claims),
      scope: read([...claim.claims, claim.explanation, ...claim.quotes.map((q) => q.text)]),
    };
    claimEntities.set(claim, e);
  }
  return e;
}

function scopeOf(core: Core, claim: Claim): ReadonlySet<string> {
  return entitiesOf(core, claim).scope;
}

/**
 * Actors the user puts where the claim's wordings have another of the same class ("Chinese" for
 * "Israeli", "Facebook" for "NSO"), as [said, recorded] pairs. A part standing for its whole
 * (Facebook for WhatsApp) is not a stand-in.
 */
function standInsOf(core: Core, said: readonly string[], claim: Claim): Array<[string, string]> {
  const classOf = core.index.reader.classOf.bind(core.index.reader);
  const { named } = entitiesOf(core, claim);
  const out: Array<[string, string]> = [];
  const relatedTerms = (a: string, b: string) =>
    core.parties.partiesOf(a).some((p) => core.parties.partiesOf(b).some((q) => core.parties.related(p, q)));
  for (const s of said) {
    const cls = classOf(s);
    if (!cls || named.has(s)) continue;
    const recorded = [...named].find((r) => r !== s && classOf(r) === cls && !said.includes(r) && !relatedTerms(r, s));
    if (recorded) out.push([s, recorded]);
  }
  return out;
}

/** The best claim kept out only by an actor it never names, when that actor stands in for one it does. */
function standInCandidate(core: Core, result: SearchResult): Hit | null {
  for (const h of result.hits.slice(0, 3)) {
    if (h.score < STAND_IN_MIN_SCORE) break;
    if (
      h.entityMiss.length === 0 ||
      h.offTopicMiss.length > 0 ||
      h.shared < 2 ||
      h.docCoverage < STAND_IN_MIN_DOC_COVERAGE
    )
      continue;
    const claim = core.claim.get(h.id);
    if (claim && standInsOf(core, h.entityMiss, claim).length === h.entityMiss.length) return h;
  }
  return null;
}

const CALENDAR: ReadonlySet<string> = new Set([...WEEKDAY_NAMES, ...MONTH_NAMES]);
const MONTH_ABBR: Record<string, string> = {
  jan: 'january',
  feb: 'february',
  mar: 'march',
  apr: 'april',
  jun: 'june',
  jul: 'july',
  aug: 'august',
  sep: 'september',
  sept: 'september',
  oct: 'october',
  nov: 'november',
  dec: 'december',
};

/** Figures, weekdays and months a text states: the specifics a claim can get wrong. */
function specificsOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of fold(text).matchAll(/\d+(?:\.\d+)?|[a-z]+/g)) {
    const w = m[0];
    if (/^\d/.test(w)) out.add(String(Number(w)));
    else if (CALENDAR.has(w)) out.add(w);
    else if (Object.hasOwn(MONTH_ABBR, w)) out.add(MONTH_ABBR[w]!); // own keys: not "constructor"
  }
  return [...out];
}

/** claimSpecifics per claim object: it reads every wording and quote of the claim, the same each time. */
const specificsCache = new WeakMap<Claim, ReadonlySet<string>>();

/** What the curated claim itself states, in any wording, explanation or quote. */
function claimSpecifics(claim: Claim, core: Core): ReadonlySet<string> {
  const cached = specificsCache.get(claim);
  if (cached) return cached;
  const known = new Set(
    specificsOf(
      [...claim.claims, claim.explanation, claim.numbersNote ?? '', ...claim.quotes.map((q) => q.text)].join(' '),
    ),
  );
  // The year of the record goes without saying.
  for (const s of core.kb.sources) if (s.published.date) known.add(String(Number(s.published.date.slice(0, 4))));
  specificsCache.set(claim, known);
  return known;
}

/** The user's specifics the sources do not state for this claim ("1200", "monday"). */
function unmatchedSpecifics(claim: Claim, text: string, core: Core): string[] {
  const known = claimSpecifics(claim, core);
  // "May" is also a verb; only count it as a month when a day number sits next to it.
  return specificsOf(text).filter((s) => !known.has(s) && (s !== 'may' || /\bmay\s+\d|\d\s+may\b/i.test(text)));
}

/**
 * Among confident near-ties, prefer the claim that adds no specifics the user never stated:
 * "WhatsApp told the govt 121 Indians were hit" is not the curated "…in May that 121…".
 */
function preferNoExtraSpecifics(core: Core, result: SearchResult, chosen: Hit, text: string): Hit {
  const user = new Set(specificsOf(text));
  const extra = (h: Hit) => {
    const claim = core.claim.get(h.id)!;
    return (
      specificsOf(h.matched).filter((s) => !user.has(s)).length +
      (unmatchedSpecifics(claim, text, core).length > 0 ? 1 : 0)
    );
  };
  if (extra(chosen) === 0) return chosen;
  const rest = { ...result, hits: result.hits.filter((h) => h !== chosen) };
  const alternative = candidateOf(rest, ['claim'], { questions: false });
  if (!alternative) return chosen;
  const h = alternative.hit;
  const close = chosen.score - h.score <= 0.1 && h.polarityMismatch === chosen.polarityMismatch && extra(h) === 0;
  return close && probability(alternative.features) >= 0.5 ? h : chosen;
}
