// /who-knew <date>: what each party knew as of the end of that day, India time — since when, from
// whom, with the quote. Contested knowledge is shown as contested with every side attributed.
// Nothing is inferred across units: CERT-In knowing is never taken to mean the minister knew.
import { bounds, describeDate, formatDay } from '../kb/dates.ts';
import type { Transfer } from '../kb/schema.ts';
import { fold } from '../search/normalize.ts';
import type { Core } from './core.ts';
import { DATE_EXAMPLES, readDate } from './date-input.ts';
import { answer, invalidInput, type Answer, type Section } from './model.ts';

const COMMAND = 'who-knew';

type Standing = 'known' | 'possibly' | 'undated' | 'not-yet-known' | 'absent';

function standingOn(core: Core, t: Transfer, day: string): Standing {
  const b = bounds(t.date);
  if (t.status === 'not-known') {
    const until = t.supersededBy ? core.kb.transfers.find((x) => x.id === t.supersededBy) : undefined;
    const from = b.from ?? b.to;
    const end = until ? bounds(until.date).from : null;
    return from && from <= day && (!end || day < end) ? 'not-yet-known' : 'absent';
  }
  if (t.date.precision === 'unknown') return 'undated';
  if (b.to && b.to <= day) return 'known';
  if (b.from && b.from <= day) return 'possibly';
  return 'absent';
}

export function whoKnew(core: Core, dateText: unknown): Answer {
  const reference = core.kb.sources.map((s) => s.published.date).find((d) => d !== null) ?? '2019-11-03';
  const reading = readDate(dateText, reference);
  if (!reading.ok) return invalidInput(COMMAND, reading.problem);
  const day = reading.iso;
  const title = `Who knew what, as of the end of ${formatDay(day)} (India time)`;
  const dated = core.kb.transfers.filter((t) => t.date.precision !== 'unknown');
  const first = dated.map((t) => ({ t, from: bounds(t.date).from ?? bounds(t.date).to! })).sort((a, b) => a.from.localeCompare(b.from))[0];
  const known = core.kb.transfers.map((t) => ({ t, s: standingOn(core, t, day) })).filter((x) => x.s !== 'absent');

  if (first && day < first.from) {
    const e = first.t.event ? core.kb.event.get(first.t.event) : undefined;
    return answer(COMMAND, {
      title,
      body: `Nobody on record knew anything about it yet. The first recorded event is ${e ? `“${e.title}”` : first.t.what}, ${describeDate(first.t.date)}.`,
      ...(reading.note ? { dateNote: reading.note } : {}),
      quotes: core.quotes((e?.quotes ?? first.t.accounts[0]!.quotes).slice(0, 1)),
    });
  }

  // One section per piece of knowledge, in date order; undated ones last.
  const order = (x: { t: Transfer }) => bounds(x.t.date).from ?? bounds(x.t.date).to ?? '9999';
  const sections: Section[] = [...known]
    .sort((a, b) => order(a).localeCompare(order(b)))
    .map(({ t, s }) => section(core, t, s));
  const everything = core.kb.transfers.every((t) => t.date.precision === 'unknown' || t.status === 'not-known' || standingOn(core, t, day) === 'known');
  return answer(COMMAND, {
    title,
    body:
      (everything ? 'Everything on record had happened by then. ' : '') +
      'Knowledge is shown for whoever the articles say learned it; where the sides disagree, each side is attributed. Undated items are listed as undated.',
    ...(reading.note ? { dateNote: reading.note } : {}),
    sections,
    token: day,
  });
}

function section(core: Core, t: Transfer, s: Standing): Section {
  const who = t.to.map((p) => core.partyName(p)).join(', ');
  const when = s === 'undated' ? 'Undated' : s === 'not-yet-known' ? describeDate(t.date) : s === 'possibly' ? `${describeDate(t.date)} (possibly not yet)` : `Since ${describeDate(t.date)}`;
  const from = t.from ? ` — from ${core.partyName(t.from)}` : '';
  const sides = t.accounts.map((a) => core.attribution(a.by));
  const speakerQuotes = t.accounts.map((a) => (core.kb.party.has(a.by) ? { ...core.quote(a.quotes[0]!), speaker: core.partyName(a.by) } : core.quote(a.quotes[0]!)));
  let body: string;
  if (s === 'not-yet-known') body = `Did **not** yet know ${t.what.replace(/ — .*$/, '')}, according to ${sides.join(' and ')}.`;
  else if (t.status === 'contested') body = `${capitalise(t.what)}${from}.\n**Contested** — each side in its own words:`;
  else if (t.status === 'claimed') body = `${capitalise(t.what)}${from}, according to ${sides.join(' and ')}.`;
  else body = `${capitalise(t.what)}${from}.`;
  if (s === 'possibly') body += '\nThe sources give no exact day, so this may not have happened yet on the date you asked about.';
  return { heading: `${when} · ${who}`, body, quotes: dedupe(t.status === 'contested' || t.status === 'claimed' ? speakerQuotes : speakerQuotes.slice(0, 1)) };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function dedupe<T extends { text: string }>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(x.text) && seen.add(x.text));
}

export { DATE_EXAMPLES };

/** Autocomplete choices per core: built on first use, then only filtered. */
const keyDatesOf = new WeakMap<Core, Array<{ name: string; value: string; folded: string }>>();

/** Key dates for autocomplete: every day-precise event, labelled with what happened, in order. */
export function keyDates(core: Core, typed: string, limit: number): Array<{ name: string; value: string }> {
  let all = keyDatesOf.get(core);
  if (!all) {
    const seen = new Set<string>();
    all = core.chronology
      .filter(({ event: e }) => e.date.precision === 'day' && !seen.has(e.date.start!) && seen.add(e.date.start!))
      .map(({ event: e }) => {
        const name = `${formatDay(e.date.start!, false)} — ${e.title}`.slice(0, 100);
        return { name, value: e.date.start!, folded: fold(`${name} ${e.date.start!}`) };
      });
    keyDatesOf.set(core, all);
  }
  const q = fold(typed).trim();
  const out: Array<{ name: string; value: string }> = [];
  for (const c of all) {
    if (out.length === limit) break;
    if (!q || c.folded.includes(q)) out.push({ name: c.name, value: c.value });
  }
  return out;
}
