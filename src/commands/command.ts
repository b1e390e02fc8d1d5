// What a command module under commands/ is: a default export `{ data, execute }` (plus optional
// autocomplete and button handlers), checked by a zod schema when loaded. `data` is the slash
// command definition exactly as Discord takes it, written `as const` so the option types the
// handler receives are derived from it rather than written twice.
//
// Handlers are transport-neutral: they get plain option values and return an Answer, which the
// dispatcher alone renders, so the gateway bot, the HTTP endpoint and the console all run the very
// same code and no handler builds a message itself.
import { z } from 'zod';
import type { Core } from '../answers/core.ts';
import type { Answer } from '../answers/model.ts';
import { OptionType } from '../discord-api.ts';

export { OptionType };

/** Every command's `private` option: the reply only the asker sees (like the utility bot's `hide`). */
export const PRIVATE_OPTION = {
  type: OptionType.Boolean,
  name: 'private',
  description: 'Only you see the reply (by default answers are public, refusals private)',
  description_localizations: { hi: 'जवाब सिर्फ़ आपको दिखे (आम तौर पर जवाब सबको, इनकार सिर्फ़ आपको)' },
} as const;

interface OptionDef {
  readonly type: number;
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

type ValueOf<T extends number> = T extends 3 ? string : T extends 4 ? number : T extends 5 ? boolean : never;

/** `{ question: string }` from `options: [{ type: 3, name: 'question', required: true }]`. */
export type OptionsOf<D extends { readonly options?: readonly OptionDef[]; readonly type?: number }> = D extends {
  readonly type: 3;
}
  ? { [MESSAGE_TEXT]?: string; [MESSAGE_ID]?: string }
  : D['options'] extends readonly OptionDef[]
    ? {
        [O in D['options'][number] as O['name']]?: ValueOf<O['type']>;
      }
    : Record<string, never>;

export interface Choice {
  name: string;
  value: string;
}

export interface CommandDefinition {
  /** 1 (default): a slash command; 3: a message command (right-click a message → Apps). */
  readonly type?: 1 | 3;
  readonly name: string;
  /** A slash command's; a message command's is empty, as Discord requires. */
  readonly description: string;
  readonly options?: readonly OptionDef[];
}

/** The options a message command's handler gets: the message's text (and its embeds' descriptions), and its id. */
export const MESSAGE_TEXT = 'message';
export const MESSAGE_ID = 'messageId';

/** Where a button was pressed: for links back to a message. */
export interface Where {
  guildId?: string;
  channelId?: string;
}

/**
 * Installable to a server (0) and to a member's own account (1); usable in servers (0), the bot's
 * DMs (1) and group DMs / other DMs (2). Spread into each command's `data` that works everywhere.
 */
export const EVERYWHERE = { integration_types: [0, 1], contexts: [0, 1, 2] } as const;

/** What a command may know of the others: for /help, built from the loaded modules. */
export interface CommandInfo {
  name: string;
  /** For /help: a message command's `summary`, since its Discord description is empty. */
  description: string;
  /** 3 for a message command. */
  type: number;
  example?: string;
  options: ReadonlyArray<{ name: string; description: string; required?: boolean }>;
}

/** What this deployment records about members, for /about (null: nothing). */
export interface RecordsPolicy {
  questionLog: boolean;
  retentionDays: number;
}

export interface CommandContext {
  commands: readonly CommandInfo[];
  records: RecordsPolicy | null;
  /** What the command's `load` returned, for this one run. */
  loaded?: unknown;
}

/** What a command's `load` may read: the curator store's report, when there is one. */
export interface Services {
  /**
   * The gap report for the last `sinceMs`, of one server's records when `guildId` is given (a
   * server's moderators see their own members' questions only); null when nothing is recorded.
   */
  gaps(sinceMs: number, guildId?: string): Promise<import('../curator/gaps.ts').GapReport | null>;
}

export interface Command<D extends CommandDefinition = CommandDefinition> {
  data: D;
  /**
   * The short name it is known by in custom_ids, the console and the CLI, when its Discord name
   * is not one ("Check against the articles" → "check"); default: data.name.
   */
  key?: string;
  /** What it does, for /help, when `data.description` is empty (message commands). */
  summary?: string;
  /** The option the console and one-shot CLI fill with the words typed after the command. */
  mainOption?: string;
  /** What to type, for /help and the console's help ("/ask who made Pegasus?"). */
  example?: string;
  execute(options: OptionsOf<D>, core: Core, context: CommandContext): Answer;
  /**
   * `execute`'s answer depends on its options, the core and the dispatcher's fixed context alone
   * (no `load`, no clock, no randomness): the dispatcher may reuse it for the same options
   * (answer-cache.ts). The reply is still rendered, and everything else done, per interaction.
   */
  pure?: boolean;
  /**
   * Reads what `execute` needs from outside the process (the database), before it runs; `execute`
   * stays pure and synchronous. Failing, the command's reply says so (execute gets `loaded: undefined`).
   */
  load?(options: OptionsOf<D>, services: Services): Promise<unknown>;
  autocomplete?(option: string, value: string, core: Core): Choice[];
  /** Rebuilds an answer from its `state`, for its pages, "Show in context" and "How was this dated?". */
  rebuild?(state: string, core: Core): Answer | null;
  /** The command's own buttons and menus (a suggestion pressed, an event picked): null if unknown. */
  act?(action: string, state: string, values: readonly string[], core: Core, where: Where): Answer | null;
}

/** Typed helper so a command file gets its option types inferred from its own definition. */
export function defineCommand<const D extends CommandDefinition>(command: Command<D>): Command<D> {
  return command;
}

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function');

const SLASH_NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

export const CommandModule = z.object({
  data: z
    .object({
      type: z.union([z.literal(1), z.literal(3)]).optional(),
      name: z.string().min(1).max(32),
      description: z.string().max(100),
      options: z
        .array(
          z
            .object({
              type: z.number().int(),
              name: z.string().regex(/^[-_\p{Ll}\p{N}]{1,32}$/u),
              description: z.string().min(1).max(100),
              max_length: z.number().int().min(1).max(6000).optional(),
            })
            .passthrough(),
        )
        .max(25)
        .optional(),
    })
    .passthrough()
    .superRefine((d, ctx) => {
      if (d.type === 3) {
        if (d.description !== '')
          ctx.addIssue({ code: 'custom', path: ['description'], message: 'must be empty for a message command' });
        if (d.options?.length)
          ctx.addIssue({ code: 'custom', path: ['options'], message: 'a message command has no options' });
      } else {
        if (!SLASH_NAME.test(d.name))
          ctx.addIssue({ code: 'custom', path: ['name'], message: 'must be 1-32 lowercase letters, digits, - or _' });
        if (d.description.length === 0)
          ctx.addIssue({ code: 'custom', path: ['description'], message: 'must not be empty' });
      }
    }),
  key: z.string().regex(SLASH_NAME).optional(),
  summary: z.string().min(1).max(200).optional(),
  mainOption: z.string().optional(),
  example: z.string().optional(),
  execute: fn,
  pure: z.boolean().optional(),
  autocomplete: fn.optional(),
  load: fn.optional(),
  rebuild: fn.optional(),
  act: fn.optional(),
});
