// The one render layer: an Answer becomes a Discord message payload. It keeps every message inside
// Discord's limits (src/discord-api.ts), never cuts a quote (a quote that does not fit goes to the
// next page instead), never lets anyone be pinged, and lays out what a skimming reader sees first:
// the title and the first line (a claim review leads with the user's claim and the verdict).
// Buttons and menus carry their whole state in their custom_id: `<command>:<action>:<owner>:<state>`,
// `owner` being the user who asked ("-" when unknown), so any process can answer a press and only
// the asker's presses change their message.
import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIStringSelectComponent,
} from 'discord-api-types/v10';
import type { Answer, Candidate, EntryRef, Menu, Suggestion } from '../answers/model.ts';
import { ButtonStyle, ComponentType, LIMITS, MessageFlags } from '../discord-api.ts';
import { feedbackIds } from './feedback-ids.ts';
import { stringsFor, type Locale, type Strings } from './locale.ts';
import { clip, defuse, layout, withQuotes, type Layout } from './pages.ts';

export { blockQuote, clip, defuse, paginate } from './pages.ts';

export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
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

export const VERDICT_LABEL = {
  supported: '✅ Supported',
  contradicted: '❌ Contradicted',
  disputed: '⚖️ Disputed',
  unverified: '❔ Unverified',
} as const;

export interface RenderOptions {
  /** The reader's language for the bot's own words (quotes and curated text stay English). */
  locale?: Locale;
  /** Zero-based page. */
  page?: number;
  /** The user who asked, for the custom_ids of the reply's buttons ("-" or absent: anyone). */
  owner?: string;
  /** Only the asker sees it (Discord's ephemeral flag). */
  private?: boolean;
}

/** A suggestion as shown: a claim always with its verdict, so a false one never reads as a topic. */
export function suggestionText(s: Suggestion, L: Strings = stringsFor('en')): string {
  return s.verdict ? `${L.claim(s.verdict)}: ${s.label}` : s.label;
}

/** The answer with the bot's fixed words in the reader's language; curated text is left as it is. */
function localized(answer: Answer, L: Strings): Answer {
  if (L === stringsFor('en')) return answer;
  const verdictLead = /^(✅ Supported|❌ Contradicted|⚖️ Disputed|❔ Unverified)( — .*)$/s;
  const english = stringsFor('en').verdict;
  const heading = (h: string) => {
    const m = verdictLead.exec(h);
    if (!m) return L.text(h);
    const v = (Object.keys(english) as Array<keyof typeof english>).find((k) => english[k] === m[1])!;
    return `${L.verdict[v]}${m[2]}`;
  };
  return {
    ...answer,
    title: L.text(answer.title),
    // Line by line: a fixed first line ("20 events in date order…") before curated lines.
    body: answer.body
      .split('\n')
      .map((line) => L.text(line))
      .join('\n'),
    sections: answer.sections.map((s) => ({ ...s, heading: heading(s.heading) })),
    ...(answer.buttons ? { buttons: answer.buttons.map((b) => ({ ...b, label: L.text(b.label) })) } : {}),
  };
}

/** The custom_id of one of a reply's components, or null when it would not fit Discord's 100. */
export function customId(command: string, action: string, owner: string | undefined, state: string): string | null {
  const id = `${command}:${action}:${owner || '-'}:${state}`;
  return id.length <= LIMITS.customId ? id : null;
}

