// /ask: curated Q&A first, then events, claims and parties. A confident match answers with its
// date and quotes; anything less says the articles don't say, and offers the closest topics.
import type { Core } from './core.ts';
import { decide, type DecideOptions, type Decision } from './decide.ts';
import { answer, invalidInput, noAnswer, type Answer, type Section } from './model.ts';
import { candidatesOf, suggestionsOf } from './suggestions.ts';
import { cleanQuery } from './text-input.ts';
import type { Hit, SearchResult } from '../search/search-index.ts';

const COMMAND = 'ask';
export const PRIORITY = ['qa', 'event', 'claim', 'party'] as const;
/**
 * A refusal shows what the articles do say about the closest entry when the decision gave that
 * entry at least this chance of being the answer (it passed every gate): never as the answer,
 * always under its own heading ("what did the court decide?" → what the articles say of the lawsuit).
 */
const NEARBY = 0.35;

export interface QuestionMatch {
  result: SearchResult;
  decision: Decision;
}

/**
 * What /ask matches and decides on (shared with `npm run calibrate`). A long message is read
 * whole and, when it has several sentences, also by the sentence that asks (the last with a
 * question mark, else the last): "so there's this whole thing about the meetings… when was the
 * meeting with Cathcart exactly?" asks its last sentence. The reading the model trusts more wins.
 */
export function matchQuestion(core: Core, text: string): QuestionMatch {
  const opts = askOptions(core);
  const whole = core.index.search(text, PRIORITY);
  const best: QuestionMatch = { result: whole, decision: decide(whole, PRIORITY, opts) };
  const asked = askingSentence(text);
  if (!asked) return best;
  const focused = core.index.search(asked, PRIORITY);
  if (focused.analysis.terms.filter((t) => !t.startsWith('?') && !t.startsWith('#')).length < 2) return best;
  const other: QuestionMatch = { result: focused, decision: decide(focused, PRIORITY, opts) };
  return other.decision.confidence > best.decision.confidence ? other : best;
}

/** How /ask decides (shared with `npm run calibrate`). */
export const askOptions = (core: Core): DecideOptions => ({
  questions: true,
  related: core.related,
  partiesOf: (term) => core.parties.partiesOf(term),
});

function askingSentence(text: string): string | null {
  const sentences = text
    .split(/(?<=[.?!])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (sentences.length < 2) return null;
  return [...sentences].reverse().find((s) => s.includes('?')) ?? sentences[sentences.length - 1]!;
}

function neighbourhood(core: Core, hit: Hit): Section | null {
  if (hit.kind === 'claim') return null; // a claim is no topic: it may be false
  const a = answerFor(core, hit);
  if (a.outcome !== 'answer') return null;
  return { heading: `What the articles do say: ${a.title}`, body: a.body, quotes: a.quotes.slice(0, 1) };
}

export function ask(core: Core, question: unknown): Answer {
  const input = cleanQuery(question, 'a question', '/ask who made Pegasus?');
  if (!input.ok) return invalidInput(COMMAND, input.problem);
  const { result, decision } = matchQuestion(core, input.text);
  const candidates = candidatesOf(result.hits);
  if (decision.kind === 'unsure') {
    const best = decision.best;
    const nearby = best && decision.confidence >= NEARBY ? neighbourhood(core, best) : null;
    return noAnswer(
      COMMAND,
      "The two articles don't say",
      "I couldn't find that in the two articles this bot knows (The Indian Express, 3 Nov 2019, and an undated New Delhi wire report), so I won't guess.",
      suggestionsOf(
        core,
        decision.suggestions.filter((h) => !nearby || h.id !== best!.id),
      ),
      {
        candidates,
        confidence: decision.confidence,
        ...(nearby && best
          ? { sections: [nearby], nearby: { kind: best.kind, id: best.id }, state: `near:${best.kind}:${best.id}` }
          : {}),
      },
    );
  }
  return {
    ...answerFor(core, decision.hit),
    entry: { kind: decision.hit.kind, id: decision.hit.id },
    candidates,
    confidence: decision.confidence,
    dateAsked: result.analysis.type === 'date',
  };
}

/** An entry's answer by its reference ("qa:who-made-pegasus"): a suggestion pressed, a page rebuilt. */
export function answerEntry(core: Core, ref: string): Answer | null {
  const near = ref.startsWith('near:');
  const [kind, id] = (near ? ref.slice(5) : ref).split(':') as [string, string];
  if (!(['qa', 'event', 'claim', 'party'] as const).includes(kind as never) || !id || !exists(core, kind, id))
    return null;
  const hit = { kind: kind as Hit['kind'], id } as Hit;
  if (!near) return { ...answerFor(core, hit), entry: { kind: hit.kind, id } };
  const section = neighbourhood(core, hit);
  return section ? noAnswer(COMMAND, "The two articles don't say", '', [], { sections: [section], state: ref }) : null;
}

export function exists(core: Core, kind: string, id: string): boolean {
  if (kind === 'qa') return core.qa.has(id);
  if (kind === 'claim') return core.claim.has(id);
  if (kind === 'event') return core.kb.event.has(id);
  return core.kb.party.has(id);
}

function answerFor(core: Core, hit: Pick<Hit, 'kind' | 'id'>): Answer {
  const { kb } = core;
  const state = `${hit.kind}:${hit.id}`;
  switch (hit.kind) {
    case 'qa': {
      const qa = core.qa.get(hit.id)!;
      const dated = qa.date ?? (qa.events[0] ? kb.event.get(qa.events[0])?.date : undefined);
      const fields = {
        title: qa.questions[0]!,
        body: qa.answer,
        quotes: core.quotes(qa.quotes),
        state,
        ...(dated ? core.dateOf(dated) : {}),
      };
      // Curated "the articles don't say" entries explain what the articles do say, as a no-answer.
      return qa.notInArticles
        ? noAnswer(COMMAND, fields.title, fields.body, [], { quotes: fields.quotes, state })
        : answer(COMMAND, fields);
    }
    case 'event': {
      const e = kb.event.get(hit.id)!;
      return answer(COMMAND, {
        title: e.title,
        body: e.summary,
        quotes: core.quotes(e.quotes),
        state,
        ...core.dateOf(e.date),
      });
    }
    case 'claim': {
      const c = core.claim.get(hit.id)!;
      const e = c.events[0] ? kb.event.get(c.events[0]) : undefined;
      // A claim the articles do not settle answers no question: say so, with what they do say.
      if (c.verdict === 'unverified')
        return noAnswer(COMMAND, "The two articles don't say", c.explanation, [], {
          quotes: core.quotes(c.quotes),
          state,
        });
      return answer(COMMAND, {
        title: c.claims[0]!,
        body: c.explanation,
        verdict: c.verdict,
        quotes: core.quotes(c.quotes),
        state,
        ...(e ? core.dateOf(e.date) : {}),
      });
    }
    case 'party': {
      const p = kb.party.get(hit.id)!;
      const part = p.partOf ? ` (part of ${core.partyName(p.partOf)})` : '';
      return answer(COMMAND, { title: `${p.name}${part}`, body: p.description, quotes: core.quotes(p.quotes), state });
    }
  }
}
