// "Show in context": each quote a reply shows, in the paragraph of the article it comes from, the
// quoted words in bold — so a reader can check the quote against the article themselves.
import { locateQuote } from '../kb/source-text.ts';
import { quotesOnPage } from '../render/pages.ts';
import type { Core } from './core.ts';
import type { Answer, QuoteView, Section } from './model.ts';

/** Discord markdown the article's own text must not trigger. */
const escapeMarkdown = (text: string) => text.replace(/[\\*_~|`]/g, (c) => `\\${c}`);

export function contextOf(core: Core, a: Answer, page: number, state?: string): Answer {
  // One section per paragraph, with every quote the page shows from it in bold.
  const paragraphs = new Map<
    string,
    { q: QuoteView; spans: Array<[number, number]>; start: number; end: number; raw: string }
  >();
  for (const q of quotesOnPage(a, page)) {
    const found = locate(core, q);
    if (!found) continue;
    const key = `${q.sourceId}:${found.start}`;
    const p = paragraphs.get(key) ?? { q, spans: [], ...found };
    if (!p.spans.some(([s, e]) => s === found.hit[0] && e === found.hit[1])) p.spans.push(found.hit);
    paragraphs.set(key, p);
  }
  const sections: Section[] = [...paragraphs.values()].map((p) => ({
    heading: p.q.sourceLabel,
    body: emphasised(p.raw, p.start, p.end, p.spans),
    quotes: [],
  }));
  return {
    command: a.command,
    outcome: 'answer',
    title: `In context: ${a.title}`,
    body:
      sections.length > 0
        ? 'Each quote in the paragraph of the article it comes from; the quoted words are in bold.'
        : 'This reply shows no quotes to put in context.',
    quotes: [],
    sections,
    suggestions: [],
    ...(state !== undefined ? { state: `ctx${page}|${state}` } : {}),
  };
}

/** Where a quote sits: its offsets, and the paragraph (a line of the article body) around it. */
function locate(core: Core, q: QuoteView): { hit: [number, number]; start: number; end: number; raw: string } | null {
  const text = core.kb.texts.get(q.sourceId);
  const hit = text ? locateQuote(text, q.text)[0] : undefined;
  if (!text || !hit) return null;
  const segment = text.segments.find((s) => s.start <= hit[0] && hit[1] <= s.end)!;
  const start = Math.max(segment.start, text.raw.lastIndexOf('\n', hit[0] - 1) + 1);
  const nextBreak = text.raw.indexOf('\n', hit[1]);
  const end = Math.min(segment.end, nextBreak < 0 ? text.raw.length : nextBreak);
  return { hit, start, end, raw: text.raw };
}

/** The paragraph as a block quote, the quoted spans in bold (overlapping spans merged). */
function emphasised(raw: string, start: number, end: number, spans: Array<[number, number]>): string {
  const merged: Array<[number, number]> = [];
  for (const [s, e] of [...spans].sort((x, y) => x[0] - y[0])) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  let out = '';
  let at = start;
  for (const [s, e] of merged) {
    out += escapeMarkdown(raw.slice(at, s));
    out += raw
      .slice(s, e)
      .split('\n')
      .map((l) => (l.trim() ? `**${escapeMarkdown(l)}**` : l))
      .join('\n');
    at = e;
  }
  out += escapeMarkdown(raw.slice(at, end));
  return out
    .trim()
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
}
