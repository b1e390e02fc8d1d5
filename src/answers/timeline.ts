// /timeline [from] [to] [party]: the events in date order, each with its date (and how it was
// worked out), a one-line summary, the quote and its source. Undated events come last, and only
// when no date bounds are asked for, since they cannot be placed inside a range.
import { formatDay } from '../kb/dates.ts';
import type { Party } from '../kb/schema.ts';
import { nameKey, type Core } from './core.ts';
import { DATE_EXAMPLES, readDate } from './date-input.ts';
import { answer, invalidInput, noAnswer, type Answer, type Section } from './model.ts';
import { echo } from './text-input.ts';

const COMMAND = 'timeline';

export interface TimelineOptions {
  from?: unknown;
  to?: unknown;
  party?: unknown;
}

export function timeline(core: Core, opts: TimelineOptions = {}): Answer {
  const reference = core.kb.sources.map((s) => s.published.date).find((d) => d !== null) ?? '2019-11-03';
  const given = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  let from: string | null = null;
  let to: string | null = null;
  const notes: string[] = [];
  if (given(opts.from)) {
    const r = readDate(opts.from, reference);
    if (!r.ok) return invalidInput(COMMAND, `from: ${r.problem}`);
    from = r.iso;
    if (r.note) notes.push(`from: ${r.note}`);
  }
  if (given(opts.to)) {
    const r = readDate(opts.to, reference);
    if (!r.ok) return invalidInput(COMMAND, `to: ${r.problem}`);
    to = r.iso;
    if (r.note) notes.push(`to: ${r.note}`);
  }
  if (from && to && from > to) return invalidInput(COMMAND, `“from” (${formatDay(from)}) is after “to” (${formatDay(to)}). Dates look like ${DATE_EXAMPLES}.`);
  let party: Party | null = null;
  if (given(opts.party)) {
    party = findParty(core, String(opts.party));
    if (!party) {
      const names = core.kb.parties.slice(0, 8).map((p) => p.name).join(', ');
      return invalidInput(COMMAND, `I don't know a party called “${echo(String(opts.party))}”. Try one of: ${names}.`);
    }
  }

  // A party's events include its people's and units' (the minister's are the ministry's too).
  const involved = party ? new Set([party.id, ...core.kb.parties.filter((p) => p.partOf === party!.id).map((p) => p.id)]) : null;
  const events = core.chronology
    .filter((e) => !involved || e.event.parties.some((p) => involved.has(p)))
    .filter((e) => {
      if (!from && !to) return true;
      if (!e.from && !e.to) return false; // undated: cannot be placed in a range
      const start = e.from ?? e.to!;
      const end = e.to ?? e.from!;
      return (!from || end >= from) && (!to || start <= to);
    })
    .map((e) => e.event);

  const scope = [
    party ? `involving ${party.name}` : '',
    from ? `from ${formatDay(from, false)}` : '',
    to ? `to ${formatDay(to, false)}` : '',
  ].filter(Boolean).join(' ');
  if (events.length === 0) {
    return noAnswer(COMMAND, 'No recorded events', `The two articles record no events ${scope || 'at all'}.`, [], notes.length ? { dateNote: notes.join(' ') } : {});
  }
  const sections: Section[] = events.map((e) => {
    const d = core.dateOf(e.date);
    return {
      heading: `${d.date} — ${e.title}`,
      body: d.dateNote && e.date.basis !== 'stated' ? `${e.summary}\n*Date: ${d.dateNote}*` : e.summary,
      quotes: core.quotes(e.quotes.slice(0, 1)),
    };
  });
  return answer(COMMAND, {
    title: `Timeline${scope ? ` ${scope}` : ''}`,
    body: `${events.length} event${events.length === 1 ? '' : 's'} in date order; undated ones last.`,
    ...(notes.length ? { dateNote: notes.join(' ') } : {}),
    sections,
    token: `${from ?? ''}|${to ?? ''}|${party?.id ?? ''}`,
  });
}

/** A party by name or alias, forgiving case, accents and small typos. */
export function findParty(core: Core, text: string): Party | null {
  const q = nameKey(text);
  if (!q) return null;
  const exact = core.partyNames.find((p) => p.names.includes(q));
  if (exact) return exact.party;
  const hit = core.index.search(text, ['party']).hits[0];
  return hit && hit.score >= 0.6 ? (core.kb.party.get(hit.id) ?? null) : null;
}

/** Parties whose name or an alias contains what is typed so far, for autocomplete. */
export function partiesMatching(core: Core, typed: string, limit: number): Party[] {
  const q = nameKey(typed);
  const out: Party[] = [];
  for (const p of core.partyNames) {
    if (out.length === limit) break;
    if (!q || p.names.some((n) => n.includes(q))) out.push(p.party);
  }
  return out;
}
