// Discord's interaction JSON in, the interaction callback body out — for transports that see raw
// payloads (the HTTP interactions endpoint). The gateway bot gets the same dispatcher through
// discord.js objects instead. Discord's numbers come from src/discord-api.ts.
import type { Dispatcher } from '../commands/dispatch.ts';
import { CallbackType, InteractionType } from '../discord-api.ts';
import type { InteractionKind } from '../observe.ts';
import type { MessagePayload, Reply } from '../render/discord.ts';

export { CallbackType, InteractionType };

/** A reply as its interaction callback: a new message, or the update of the pressed one. */
export function callbackFor(reply: Reply): CallbackBody {
  return {
    type: reply.mode === 'update' ? CallbackType.UpdateMessage : CallbackType.ChannelMessageWithSource,
    data: reply.message,
  };
}

export type CallbackBody =
  | { type: 1 }
  | { type: 4 | 7; data: MessagePayload }
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
  member?: { user?: { id?: unknown } };
  user?: { id?: unknown };
  data?: { name?: unknown; options?: unknown; custom_id?: unknown; values?: unknown };
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

/** Answers one interaction; null when its type is not one this bot handles. */
export function respond(dispatcher: Dispatcher, interaction: RawInteraction): Responded | null {
  // In a server the user is under member; in DMs it is top-level.
  const userId = text(interaction.member?.user?.id) || text(interaction.user?.id) || undefined;
  const data = interaction.data && typeof interaction.data === 'object' ? interaction.data : {};
  switch (interaction.type) {
    case InteractionType.Ping:
      return { callback: { type: CallbackType.Pong } };
    case InteractionType.ApplicationCommand: {
      const name = text(data.name);
      const options = optionValues(data.options);
      const reply = dispatcher.run(name, options, userId);
      const typed = Object.values(options).find((v) => typeof v === 'string') as string | undefined;
      return {
        callback: callbackFor(reply),
        observed: { command: name, kind: 'command', outcome: reply.outcome, ...(typed ? { text: typed } : {}) },
      };
    }
    case InteractionType.MessageComponent: {
      const values = Array.isArray(data.values) ? data.values.filter((v): v is string => typeof v === 'string') : [];
      const customId = text(data.custom_id);
      const reply = dispatcher.press(customId, userId, values);
      return {
        callback: callbackFor(reply),
        observed: { command: customId.split(':', 1)[0] ?? '', kind: 'component', outcome: reply.outcome },
      };
    }
    case InteractionType.Autocomplete: {
      const focused = optionList(data.options).find((o) => o.focused);
      const name = text(data.name);
      const choices = focused ? dispatcher.autocomplete(name, focused.name, text(focused.value)) : [];
      return {
        callback: { type: CallbackType.AutocompleteResult, data: { choices } },
        observed: { command: name, kind: 'autocomplete', outcome: 'answer' },
      };
    }
    default:
      return null;
  }
}
