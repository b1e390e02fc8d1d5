// Reading a date the way people type one: 2019-09-06, 6 Sep 2019, September 6, 2019, Sept 6 2019,
// 6th September 2019, 06/09/2019, 17.05.2019. chrono-node does the parsing (British/Indian
// day-first reading); this module decides what counts as a usable date and says which reading
// it took when the text could be read two ways.
// Only the English locale: the package's main entry loads every locale, 0.1 s and 12 MB at start.
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Chrono from 'chrono-node/en';
import { formatDay, lastDayOfMonth } from '../kb/dates.ts';
import { CODE_ROOT, COMPILED } from '../paths.ts';
import { echo } from './text-input.ts';

/** The build's chrono-node (its English locale, one file); the sources use the package itself. */
export const VENDORED_CHRONO = path.join(CODE_ROOT, 'vendor', 'chrono-node-en.cjs');

/**
 * chrono-node, loaded on first use — the warm-up just after start-up (warmUpDateReader), or a date
 * typed before it — rather than at every start: 100 KB of parser (~4 ms) that being ready does not
 * need. require() because reading a date is synchronous.
 */
let chronoModule: typeof Chrono | undefined;
const chrono = (): typeof Chrono =>
  (chronoModule ??= createRequire(import.meta.url)(COMPILED ? VENDORED_CHRONO : 'chrono-node/en') as typeof Chrono);

export type DateReading = { ok: true; iso: string; note?: string } | { ok: false; problem: string };

export const DATE_EXAMPLES = '2019-09-06, 6 Sep 2019, September 6, 2019 or 06/09/2019 (day/month/year)';

// Words that may surround a date without changing it ("as of the end of 6 Sep 2019").
const FILLER = new Set([
  'the',
  'of',
  'on',
  'as',
  'by',
  'end',
  'day',
  'date',
  'till',
  'until',
  'at',
  'in',
  'what',
  'who',
  'knew',
]);

/** `reference` anchors dates written without a year (the incident's own year). */
export function readDate(raw: unknown, reference: string): DateReading {
  const text = typeof raw === 'string' ? raw.normalize('NFKC').replace(/\s+/g, ' ').trim() : '';
  if (!text) return { ok: false, problem: `Please give a date, e.g. ${DATE_EXAMPLES}.` };
  if (text.length > 60) return { ok: false, problem: `That is too long to be a date. Try ${DATE_EXAMPLES}.` };
  // ISO dates are read strictly: 2019-13-01 is not "13 January".
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (ymd) {
    const candidate = `${ymd[1]}-${ymd[2]!.padStart(2, '0')}-${ymd[3]!.padStart(2, '0')}`;
    const d = new Date(`${candidate}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== candidate) {
      return {
        ok: false,
        problem: `“${echo(text)}” is not a real calendar date (year-month-day). Try ${DATE_EXAMPLES}.`,
      };
    }
    return { ok: true, iso: candidate };
  }
  const ref = new Date(`${reference}T12:00:00Z`);
  const found = chrono().GB.parse(text, ref, { forwardDate: false })[0];
  // Only explicit calendar dates: "yesterday" or "next week" mean nothing for a 2019 record.
  if (!found || !/\d/.test(found.text)) {
    const looksNumeric = /\d/.test(text) && /^[\d\s\-/.,:a-z]*$/i.test(text);
    const why = looksNumeric
      ? `“${echo(text)}” is not a real calendar date`
      : `I couldn't read “${echo(text)}” as a date`;
    return { ok: false, problem: `${why}. Try ${DATE_EXAMPLES}.` };
  }
  const rest =
    (text.slice(0, found.index) + ' ' + text.slice(found.index + found.text.length))
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  if (rest.some((w) => !FILLER.has(w)))
    return { ok: false, problem: `I couldn't read “${echo(text)}” as one date. Try ${DATE_EXAMPLES}.` };

  const c = found.start;
  const y = c.get('year')!;
  const m = c.get('month')!;
  const d = c.get('day')!;
  const pad = (n: number) => String(n).padStart(2, '0');
  let iso = `${y}-${pad(m)}-${pad(d)}`;
  const notes: string[] = [];
  if (!c.isCertain('day')) {
    iso = lastDayOfMonth(iso);
    notes.push(`No day given, so I took the end of the month, ${formatDay(iso)}.`);
  }
  if (!c.isCertain('year')) notes.push(`No year given, so I took ${y}, the year of the incident.`);
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(found.text.trim());
  if (numeric && Number(numeric[1]) <= 12 && Number(numeric[2]) <= 12 && numeric[1] !== numeric[2]) {
    notes.push(
      `I read ${found.text} as day/month/year (${formatDay(iso, false)}), as dates are written in India; for the other reading write ${y}-${pad(d)}-${pad(m)}.`,
    );
  }
  return notes.length > 0 ? { ok: true, iso, note: notes.join(' ') } : { ok: true, iso };
}

/**
 * Reads a date twice so the first person to use /who-knew or /timeline does not wait for what
 * follows. chrono-node's patterns are large regular expressions that V8 first interprets and then,
 * on their second use, compiles to machine code (regexp tier-up): about 0.15 s on the bench
 * machine, paid once per process. Entry points call this right after start-up, off the path to
 * "ready": while the gateway logs in, or before the first HTTP request or console line arrives.
 */
export function warmUpDateReader(): void {
  for (let i = 0; i < 2; i++) readDate('6 Sep 2019', '2019-11-01');
}
