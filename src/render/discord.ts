// The one render layer: an Answer becomes a Discord message payload. It keeps every message
// inside Discord's limits (content 2000; embed title 256, description 4096, 25 fields, field
// value 1024, footer 2048, 6000 in all), never cuts a quote (a quote that does not fit is left
// for the next page instead), never lets anyone be pinged, and marks invalid input ephemeral.
import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from 'discord.js';
import type { Answer, Candidate, EntryRef, QuoteView, Section, Suggestion } from '../answers/model.ts';

export const LIMITS = { content: 2000, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, embedTotal: 6000, customId: 100 } as const;
/** Discord's EPHEMERAL message flag (1 << 6). */
export const EPHEMERAL = 64;
const BUTTON = { type: 2, primaryStyle: 1, secondaryStyle: 2, actionRow: 1 } as const;
/** Sections per page: a page stays readable on a phone. */
const SECTIONS_PER_PAGE = 5;
/** Headroom under the 6000 total for the title, footer and page line. */
const PAGE_BUDGET = 5200;

export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponent>>;
  allowed_mentions: { parse: [] };
  flags?: number;
}

export const COLOURS = {
  supported: 0x2e7d32,
  contradicted: 0xc62828,
  disputed: 0xf9a825,
  unverified: 0x757575,
  answer: 0x1565c0,
  'no-answer': 0x616161,
  'invalid-input': 0xef6c00,
} as const;

const VERDICT_LABEL = { supported: '✅ Supported', contradicted: '❌ Contradicted', disputed: '⚖️ Disputed', unverified: '❔ Unverified' } as const;

export interface RenderOptions {
  /** Zero-based page of the answer's sections to show. */
  page?: number;
  /** Rebuilds the answer on a button press: `<command>:<page>:<token>` must fit 100 characters. */
  token?: string;
}

/** Mentions are also disabled by allowed_mentions; this keeps them from even looking like pings. */
export function defuse(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<@([!&]?\d+)>/g, '<@\u200b$1>');
}

