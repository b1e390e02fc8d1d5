// Discord's interaction JSON in, the interaction callback body out — for transports that see raw
// payloads (the HTTP interactions endpoint). The gateway bot gets the same desk through
// discord.js objects instead. Discord's numbers come from src/discord-api.ts.
import { MESSAGE_ID, MESSAGE_TEXT } from '../commands/command.ts';
import type { Desk, Who } from '../desk.ts';
import { localeOf } from '../render/locale.ts';
import { CallbackType, InteractionType } from '../discord-api.ts';
import type { InteractionKind } from '../observe.ts';
import { messageJson, type MessagePayload, type ModalPayload, type Reply } from '../render/discord.ts';

export { CallbackType, InteractionType };

/** A reply as its interaction callback: a new message, the update of the pressed one, or a form. */
export function callbackFor(reply: Reply): CallbackBody {
  if (reply.mode === 'modal' && reply.modal) return { type: CallbackType.Modal, data: reply.modal };
  return {
    type: reply.mode === 'update' ? CallbackType.UpdateMessage : CallbackType.ChannelMessageWithSource,
    data: reply.message,
  };
}

/**
 * JSON.stringify(callback), and its length in UTF-8 bytes: a message made from a shared first page
 * comes from its template (render/discord.ts, messageJson) rather than a new serialisation.
 */
export function callbackJson(callback: CallbackBody): { json: string; bytes: number } {
  if (callback.type === CallbackType.ChannelMessageWithSource || callback.type === CallbackType.UpdateMessage) {
    const { json, bytes } = messageJson(callback.data);
    // `{ type, data }` in that order, as callbackFor makes it.
    const head = `{"type":${callback.type},"data":`;
    return { json: `${head}${json}}`, bytes: head.length + bytes + 1 };
  }
  const json = JSON.stringify(callback);
  return { json, bytes: Buffer.byteLength(json) };
}

export type CallbackBody =
  | { type: 1 }
  | { type: 4 | 7; data: MessagePayload }
  | { type: 9; data: ModalPayload }
  | { type: 8; data: { choices: Array<{ name: string; value: string }> } };

interface RawOption {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
  options?: RawOption[];
}

export interface RawInteraction {
  type: number;
  guild_id?: unknown;
  channel_id?: unknown;
  locale?: unknown;
  member?: { user?: { id?: unknown } };
  user?: { id?: unknown };
  message?: { id?: unknown; embeds?: unknown };
  data?: {
    name?: unknown;
    type?: unknown;
    options?: unknown;
    custom_id?: unknown;
    values?: unknown;
    components?: unknown;
    target_id?: unknown;
    resolved?: { messages?: unknown };
  };
}

/** A signed body is Discord's, but its shape is still only JSON: read strings as strings, nothing else. */
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The options that are options: `options: 0` or `[null]` must not turn into a TypeError (a 500)
 * when the rest can be answered.
 */
function optionList(options: unknown): RawOption[] {
  if (!Array.isArray(options)) return [];
  return options.filter(
    (o): o is RawOption => typeof o === 'object' && o !== null && typeof (o as RawOption).name === 'string',
  );
}

/**
 * Discord's option list as { name: value }, in an object without a prototype (an option named
 * "__proto__" or "constructor" is just an option), values only strings, numbers and booleans.
 */
export function optionValues(options: readonly RawOption[] | unknown): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const o of optionList(options)) {
    if (typeof o.value === 'string' || typeof o.value === 'number' || typeof o.value === 'boolean')
      out[o.name] = o.value;
  }
  return out;
}

export interface Responded {
  callback: CallbackBody;
  /** What the operator's log line and metrics say of it (not for a PING). */
  observed?: { command: string; kind: InteractionKind; outcome: string; text?: string };
}

/** A form's text fields by custom_id (Discord nests them in action rows, or in labels). */
export function formFields(components: unknown): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  const visit = (c: unknown, depth: number) => {
    if (depth > 3 || typeof c !== 'object' || c === null) return;
    const x = c as { custom_id?: unknown; value?: unknown; components?: unknown; component?: unknown };
    if (typeof x.custom_id === 'string' && typeof x.value === 'string') out[x.custom_id] = x.value;
    if (Array.isArray(x.components)) for (const y of x.components.slice(0, 10)) visit(y, depth + 1);
    if (x.component) visit(x.component, depth + 1);
  };
  if (Array.isArray(components)) for (const c of components.slice(0, 10)) visit(c, 0);
  return out;
}

