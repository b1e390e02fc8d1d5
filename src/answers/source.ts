// /source: find the curated claim a user's statement makes and give its verdict with the deciding
// quotes. The verdict always comes from the curated claim, never from the match score. Two
// adjustments, both said out loud in the reply:
// - the user's statement negates the curated wording ("WhatsApp did not sue NSO" vs "WhatsApp
//   sued NSO"): supported and contradicted swap; disputed and unverified stay as they are;
// - the user's figures are not the sources' figures (1,400 Indians vs 121): say so, and a
//   "supported" claim with wrong figures is not supported as stated.
import type { Claim, Verdict } from '../kb/schema.ts';
import { fold } from '../search/normalize.ts';
import type { Core } from './core.ts';
import { decide } from './decide.ts';
import { answer, invalidInput, noAnswer, type Answer } from './model.ts';
import { cleanQuery } from './text-input.ts';

const COMMAND = 'source';
const FLIP_MIN_DOC_COVERAGE = 0.7;
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
    if (a.entities.length > 0 && a.terms.length + a.unknown.length >= 3) {
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
  const odd = unmatchedNumbers(core, claim, input.text);
  if (odd.length > 0) {
    notes.push(`Your claim's figure${odd.length > 1 ? 's' : ''} ${odd.join(', ')} ${odd.length > 1 ? 'are' : 'is'} not what the sources say.${claim.numbersNote ? ` ${claim.numbersNote}` : ''}`);
    if (verdict === 'supported') verdict = 'contradicted';
  } else if (claim.numbersNote && claim.verdict === 'contradicted') {
    notes.push(claim.numbersNote);
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

/** Figures in the user's text that appear nowhere in the claim's wordings, explanation or quotes. */
function unmatchedNumbers(core: Core, claim: Claim, text: string): string[] {
  const known = new Set<string>();
  const add = (s: string) => {
    for (const m of fold(s).matchAll(/\d+(?:\.\d+)?/g)) known.add(String(Number(m[0])));
  };
  [...claim.claims, claim.explanation, claim.numbersNote ?? '', ...claim.quotes.map((q) => q.text)].forEach(add);
  // The year of the record counts as known; event dates do not, since "November 10" must not pass
  // because some linked event happens to fall on a 10th.
  for (const s of core.kb.sources) if (s.published.date) known.add(s.published.date.slice(0, 4));
  const out: string[] = [];
  for (const m of fold(text).matchAll(/\d+(?:\.\d+)?/g)) {
    if (!known.has(String(Number(m[0]))) && !out.includes(m[0])) out.push(m[0]);
  }
  return out;
}