export function blockQuote(q: QuoteView): string {
  const who = q.speaker ? `${q.speaker}, in ${q.sourceLabel}` : q.sourceLabel;
  return `${q.text.split('\n').map((l) => `> ${l}`).join('\n')}\n— *${who}*`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Adds whole quotes while they fit; returns what was added and how many were left out. */
function withQuotes(head: string, quotes: QuoteView[], max: number): { text: string; left: number } {
  let text = clip(head, max);
  let left = 0;
  for (const q of quotes) {
    const next = `${text}\n\n${blockQuote(q)}`;
    if (next.length <= max) text = next;
    else left++;
  }
  return { text, left };
}

function sectionField(s: Section): APIEmbedField {
  const name = clip(defuse(s.heading), LIMITS.fieldName);
  const { text, left } = withQuotes(defuse(s.body), s.quotes, LIMITS.fieldValue - 40);
  return { name, value: left > 0 ? `${text}\n*(+${left} more quote${left > 1 ? 's' : ''}: ask about it with /ask)*` : text };
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

export function render(answer: Answer, opts: RenderOptions = {}): MessagePayload {
  const colour = answer.verdict ? COLOURS[answer.verdict] : COLOURS[answer.outcome];
  const lines: string[] = [];
  if (answer.verdict) lines.push(`**${VERDICT_LABEL[answer.verdict]}**`);
  lines.push(defuse(answer.body));
  if (answer.date) lines.push(`**Date:** ${answer.date}`);
  if (answer.dateNote) lines.push(`*About the date: ${defuse(answer.dateNote)}*`);
  if (answer.suggestions.length > 0) {
    lines.push(`**Did you mean:**\n${answer.suggestions.map((s) => `• ${clip(defuse(suggestionText(s)), 100)}`).join('\n')}`);
  }
  const fields = answer.sections.map(sectionField);
  const pages = paginate(fields);
  const pageCount = Math.max(1, pages.length);
  const index = Math.min(Math.max(0, Math.trunc(opts.page ?? 0)), pageCount - 1);
  const pageFields = pages[index] ?? [];
  const pageSize = pageFields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const descriptionMax = Math.min(LIMITS.description, LIMITS.embedTotal - pageSize - 600);
  // Quotes go on the first page only; later pages carry the sections.
  const { text: description, left } = withQuotes(lines.join('\n\n'), index === 0 ? answer.quotes : [], descriptionMax);
  const sourcesShown = new Set<string>();
  for (const q of [...(index === 0 ? answer.quotes : []), ...answer.sections.flatMap((s) => s.quotes)]) sourcesShown.add(q.sourceLabel);
  const footerParts = [sourcesShown.size > 0 ? `Sources: ${[...sourcesShown].join(' · ')}` : 'Sources: two articles, The Indian Express (3 Nov 2019) and an undated New Delhi wire report'];
  if (pageCount > 1) footerParts.push(`page ${index + 1} of ${pageCount}`);
  if (left > 0) footerParts.push(`${left} more quote${left > 1 ? 's' : ''} not shown`);

  const embed: APIEmbed = {
    title: clip(defuse(answer.title), LIMITS.title),
    description,
    color: colour,
    footer: { text: clip(footerParts.join(' — '), LIMITS.footer) },
  };
  if (pageFields.length > 0) embed.fields = pageFields.slice(0, LIMITS.fields);

  const components: Array<APIActionRowComponent<APIButtonComponent>> = [];
  if (pageCount > 1 && opts.token !== undefined) {
    const id = (p: number) => clip(`${answer.command}:${p}:${opts.token}`, LIMITS.customId);
    components.push({
      type: BUTTON.actionRow,
      components: [
        { type: BUTTON.type, style: BUTTON.secondaryStyle, label: '◀', custom_id: id(index - 1), disabled: index === 0 },
        { type: BUTTON.type, style: BUTTON.secondaryStyle, label: `${index + 1} / ${pageCount}`, custom_id: `${answer.command}:noop:${index}`, disabled: true },
        { type: BUTTON.type, style: BUTTON.secondaryStyle, label: '▶', custom_id: id(index + 1), disabled: index >= pageCount - 1 },
      ],
    });
  }
  const payload: MessagePayload = { embeds: [embed], components, allowed_mentions: { parse: [] } };
  if (answer.outcome === 'invalid-input') payload.flags = EPHEMERAL;
  return payload;
}

/** A suggestion as shown: a claim always with its verdict, so a false one never reads as a topic. */
export function suggestionText(s: Suggestion): string {
  return s.verdict ? `Claim (${s.verdict}): ${s.label}` : s.label;
}

/** An error the user should see, with an id that is also in the log. */
export function renderError(errorId: string): MessagePayload {
  return {
    embeds: [{ title: 'Something went wrong', description: `Sorry — I couldn't answer that. If it keeps happening, tell a moderator the error id \`${errorId}\`.`, color: COLOURS['invalid-input'] }],
    components: [],
    allowed_mentions: { parse: [] },
    flags: EPHEMERAL,
  };
}

/** What a command hands its transport: the message, plus the outcome for logs, tests and --json. */
export interface Reply {
  outcome: Answer['outcome'];
  verdict?: NonNullable<Answer['verdict']>;
  message: MessagePayload;
  /** The entry answered from, and the search's best candidates: for logs, the curator loop and the eval. */
  entry?: EntryRef;
  candidates?: Candidate[];
  /** What a refusal offered instead, in order: the entry it showed what the articles say of, then suggestions. */
  suggestions?: Suggestion[];
  nearby?: EntryRef;
}

export function reply(answer: Answer, opts: RenderOptions = {}): Reply {
  const out: Reply = { outcome: answer.outcome, message: render(answer, opts) };
  if (answer.verdict) out.verdict = answer.verdict;
  if (answer.entry) out.entry = answer.entry;
  if (answer.candidates) out.candidates = answer.candidates;
  if (answer.suggestions.length > 0) out.suggestions = answer.suggestions;
  if (answer.nearby) out.nearby = answer.nearby;
  return out;
}