/** A title a reader sees at a glance: one line, no markdown, no pings. */
function titleOf(answer: Answer, L: Strings): string {
  const text = answer.review ? `${L === stringsFor('hi') ? 'दावा' : 'Claim'}: ${answer.review.claim}` : answer.title;
  return clip(
    defuse(
      text
        .replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
    LIMITS.title,
  );
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The description's opening lines, before the body. */
function leadOf(answer: Answer, L: Strings): string[] {
  const lines: string[] = [];
  if (answer.verdict) lines.push(`**${L.verdict[answer.verdict]}**`);
  const r = answer.review;
  if (r?.checkedAgainst && fold(r.checkedAgainst) !== fold(r.claim))
    lines.push(`${L.checkedAgainst}: “${defuse(r.checkedAgainst)}”`);
  if (r?.reversed) lines.push(L.reversed);
  return lines.length > 0 ? [lines.join('\n')] : [];
}

/** The date line, and how it was worked out, when the question was about a date. */
function dateLines(answer: Answer, L: Strings): string[] {
  if (!answer.dateAsked) return [];
  return [
    ...(answer.date ? [`**${L.date}:** ${L.dateText(answer.date)}`] : []),
    ...(answer.dateNote ? [`*${L.aboutTheDate}: ${defuse(answer.dateNote)}*`] : []),
  ];
}

/** What an answer shows on one page, whoever asked: everything of a message but its components. */
interface Laid {
  /** The answer with the bot's words in the reader's language. */
  answer: Answer;
  embed: APIEmbed;
  index: number;
  pageCount: number;
  hasQuotes: boolean;
}

/** A shared first page (firstPageOf): its layout, and its message's JSON as templates (see jsonTemplate). */
interface View extends Laid {
  strings: Strings;
  /** By private flag and the owner's length: the JSON split where the owner goes, or null. */
  templates: Map<string, Template | null>;
}

interface Template {
  parts: string[];
  /** UTF-8 bytes of the parts together. */
  bytes: number;
}

/**
 * Answers that can no longer change (frozen: the answer cache's, shared by every member who asks
 * the same) are laid out once per language, on their first page — the one a command's reply
 * shows (later pages are answers rebuilt from a button's state). The layout is everyone's: only
 * the buttons carry who asked, and they are made for each reply.
 */
const laidOut = new WeakMap<Answer, Map<string, View>>();

function layOut(original: Answer, L: Strings, page: number): Laid {
  const answer = localized(original, L);
  const colour = answer.verdict ? COLOURS[answer.verdict] : COLOURS[answer.outcome];
  const pages: Layout = layout(answer);
  const pageCount = pages.count;
  const index = pages.clamp(page);
  const pageFields = pages.fields(index);
  const pageSize = pageFields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const descriptionMax = Math.min(LIMITS.description, LIMITS.embedTotal - pageSize - 600);

  const first = index === 0;
  const lines = [...leadOf(answer, L)];
  lines.push(first || !answer.overview ? defuse(answer.body) : `Details, page ${index + 1} of ${pageCount}.`);
  lines.push(...dateLines(answer, L));
  if (answer.suggestions.length > 0) lines.push(L.didYouMean);
  // Quotes go on the first page only; later pages carry the sections.
  const { text: description, left } = withQuotes(
    lines.filter(Boolean).join('\n\n'),
    first ? answer.quotes : [],
    descriptionMax,
  );
  const shownQuotes = pages.quotes(index);
  const sourcesShown = new Set(shownQuotes.map((q) => q.sourceLabel));
  const footerParts = [
    sourcesShown.size > 0
      ? `${L.sources}: ${[...sourcesShown].join(' · ')}`
      : answer.aboutTheArticles === false
        ? ''
        : L.defaultSources,
  ].filter(Boolean);
  if (sourcesShown.size > 0 && L.quotesNote) footerParts.push(L.quotesNote);
  if (pageCount > 1) footerParts.push(L.page(index + 1, pageCount));
  if (left > 0) footerParts.push(L.moreQuotes(left));

  const embed: APIEmbed = {
    title: titleOf(answer, L),
    description,
    color: colour,
  };
  if (footerParts.length > 0) embed.footer = { text: clip(footerParts.join(' — '), LIMITS.footer) };
  if (pageFields.length > 0) embed.fields = pageFields.slice(0, LIMITS.fields);
  return { answer, embed, index, pageCount, hasQuotes: shownQuotes.length > 0 };
}

function firstPageOf(original: Answer, L: Strings, locale: string): View {
  let views = laidOut.get(original);
  if (!views) laidOut.set(original, (views = new Map()));
  let view = views.get(locale);
  if (!view) {
    const laid = layOut(original, L, 0);
    // Shared by every reply made from it, like the answer: frozen, so none can change another.
    for (const f of laid.embed.fields ?? []) Object.freeze(f);
    Object.freeze(laid.embed.fields);
    Object.freeze(laid.embed.footer);
    Object.freeze(laid.embed);
    view = { ...laid, strings: L, templates: new Map() };
    views.set(locale, view);
  }
  return view;
}

function payloadOf(laid: Laid, owner: string | undefined, hidden: boolean | undefined, L: Strings): MessagePayload {
  const { answer, embed, index, pageCount, hasQuotes } = laid;
  const components = componentsOf(answer, owner, index, pageCount, hasQuotes, L);
  const payload: MessagePayload = { embeds: [embed], components, allowed_mentions: { parse: [] } };
  if (hidden) payload.flags = MessageFlags.Ephemeral;
  return payload;
}

/**
 * Messages made from a shared first page, with what their JSON is made of: that JSON is the
 * view's template with the owner put in (messageJson), not a new serialisation of the whole
 * message for each reply. A rendered message is never changed afterwards (no code does: an update's
 * visibility is decided before it is rendered), so its template says what it is. Freezing each one,
 * deep, to make sure would cost more than serialising it (~10 µs for a reply's dozen objects).
 */
const fromView = new WeakMap<MessagePayload, { view: View; owner: string; hidden: boolean }>();

export function render(original: Answer, opts: RenderOptions = {}): MessagePayload {
  const L = stringsFor(opts.locale);
  const page = opts.page ?? 0;
  if (page === 0 && Object.isFrozen(original)) {
    const view = firstPageOf(original, L, opts.locale ?? 'en');
    const payload = payloadOf(view, opts.owner, opts.private, L);
    fromView.set(payload, { view, owner: opts.owner || '-', hidden: opts.private === true });
    return payload;
  }
  return payloadOf(layOut(original, L, page), opts.owner, opts.private, L);
}

/**
 * A view's message JSON for owners of one length, split where the owner goes: the owner appears in
 * the custom_ids only, and what fits Discord's 100 characters there depends on its length alone.
 * Made from a placeholder owner of that length and checked against a second one: when the
 * placeholder's characters occur elsewhere in the message, joining with the second would differ
 * from the message made for it, and there is no template (the message is serialised as usual).
 */
function jsonTemplate(view: View, ownerLength: number, hidden: boolean): Template | null {
  const key = `${hidden ? 'p' : 'c'}${ownerLength}`;
  let t = view.templates.get(key);
  if (t === undefined) {
    const a = '\uffff'.repeat(ownerLength);
    const b = '\ufffe'.repeat(ownerLength);
    const parts = JSON.stringify(payloadOf(view, a, hidden, view.strings)).split(a);
    const ok = parts.join(b) === JSON.stringify(payloadOf(view, b, hidden, view.strings));
    t = ok ? { parts, bytes: parts.reduce((n, p) => n + Buffer.byteLength(p), 0) } : null;
    // A handful per view (an owner is a snowflake of 17-20 digits, or "-"); bounded all the same.
    if (view.templates.size < 16) view.templates.set(key, t);
  }
  return t;
}

/** Characters an owner may have to be put into JSON as they are. */
const PLAIN_OWNER = /^[-\w]*$/;

/**
 * JSON.stringify(message), and its length in UTF-8 bytes: from its view's template when the
 * message was made from a shared first page, else serialised.
 */
export function messageJson(message: MessagePayload): { json: string; bytes: number } {
  const known = fromView.get(message);
  const t = known ? jsonTemplate(known.view, known.owner.length, known.hidden) : null;
  if (!known || !t) {
    const json = JSON.stringify(message);
    return { json, bytes: Buffer.byteLength(json) };
  }
  const owner = PLAIN_OWNER.test(known.owner) ? known.owner : JSON.stringify(known.owner).slice(1, -1);
  const json = t.parts.length === 1 ? t.parts[0]! : t.parts.join(owner);
  return { json, bytes: t.bytes + (t.parts.length - 1) * Buffer.byteLength(owner) };
}

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A Discord form (interaction callback type 9): a title and text fields. */
export interface ModalPayload {
  custom_id: string;
  title: string;
  components: Array<{
    type: 1;
    components: Array<{
      type: 4;
      custom_id: string;
      label: string;
      style: 1 | 2;
      min_length?: number;
      max_length?: number;
      required?: boolean;
      placeholder?: string;
    }>;
  }>;
}

function button(
  label: string,
  id: string | null,
  style: number = ButtonStyle.Secondary,
  disabled = false,
): APIButtonComponent | null {
  if (!id) return null;
  return {
    type: ComponentType.Button,
    style,
    label: clip(label, LIMITS.buttonLabel),
    custom_id: id,
    disabled,
  } as APIButtonComponent;
}

function row(components: Array<APIButtonComponent | APIStringSelectComponent | null>): Row | null {
  const list = components
    .filter((c): c is APIButtonComponent | APIStringSelectComponent => c !== null)
    .slice(0, LIMITS.buttonsPerRow);
  return list.length > 0 ? ({ type: ComponentType.ActionRow, components: list } as Row) : null;
}

function componentsOf(
  answer: Answer,
  owner: string | undefined,
  index: number,
  pageCount: number,
  hasQuotes: boolean,
  L: Strings,
): Row[] {
  const { command, state } = answer;
  const rows: Array<Row | null> = [];
  if (pageCount > 1 && state !== undefined) {
    rows.push(
      row([
        index > 0 ? button('◀', customId(command, `p${index - 1}`, owner, state)) : null,
        button(`${index + 1} / ${pageCount}`, customId(command, `n${index}`, owner, ''), ButtonStyle.Secondary, true),
        index < pageCount - 1 ? button('▶', customId(command, `p${index + 1}`, owner, state)) : null,
      ]),
    );
  }
  if (state !== undefined) {
    rows.push(
      row([
        hasQuotes ? button(L.buttons.context, customId(command, `ctx${index}`, owner, state)) : null,
        answer.dateNote && !answer.dateAsked ? button(L.buttons.dated, customId(command, 'dated', owner, state)) : null,
      ]),
    );
  }
  if (answer.buttons?.length)
    rows.push(row(answer.buttons.map((b) => button(b.label, customId(command, b.action, owner, b.state)))));
  if (answer.suggestions.length > 0) {
    rows.push(
      row(
        answer.suggestions
          .slice(0, LIMITS.buttonsPerRow)
          .map((s) =>
            button(suggestionText(s, L), customId(command, 'go', owner, `${s.kind}:${s.id}`), ButtonStyle.Primary),
          ),
      ),
    );
  }
  for (const m of answer.menus ?? []) rows.push(menuRow(command, owner, state ?? '', m));
  const kept = rows.filter((r): r is Row => r !== null).slice(0, LIMITS.rows);
  // Feedback comes last, where a reader who finished the answer looks, and only if there is room.
  const feedback = answer.feedback ? feedbackRow(answer.feedback, answer.outcome === 'answer', L) : null;
  if (feedback && kept.length < LIMITS.rows) kept.push(feedback);
  return kept;
}

/** 👍 / 👎 on an answer, and "Report a problem" on an answer or a refusal (a missing fact). */
function feedbackRow(f: NonNullable<Answer['feedback']>, answered: boolean, L: Strings): Row | null {
  const ids = feedbackIds(f.entry, f.version);
  return row([
    answered && ids.up ? button(L.buttons.helpful, ids.up) : null,
    answered && ids.down ? button(L.buttons.notRight, ids.down) : null,
    button(L.buttons.report, ids.report),
  ]);
}

function menuRow(command: string, owner: string | undefined, state: string, m: Menu): Row | null {
  const id = customId(command, m.action, owner, state);
  const options = m.options.slice(0, LIMITS.selectOptions).map((o) => ({
    label: clip(o.label, LIMITS.selectLabel),
    value: o.value.slice(0, LIMITS.selectValue),
    ...(o.description ? { description: clip(o.description, LIMITS.selectDescription) } : {}),
  }));
  if (!id || options.length === 0) return null;
  return row([
    {
      type: ComponentType.StringSelect,
      custom_id: id,
      placeholder: clip(m.placeholder, LIMITS.selectPlaceholder),
      options,
      min_values: 1,
      max_values: 1,
    } as APIStringSelectComponent,
  ]);
}

/** What a command hands its transport: how to send it, the message, and what it was, for logs, tests and --json. */
export interface Reply {
  /**
   * A new message, the replacement of the message whose button or menu was used, or a form
   * (`modal`, e.g. "Report a problem") — its `message` then says the same in words for text transports.
   */
  mode: 'reply' | 'update' | 'modal';
  modal?: ModalPayload;
  outcome: Answer['outcome'];
  verdict?: NonNullable<Answer['verdict']>;
  message: MessagePayload;
  /** The entry answered from, and the search's best candidates: for logs, the curator loop and the eval. */
  entry?: EntryRef;
  candidates?: Candidate[];
  confidence?: number;
  /** What a refusal offered instead, in order: the entry it showed what the articles say of, then suggestions. */
  suggestions?: Suggestion[];
  nearby?: EntryRef;
}

export function reply(answer: Answer, opts: RenderOptions = {}, mode: Reply['mode'] = 'reply'): Reply {
  // An edited message keeps its visibility: an update carries no flags.
  const out: Reply = {
    mode,
    outcome: answer.outcome,
    message: render(answer, mode === 'update' && opts.private ? { ...opts, private: false } : opts),
  };
  if (answer.verdict) out.verdict = answer.verdict;
  if (answer.entry) out.entry = answer.entry;
  if (answer.candidates) out.candidates = answer.candidates;
  if (answer.confidence !== undefined) out.confidence = answer.confidence;
  if (answer.suggestions.length > 0) out.suggestions = answer.suggestions;
  if (answer.nearby) out.nearby = answer.nearby;
  return out;
}