/** A message command's target: its text and its embeds' descriptions, and its id. */
export function targetMessage(data: NonNullable<RawInteraction['data']>): Record<string, unknown> {
  const id = text(data.target_id);
  const messages = data.resolved?.messages;
  const m = id && typeof messages === 'object' && messages !== null ? (messages as Record<string, unknown>)[id] : null;
  const message = typeof m === 'object' && m !== null ? (m as { content?: unknown; embeds?: unknown }) : {};
  return messageOptions(id, text(message.content), Array.isArray(message.embeds) ? message.embeds : []);
}

/** The same options from any transport: text first, then each embed's title and description. */
export function messageOptions(id: string, content: string, embeds: readonly unknown[]): Record<string, unknown> {
  const parts = [content];
  for (const e of embeds.slice(0, 10)) {
    if (typeof e !== 'object' || e === null) continue;
    const { title, description } = e as { title?: unknown; description?: unknown };
    if (typeof title === 'string') parts.push(title);
    if (typeof description === 'string') parts.push(description);
  }
  const out = Object.create(null) as Record<string, unknown>;
  out[MESSAGE_TEXT] = parts.filter(Boolean).join('\n');
  if (id) out[MESSAGE_ID] = id;
  return out;
}

/** Who sent it, from where, and on which message (a press, a form opened from a button). */
export function whoOf(interaction: RawInteraction): Who {
  // In a server the user is under member; in DMs it is top-level.
  const userId = text(interaction.member?.user?.id) || text(interaction.user?.id);
  const guildId = text(interaction.guild_id);
  const channelId = text(interaction.channel_id);
  const message = interaction.message && typeof interaction.message === 'object' ? interaction.message : undefined;
  const messageId = text(message?.id);
  const embeds = Array.isArray(message?.embeds) ? (message.embeds as Array<{ title?: unknown }>) : [];
  const messageTitle = text(embeds[0]?.title);
  const locale = localeOf(interaction.locale);
  // Field by field rather than by spreading optional ones: one shape, fewer objects per interaction.
  const who: Who = {};
  if (locale !== 'en') who.locale = locale;
  if (userId) who.userId = userId;
  if (guildId) who.guildId = guildId;
  if (channelId) who.channelId = channelId;
  if (messageId) who.messageId = messageId;
  if (messageTitle) who.messageTitle = messageTitle;
  return who;
}

/** Answers one interaction; null when its type is not one this bot handles. */
export async function respond(desk: Desk, interaction: RawInteraction): Promise<Responded | null> {
  const who = whoOf(interaction);
  const data = interaction.data && typeof interaction.data === 'object' ? interaction.data : {};
  switch (interaction.type) {
    case InteractionType.Ping:
      return { callback: { type: CallbackType.Pong } };
    case InteractionType.ApplicationCommand: {
      const name = text(data.name);
      const options = data.type === 3 ? targetMessage(data) : optionValues(data.options);
      const reply = await desk.command(name, options, who);
      const typed = Object.values(options).find((v) => typeof v === 'string') as string | undefined;
      return {
        callback: callbackFor(reply),
        observed: { command: name, kind: 'command', outcome: reply.outcome, ...(typed ? { text: typed } : {}) },
      };
    }
    case InteractionType.MessageComponent: {
      const values = Array.isArray(data.values) ? data.values.filter((v): v is string => typeof v === 'string') : [];
      const customId = text(data.custom_id);
      const reply = await desk.press(customId, who, values);
      return {
        callback: callbackFor(reply),
        observed: { command: customId.split(':', 1)[0] ?? '', kind: 'component', outcome: reply.outcome },
      };
    }
    case InteractionType.ModalSubmit: {
      const customId = text(data.custom_id);
      const reply = await desk.submit(customId, formFields(data.components), who);
      return {
        callback: callbackFor(reply),
        observed: { command: customId.split(':', 1)[0] ?? '', kind: 'modal', outcome: reply.outcome },
      };
    }
    case InteractionType.Autocomplete: {
      const focused = optionList(data.options).find((o) => o.focused);
      const name = text(data.name);
      const choices = focused ? desk.autocomplete(name, focused.name, text(focused.value)) : [];
      return {
        callback: { type: CallbackType.AutocompleteResult, data: { choices } },
        observed: { command: name, kind: 'autocomplete', outcome: 'answer' },
      };
    }
    default:
      return null;
  }
}
