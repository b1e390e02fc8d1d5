// /source: find the curated claim a user's statement makes and give its verdict with the deciding
// quotes. The verdict always comes from the curated claim, never from the match score. Three
// adjustments, each said out loud in the reply:
// - the user's statement negates the curated wording ("WhatsApp did not sue NSO" vs "WhatsApp
//   sued NSO"): supported and contradicted swap; disputed and unverified stay as they are;
// - the user's figures are not the sources' figures (1,400 Indians vs 121): say so, and a
//   "supported" claim with wrong figures is not supported as stated;
// - the user's claim adds a word the articles never use ("…in California"): a "supported"
//   claim is unverified as worded.
import type { Claim, Verdict } from '../kb/schema.ts';
import { fold } from '../search/normalize.ts';
import type { Core } from './core.ts';
import { decide, isConfident } from './decide.ts';
import type { Hit } from '../search/index.ts';
import { answer, invalidInput, noAnswer, type Answer } from './model.ts';
import { cleanQuery } from './text-input.ts';

const COMMAND = 'source';
const FLIP_MIN_DOC_COVERAGE = 0.7;
/** "Unverified" only when no curated claim is even close; a near miss gets "did you mean". */
const UNVERIFIED_BELOW = 0.45;
const FLIP: Record<Verdict, Verdict> = { supported: 'contradicted', contradicted: 'supported', disputed: 'disputed', unverified: 'unverified' };

export function source(core: Core, claimText: unknown): Answer {
  const input = cleanQuery(claimText, 'a claim to check', '/source 1,400 Indians were hacked');
  if (!input.ok) return invalidInput(COMMAND, input.problem);
  const result = core.index.search(input.text, ['claim']);
  const decision = decide(result, ['claim']);
  if (decision.kind === 'unsure') {
    // About the incident (it names one of its actors) but settled by nothing in the articles:
    // that is a verdict in itself — unverified — not a match stretched to fit.
    const a = result.analysis;
    const nearest = result.hits[0]?.score ?? 0;
    if (a.entities.length > 0 && a.terms.length + a.unknown.length >= 3 && nearest < UNVERIFIED_BELOW) {
      return answer(COMMAND, {
        title: 'Not settled by the two articles',
        body:
          'I found nothing in the two articles that confirms or refutes this claim, so it stays unverified here. ' +
          'That is not a finding that it is false — only that these sources do not settle it.',
        verdict: 'unverified',
        suggestions: decision.suggestions.map((h) => h.label),
      });
    }
    return noAnswer(
      COMMAND,
      "I can't check that against the two articles",
      "I found no claim in the two articles close enough to this one to give a verdict, so I won't stretch a guess into one.",
      decision.suggestions.map((h) => h.label),
    );
  }
  decision.hit = preferNoExtraSpecifics(core, result.hits, decision.hit, input.text);
  const claim = core.kb.claims.find((c) => c.id === decision.hit.id)!;
  let verdict = claim.verdict;
  const notes: string[] = [];
  // Reversing a verdict needs a close paraphrase; a loose match with a "not" in it is no evidence.
  if (decision.hit.polarityMismatch && decision.hit.docCoverage < FLIP_MIN_DOC_COVERAGE) {
    return noAnswer(
      COMMAND,
      "I can't check that against the two articles",
      'Your claim is close to one the articles settle, but not close enough for me to say whether it agrees or disagrees with it.',
      [decision.hit.label],
    );
  }
  if (decision.hit.polarityMismatch && FLIP[verdict] !== verdict) {
    verdict = FLIP[verdict];
    notes.push(`Your claim says the opposite of “${decision.hit.label}”, which the articles find ${claim.verdict}; so yours is ${verdict}.`);
  }
  const odd = unmatchedSpecifics(claim, input.text, core);
  if (odd.length > 0) {
    notes.push(`Your claim's ${odd.join(', ')} ${odd.length > 1 ? 'are' : 'is'} not what the sources say.${claim.numbersNote ? ` ${claim.numbersNote}` : ''}`);
    if (verdict === 'supported') verdict = 'contradicted';
  } else if (claim.numbersNote && claim.verdict === 'contradicted') {
    notes.push(claim.numbersNote);
  }
  // Words the two articles never use anywhere ("filed in California") are details they cannot
  // support: the rest of the claim may be supported, the claim as worded is not.
  const unstated = result.analysis.unknown.filter((w) => w.length >= 4 && !/\d/.test(w));
  if (verdict === 'supported' && unstated.length > 0) {
    verdict = 'unverified';
    notes.push(
      `The two articles never mention “${unstated.join('”, “')}”. They support “${decision.hit.label}”, but not your claim as worded, so it stays unverified here.`,
    );
  }
  const e = claim.events[0] ? core.kb.event.get(claim.events[0]) : undefined;
  return answer(COMMAND, {
    title: decision.hit.label,
    body: [...notes, claim.explanation].join('\n\n'),
    verdict,
    quotes: core.quotes(claim.quotes),
    ...(e ? core.dateOf(e.date) : {}),
  });
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR: Record<string, string> = { jan: 'january', feb: 'february', mar: 'march', apr: 'april', jun: 'june', jul: 'july', aug: 'august', sep: 'september', sept: 'september', oct: 'october', nov: 'november', dec: 'december' };

/** Figures, weekdays and months a text states: the specifics a claim can get wrong. */
function specificsOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of fold(text).matchAll(/\d+(?:\.\d+)?|[a-z]+/g)) {
    const w = m[0];
    if (/^\d/.test(w)) out.add(String(Number(w)));
    else if (WEEKDAYS.includes(w) || MONTHS.includes(w)) out.add(w);
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
  const known = new Set(specificsOf([...claim.claims, claim.explanation, claim.numbersNote ?? '', ...claim.quotes.map((q) => q.text)].join(' ')));
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
function preferNoExtraSpecifics(core: Core, hits: Hit[], chosen: Hit, text: string): Hit {
  const user = new Set(specificsOf(text));
  const extra = (h: Hit) => {
    const claim = core.kb.claims.find((c) => c.id === h.id)!;
    return specificsOf(h.label).filter((s) => !user.has(s)).length + (unmatchedSpecifics(claim, text, core).length > 0 ? 1 : 0);
  };
  if (extra(chosen) === 0) return chosen;
  const alternative = hits.find((h) => h !== chosen && isConfident(h) && chosen.score - h.score <= 0.1 && h.polarityMismatch === chosen.polarityMismatch && extra(h) === 0);
  return alternative ?? chosen;
}
