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
} as const;

interface OptionDef {
  readonly type: number;
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

type ValueOf<T extends number> = T extends 3 ? string : T extends 4 ? number : T extends 5 ? boolean : never;

/** `{ question: string }` from `options: [{ type: 3, name: 'question', required: true }]`. */
export type OptionsOf<D extends { readonly options?: readonly OptionDef[] }> = D['options'] extends readonly OptionDef[]
  ? {
      [O in D['options'][number] as O['name']]?: ValueOf<O['type']>;
    }
  : Record<string, never>;

export interface Choice {
  name: string;
  value: string;
}

export interface CommandDefinition {
  readonly name: string;
  readonly description: string;
  readonly options?: readonly OptionDef[];
}

/** What a command may know of the others: for /help, built from the loaded modules. */
export interface CommandInfo {
  name: string;
  description: string;
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
  /** The option the console and one-shot CLI fill with the words typed after the command. */
  mainOption?: string;
  /** What to type, for /help and the console's help ("/ask who made Pegasus?"). */
  example?: string;
  execute(options: OptionsOf<D>, core: Core, context: CommandContext): Answer;
  /**
   * Reads what `execute` needs from outside the process (the database), before it runs; `execute`
   * stays pure and synchronous. Failing, the command's reply says so (execute gets `loaded: undefined`).
   */
  load?(options: OptionsOf<D>, services: Services): Promise<unknown>;
  autocomplete?(option: string, value: string, core: Core): Choice[];
  /** Rebuilds an answer from its `state`, for its pages, "Show in context" and "How was this dated?". */
  rebuild?(state: string, core: Core): Answer | null;
  /** The command's own buttons and menus (a suggestion pressed, an event picked): null if unknown. */
  act?(action: string, state: string, values: readonly string[], core: Core): Answer | null;
}

/** Typed helper so a command file gets its option types inferred from its own definition. */
export function defineCommand<const D extends CommandDefinition>(command: Command<D>): Command<D> {
  return command;
}

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function');

export const CommandModule = z.object({
  data: z
    .object({
      name: z.string().regex(/^[-_\p{Ll}\p{N}]{1,32}$/u, 'must be 1-32 lowercase letters, digits, - or _'),
      description: z.string().min(1).max(100),
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
    .passthrough(),
  mainOption: z.string().optional(),
  example: z.string().optional(),
  execute: fn,
  autocomplete: fn.optional(),
  load: fn.optional(),
  rebuild: fn.optional(),
  act: fn.optional(),
});
