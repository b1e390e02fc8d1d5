// What a command module under commands/ is: a default export `{ data, execute }` (plus optional
// autocomplete and button handlers), checked by a zod schema when loaded. `data` is the slash
// command definition exactly as Discord takes it, written `as const` so the option types the
// handler receives are derived from it rather than written twice.
//
// Handlers are transport-neutral: they get plain option values and return a message payload,
// so the gateway bot, the HTTP endpoint and the console all run the very same code.
import { z } from 'zod';
import type { Core } from '../answers/core.ts';
import type { Reply } from '../render/discord.ts';

/** Discord's option type numbers (ApplicationCommandOptionType) that this bot uses. */
export const OptionType = { String: 3, Integer: 4, Boolean: 5 } as const;

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

export interface Command<D extends CommandDefinition = CommandDefinition> {
  data: D;
  /** The option the console and one-shot CLI fill with the words typed after the command. */
  mainOption?: string;
  execute(options: OptionsOf<D>, core: Core): Reply;
  autocomplete?(option: string, value: string, core: Core): Choice[];
  /** A press of one of this command's buttons: custom_id `<name>:<page>:<token>`. */
  button?(page: number, token: string, core: Core): Reply;
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
  execute: fn,
  autocomplete: fn.optional(),
  button: fn.optional(),
});
