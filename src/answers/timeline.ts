// /timeline [from] [to] [party]: the events in date order, each with its date (and how it was
// worked out), a one-line summary, the quote and its source. Undated events come last, and only
// when no date bounds are asked for, since they cannot be placed inside a range.
import { formatDay } from '../kb/dates.ts';
import type { Event, Party } from '../kb/schema.ts';
import { nameKey, type Core } from './core.ts';
import { DATE_EXAMPLES, readDate } from './date-input.ts';
import { answer, invalidInput, noAnswer, type Answer, type Menu, type Section } from './model.ts';
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
  if (from && to && from > to)
    return invalidInput(
      COMMAND,
      `“from” (${formatDay(from)}) is after “to” (${formatDay(to)}). Dates look like ${DATE_EXAMPLES}.`,
    );
  let party: Party | null = null;
  if (given(opts.party)) {
    party = findParty(core, String(opts.party));
    if (!party) {
      const names = core.kb.parties.map((p) => p.name).join(', ');
      return invalidInput(
        COMMAND,
        `I don't know a party called “${echo(String(opts.party))}”. The parties in the two articles: ${names}.`,
      );
    }
  }

  const events = eventsFor(core, party, from, to);
  const scope = [
    party ? `involving ${party.name}` : '',
    from ? `from ${formatDay(from, false)}` : '',
    to ? `to ${formatDay(to, false)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const state = `${from ?? ''}|${to ?? ''}|${party?.id ?? ''}`;
  if (events.length === 0) {
    return noAnswer(COMMAND, 'No recorded events', `The two articles record no events ${scope || 'at all'}.`, [], {
      ...(notes.length ? { dateNote: notes.join(' '), dateAsked: true } : {}),
      menus: [partyMenu(core)],
      state,
    });
  }
  const sections: Section[] = events.map((e) => {
    const d = core.dateOf(e.date);
    return {
      heading: `${d.date} — ${e.title}`,
      body: d.dateNote && e.date.basis !== 'stated' ? `${e.summary}\n*Date: ${d.dateNote}*` : e.summary,
      quotes: core.quotes(e.quotes.slice(0, 1)),
    };
  });
  // Page 1 is the overview: every event on one line. The details, with quotes, are the pages after.
  const overview = events.map((e) => `\`${shortDate(core, e)}\` — ${e.title}`);
  return answer(COMMAND, {
    title: `Timeline${scope ? ` ${scope}` : ''}`,
    body: [
      `${events.length} event${events.length === 1 ? '' : 's'} in date order${events.some((e) => e.date.precision === 'unknown') ? ', undated last' : ''}. Pick one below to read it with its quote, or turn the pages for all of them.`,
      ...overview,
    ].join('\n'),
    ...(notes.length ? { dateNote: notes.join(' '), dateAsked: true } : {}),
    sections,
    overview: true,
    menus: [eventMenu(core, events), partyMenu(core)],
    state,
  });
}

function eventsFor(core: Core, party: Party | null, from: string | null, to: string | null) {
  // A party's events include its people's and units' (the minister's are the ministry's too).
  const involved = party
    ? new Set([party.id, ...core.kb.parties.filter((p) => p.partOf === party.id).map((p) => p.id)])
    : null;
  return core.chronology
    .filter((e) => !involved || e.event.parties.some((p) => involved.has(p)))
    .filter((e) => {
      if (!from && !to) return true;
      if (!e.from && !e.to) return false; // undated: cannot be placed in a range
      const start = e.from ?? e.to!;
      const end = e.to ?? e.from!;
      return (!from || end >= from) && (!to || start <= to);
    })
    .map((e) => e.event);
}

function shortDate(core: Core, e: Event): string {
  if (e.date.precision === 'day') return formatDay(e.date.start!, false);
  return core.dateOf(e.date).date;
}

function eventMenu(core: Core, events: readonly Event[]): Menu {
  return {
    action: 'event',
    placeholder: 'Open one event…',
    options: events.map((e) => ({ label: e.title, value: e.id, description: shortDate(core, e) })),
  };
}

/** Per knowledge base, once: the parties some event names, directly or through a part of them. */
const partiesWithEvents = new WeakMap<Core, ReadonlySet<string>>();

function partyMenu(core: Core): Menu {
  let named = partiesWithEvents.get(core);
  if (!named) {
    const ids = new Set<string>();
    for (const e of core.kb.events) {
      for (const x of e.parties) {
        ids.add(x);
        const whole = core.kb.party.get(x)?.partOf;
        if (whole) ids.add(whole);
      }
    }
    partiesWithEvents.set(core, (named = ids));
  }
  const withEvents = core.kb.parties.filter((p) => named.has(p.id));
  return {
    action: 'party',
    placeholder: 'Only one party’s events…',
    options: [{ label: 'All parties', value: '*' }, ...withEvents.map((p) => ({ label: p.name, value: p.id }))],
  };
}

/** One event, opened from the overview's menu: its date (and how it was worked out), summary and quotes. */
export function timelineEvent(core: Core, id: string, state: string): Answer | null {
  const e = core.kb.event.get(id);
  if (!e) return null;
  const d = core.dateOf(e.date);
  const parties = e.parties.map((p) => core.partyName(p)).join(', ');
  return answer(COMMAND, {
    title: e.title,
    body: `${e.summary}\n\n*Parties:* ${parties}`,
    date: d.date,
    ...(d.dateNote ? { dateNote: d.dateNote } : {}),
    dateAsked: true,
    quotes: core.quotes(e.quotes),
    entry: { kind: 'event', id },
    state: `e=${id}|${state}`,
    buttons: [{ label: '◀ Back to the timeline', action: 'p0', state }],
  });
}

/** The timeline a state rebuilds: `from|to|party`, or `e=<event>|from|to|party` for one event. */
export function timelineFromState(core: Core, state: string): Answer | null {
  const m = /^e=([a-z0-9-]+)\|(.*)$/.exec(state);
  if (m) return timelineEvent(core, m[1]!, m[2]!);
  const [from = '', to = '', party = ''] = state.split('|');
  return timeline(core, { from, to, party });
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
