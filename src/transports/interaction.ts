// Discord's interaction JSON in, the interaction callback body out — for transports that see raw
// payloads (the HTTP interactions endpoint). The gateway bot gets the same dispatcher through
// discord.js objects instead. Discord's numbers come from src/discord-api.ts.
import type { Dispatcher } from '../commands/dispatch.ts';
import { CallbackType, InteractionType } from '../discord-api.ts';
import type { MessagePayload, Reply } from '../render/discord.ts';

export { CallbackType, InteractionType };

/** A reply as its interaction callback: a new message, or the update of the pressed one. */
export function callbackFor(reply: Reply): CallbackBody {
  return { type: reply.mode === 'update' ? CallbackType.UpdateMessage : CallbackType.ChannelMessageWithSource, data: reply.message };
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

interface RawInteraction {
  type: number;
  member?: { user?: { id?: string } };
  user?: { id?: string };
  data?: { name?: string; options?: RawOption[]; custom_id?: string; values?: unknown };
}

/**
 * The options that are options: a signed body is Discord's, but its shape is still only JSON, and
 * `options: 0` or `[null]` must not turn into a TypeError (a 500) when the rest can be answered.
 */
function optionList(options: unknown): RawOption[] {
  if (!Array.isArray(options)) return [];
  return options.filter((o): o is RawOption => typeof o === 'object' && o !== null && typeof (o as RawOption).name === 'string');
}

/** Flattens Discord's option list into { name: value } (sub-commands are not used by this bot). */
export function optionValues(options: readonly RawOption[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of optionList(options)) if (o.value !== undefined) out[o.name] = o.value;
  return out;
}

/** Answers one interaction; null when its type is not one this bot handles. */
export function respond(dispatcher: Dispatcher, interaction: RawInteraction): CallbackBody | null {
  // In a server the user is under member; in DMs it is top-level.
  const userId = interaction.member?.user?.id ?? interaction.user?.id;
  switch (interaction.type) {
    case InteractionType.Ping:
      return { type: CallbackType.Pong };
    case InteractionType.ApplicationCommand: {
      return callbackFor(dispatcher.run(String(interaction.data?.name ?? ''), optionValues(interaction.data?.options), userId));
    }
    case InteractionType.MessageComponent: {
      const values = Array.isArray(interaction.data?.values) ? interaction.data.values.filter((v): v is string => typeof v === 'string') : [];
      return callbackFor(dispatcher.press(String(interaction.data?.custom_id ?? ''), userId, values));
    }
    case InteractionType.Autocomplete: {
      const focused = optionList(interaction.data?.options).find((o) => o.focused);
      const choices = focused ? dispatcher.autocomplete(String(interaction.data?.name ?? ''), focused.name, String(focused.value ?? '')) : [];
      return { type: CallbackType.AutocompleteResult, data: { choices } };
    }
    default:
      return null;
  }
}
