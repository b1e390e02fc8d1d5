// Calendar arithmetic on plain YYYY-MM-DD strings. Dates in the knowledge base are calendar
// days (India time), so everything here works in UTC to avoid the host's time zone shifting a day.
import type { DateSpec } from './schema.ts';

const DAY_MS = 86_400_000;
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export function toUtc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromUtc(new Date(toUtc(iso).getTime() + days * DAY_MS));
}

export function weekdayOf(iso: string): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[toUtc(iso).getUTCDay()]!;
}

/** The last `weekday` strictly before `iso`: how "on Tuesday" reads in a Sunday paper. */
export function weekdayBefore(iso: string, weekday: string): string {
  const target = WEEKDAYS.indexOf(weekday as (typeof WEEKDAYS)[number]);
  if (target < 0) throw new Error(`unknown weekday ${weekday}`);
  const dow = toUtc(iso).getUTCDay();
  const back = (dow - target + 7) % 7 || 7;
  return addDays(iso, -back);
}

export function lastDayOfMonth(iso: string): string {
  const d = toUtc(iso);
  return fromUtc(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
}

/** "Tue 29 Oct 2019"-style wording users read at a glance. */
export function formatDay(iso: string, withWeekday = true): string {
  const d = toUtc(iso);
  const day = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return withWeekday ? `${WEEKDAYS[d.getUTCDay()]} ${day}` : day;
}

/** Earliest and latest day a dated thing may fall on; null bounds are open. */
export function bounds(date: DateSpec): { from: string | null; to: string | null } {
  switch (date.precision) {
    case 'day':
      return { from: date.start!, to: date.start! };
    case 'range':
      return { from: date.start!, to: date.end! };
    case 'month':
      return { from: date.start!, to: lastDayOfMonth(date.start!) };
    case 'by':
      return { from: null, to: date.end! };
    case 'unknown':
      return { from: null, to: null };
  }
}

/** Sort key: undated things last, "by" dates at their deadline. */
export function sortKey(date: DateSpec): string {
  const b = bounds(date);
  return b.from ?? b.to ?? '9999-12-31';
}

/** How a date reads in a reply: "Tuesday 29 October 2019", "early September 2019", "date not given". */
export function describeDate(date: DateSpec): string {
  switch (date.precision) {
    case 'day':
      return formatDay(date.start!);
    case 'range':
    case 'month':
    case 'by':
      return date.label ?? formatDay(date.start ?? date.end!, false);
    case 'unknown':
      return 'date not given in the sources';
  }
}

/** How the date was worked out, when it was not simply printed in the article. */
export function explainDate(date: DateSpec, sourceLabel: (id: string) => string): string | null {
  if (date.basis === 'weekday' || date.basis === 'days-ago') {
    const from = date.source ? sourceLabel(date.source) : 'the article';
    const rule =
      date.basis === 'weekday'
        ? `the ${date.weekday} before it was published`
        : `${date.daysAgo} days before it was published`;
    return `${from} says “${date.words}”: ${rule}.${date.note ? ` ${date.note}` : ''}`;
  }
  return date.note ?? null;
}
