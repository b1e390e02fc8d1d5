// /who-knew <date>: the state of knowledge at the end of that day, India time. It opens with one
// line per party, what it had learned most recently first (older items fold into that line); the
// details follow, newest first, each with whom it came from and the quote — contested knowledge
// with every side attributed. Nothing is inferred across units: CERT-In knowing is never taken to
// mean the minister knew. An undated statement is shown only in its own "undated, may be later"
// part, and only from the date it cannot predate (`notBefore` in transfers.yaml).
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
  if (t.date.precision === 'unknown') return !t.notBefore || t.notBefore <= day ? 'undated' : 'absent';
  if (b.to && b.to <= day) return 'known';
  if (b.from && b.from <= day) return 'possibly';
  return 'absent';
}

const sortDate = (t: Transfer) => bounds(t.date).from ?? bounds(t.date).to ?? '';

export function whoKnew(core: Core, dateText: unknown): Answer {
  const reference = core.kb.sources.map((s) => s.published.date).find((d) => d !== null) ?? '2019-11-03';
  const reading = readDate(dateText, reference);
  if (!reading.ok) return invalidInput(COMMAND, reading.problem);
  const day = reading.iso;
  const title = `Who knew what by the end of ${formatDay(day)} (India time)`;
  const dated = core.kb.transfers.filter((t) => t.date.precision !== 'unknown');
  const first = dated
    .map((t) => ({ t, from: bounds(t.date).from ?? bounds(t.date).to! }))
    .sort((a, b) => a.from.localeCompare(b.from))[0];
  const note = reading.note ? { dateNote: reading.note, dateAsked: true } : {};

  if (first && day < first.from) {
    const e = first.t.event ? core.kb.event.get(first.t.event) : undefined;
    return answer(COMMAND, {
      title,
      body: `Nobody on record knew anything about it yet. The first recorded event is ${e ? `“${e.title}”` : first.t.what}, ${describeDate(first.t.date)}.`,
      ...note,
      quotes: core.quotes((e?.quotes ?? first.t.accounts[0]!.quotes).slice(0, 1)),
      state: day,
    });
  }

  const standing = core.kb.transfers.map((t) => ({ t, s: standingOn(core, t, day) })).filter((x) => x.s !== 'absent');
  // Details newest first; undated ones last, in their own part.
  const datedItems = standing
    .filter((x) => x.s !== 'undated')
    .sort((a, b) => sortDate(b.t).localeCompare(sortDate(a.t)));
  const undated = standing.filter((x) => x.s === 'undated');
  const sections: Section[] = [...datedItems, ...undated].map(({ t, s }) => section(core, t, s));
  const everything = core.kb.transfers.every(
    (t) => t.date.precision === 'unknown' || t.status === 'not-known' || standingOn(core, t, day) === 'known',
  );
  const summary = summaryLines(core, datedItems);
  if (undated.length > 0)
    summary.push(
      `*Undated, may be later:* ${undated.map(({ t }) => `${t.to.map((p) => core.partyName(p)).join(', ')} — ${t.what}`).join('; ')}.`,
    );
  return answer(COMMAND, {
    title,
    body: [everything ? 'Everything on record had happened by then.' : '', ...summary].filter(Boolean).join('\n'),
    ...note,
    sections,
    state: day,
  });
}

/**
 * One line per party (parties whose latest item is the same share a line): what it learned most
 * recently, newest first, and how many older items fold into that line.
 */
