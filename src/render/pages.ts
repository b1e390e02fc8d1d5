// How an answer is laid out over pages: its sections become embed fields, at most five a page and
// within Discord's size budget; an overview answer keeps its first page for its body alone. The
// render layer and "Show in context" read the same layout, so a page's context is that page's quotes.
import type { APIEmbedField } from 'discord-api-types/v10';
import type { Answer, QuoteView, Section } from '../answers/model.ts';
import { LIMITS } from '../discord-api.ts';

/** Sections per page: a page stays readable on a phone. */
const SECTIONS_PER_PAGE = 5;
/** Headroom under the 6000 total for the title, footer and page line. */
const PAGE_BUDGET = 5200;

/** Mentions are also disabled by allowed_mentions; this keeps them from even looking like pings. */
export function defuse(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<@([!&]?\d+)>/g, '<@\u200b$1>');
}

export function blockQuote(q: QuoteView): string {
  const who = q.speaker ? `${q.speaker}, in ${q.sourceLabel}` : q.sourceLabel;
  return `${q.text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n')}\n— *${who}*`;
}

export function clip(text: string, max: number): string {
  // A string has at most as many characters as UTF-16 units: most texts fit without being split
  // into characters (an array of every character of every description, title and label rendered).
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Adds whole quotes while they fit; returns what was added and how many were left out. */
export function withQuotes(head: string, quotes: readonly QuoteView[], max: number): { text: string; left: number } {
  let text = clip(head, max);
  let left = 0;
  for (const q of quotes) {
    const next = `${text}\n\n${blockQuote(q)}`;
    if (next.length <= max) text = next;
    else left++;
  }
  return { text, left };
}

export function sectionField(s: Section): APIEmbedField {
  const name = clip(defuse(s.heading), LIMITS.fieldName);
  const { text, left } = withQuotes(defuse(s.body), s.quotes, LIMITS.fieldValue - 40);
  return {
    name,
    value: left > 0 ? `${text}\n*(+${left} more quote${left > 1 ? 's' : ''}: ask about it with /ask)*` : text,
  };
}

/** Splits fields into pages that respect the per-page field count and total size. */
export function paginate(fields: APIEmbedField[]): APIEmbedField[][] {
  const pages: APIEmbedField[][] = [];
  let page: APIEmbedField[] = [];
  let size = 0;
  for (const f of fields) {
    const n = f.name.length + f.value.length;
    if (page.length > 0 && (page.length >= SECTIONS_PER_PAGE || size + n > PAGE_BUDGET)) {
      pages.push(page);
      page = [];
      size = 0;
    }
    page.push(f);
    size += n;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

export interface Layout {
  count: number;
  clamp(page: number): number;
  fields(page: number): APIEmbedField[];
  /** The quotes a page shows: the answer's own (first page), and its sections'. */
  quotes(page: number): QuoteView[];
}

export function layout(answer: Answer): Layout {
  const fields = answer.sections.map(sectionField);
  const sectionPages = paginate(fields);
  const offset = answer.overview ? 1 : 0;
  const count = Math.max(1, sectionPages.length + offset);
  const clamp = (page: number) => Math.min(Math.max(0, Math.trunc(Number.isFinite(page) ? page : 0)), count - 1);
  const firstSection: number[] = [];
  let n = 0;
  for (const p of sectionPages) {
    firstSection.push(n);
    n += p.length;
  }
  return {
    count,
    clamp,
    fields: (page) => sectionPages[clamp(page) - offset] ?? [],
    quotes(page) {
      const p = clamp(page);
      const own = p === 0 ? answer.quotes : [];
      const k = p - offset;
      const sections =
        k >= 0 && sectionPages[k]
          ? answer.sections.slice(firstSection[k], firstSection[k]! + sectionPages[k]!.length)
          : [];
      return [...own, ...sections.flatMap((s) => s.quotes)];
    },
  };
}

/** The quotes a given page of an answer shows. */
export function quotesOnPage(answer: Answer, page: number): QuoteView[] {
  return layout(answer).quotes(page);
}