function summaryLines(core: Core, items: ReadonlyArray<{ t: Transfer; s: Standing }>): string[] {
  const byParty = new Map<string, Array<{ t: Transfer; s: Standing }>>();
  for (const item of items) for (const p of item.t.to) (byParty.get(p) ?? byParty.set(p, []).get(p)!).push(item);
  const lines = new Map<string, { parties: string[]; latest: { t: Transfer; s: Standing }; older: Set<string> }>();
  for (const [party, list] of byParty) {
    const [latest, ...older] = list;
    const line = lines.get(latest!.t.id) ?? { parties: [], latest: latest!, older: new Set<string>() };
    line.parties.push(core.partyName(party));
    for (const o of older) line.older.add(o.t.id);
    lines.set(latest!.t.id, line);
  }
  return [...lines.values()]
    .sort((a, b) => sortDate(b.latest.t).localeCompare(sortDate(a.latest.t)))
    .map(({ parties, latest: { t, s }, older }) => {
      const when = shortDate(t);
      const what =
        s === 'not-yet-known'
          ? `did **not** yet know ${t.what.replace(/ — .*$/, '')}`
          : `${s === 'possibly' ? 'possibly: ' : ''}${t.what}`;
      const marks = [
        t.status === 'contested' ? `contested${t.dispute ? `: ${t.dispute}` : ''}` : '',
        t.status === 'claimed' ? `says ${t.accounts.map((a) => core.attribution(a.by)).join(' and ')}` : '',
        older.size > 0 ? `+${older.size} earlier` : '',
      ].filter(Boolean);
      return `**${parties.join(', ')}** · ${when} — ${what}${marks.length > 0 ? ` *(${marks.join('; ')})*` : ''}`;
    });
}

/** "5 Sep 2019", "May 2019", "20 Aug – 12 Sep 2019": short enough for one line on a phone. */
function shortDate(t: Transfer): string {
  const short = (iso: string, year = true) => {
    const [y, m, d] = iso.split('-');
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m) - 1];
    return `${Number(d)} ${month}${year ? ` ${y}` : ''}`;
  };
  const d = t.date;
  if (d.precision === 'day') return short(d.start!);
  if (d.precision === 'range') return `${short(d.start!, false)} – ${short(d.end!)}`;
  if (d.precision === 'by') return `by ${short(d.end!)}`;
  return describeDate(d);
}

function section(core: Core, t: Transfer, s: Standing): Section {
  const who = t.to.map((p) => core.partyName(p)).join(', ');
  const when =
    s === 'undated'
      ? 'Undated, may be later'
      : s === 'not-yet-known'
        ? describeDate(t.date)
        : s === 'possibly'
          ? `${describeDate(t.date)} (possibly not yet)`
          : `Since ${describeDate(t.date)}`;
  const from = t.from ? ` — from ${core.partyName(t.from)}` : '';
  const sides = t.accounts.map((a) => core.attribution(a.by));
  const speakerQuotes = t.accounts.map((a) =>
    core.kb.party.has(a.by) ? { ...core.quote(a.quotes[0]!), speaker: core.partyName(a.by) } : core.quote(a.quotes[0]!),
  );
  let body: string;
  if (s === 'not-yet-known')
    body = `Did **not** yet know ${t.what.replace(/ — .*$/, '')}, according to ${sides.join(' and ')}.`;
  else if (t.status === 'contested')
    body = `${capitalise(t.what)}${from}.\n**Contested** — each side in its own words:`;
  else if (t.status === 'claimed') body = `${capitalise(t.what)}${from}, according to ${sides.join(' and ')}.`;
  else body = `${capitalise(t.what)}${from}.`;
  if (s === 'possibly')
    body += '\nThe sources give no exact day, so this may not have happened yet on the date you asked about.';
  if (s === 'undated')
    body += `\nThe articles do not date this${t.notBefore ? `; it cannot be earlier than ${formatDay(t.notBefore, false)}` : ''}.`;
  return {
    heading: `${when} · ${who}`,
    body,
    quotes: dedupe(t.status === 'contested' || t.status === 'claimed' ? speakerQuotes : speakerQuotes.slice(0, 1)),
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function dedupe<T extends { text: string }>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(x.text) && seen.add(x.text));
}

export { DATE_EXAMPLES };

/** How /who-knew reads the record, for /help and /about. */
export const WHO_KNEW_METHOD =
  'Knowledge is shown for whoever the articles say learned it, never inferred across units (CERT-In knowing is not the minister knowing); where the sides disagree, each side is attributed in its own words; undated statements are kept apart, and shown only from the date they cannot predate.';

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
