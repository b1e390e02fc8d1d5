// Runs commands for any transport: by name with options, by button custom_id, or for
// autocomplete. A handler that throws never takes the process down: the user gets an ephemeral
// error carrying an id, and the same id goes to the log with the error.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Core } from '../answers/core.ts';
import { renderError, type Reply } from '../render/discord.ts';
import type { Choice } from './command.ts';
import type { Commands } from './load.ts';
import { createCooldown, type Cooldown } from './cooldown.ts';

export interface Dispatcher {
  commands: Commands;
  /** `userId`, when known, is subject to the per-user cooldown. */
  run(name: string, options: Record<string, unknown>, userId?: string): Reply;
  press(customId: string, userId?: string): Reply;
  autocomplete(name: string, option: string, value: string): Choice[];
}

export function createDispatcher(commands: Commands, core: Core, log: Pick<Logger, 'error'>, cooldown: Cooldown = createCooldown()): Dispatcher {
  const slowDown = (userId: string | undefined): Reply | null => {
    const wait = userId ? cooldown.take(userId) : 0;
    if (wait <= 0) return null;
    return {
      outcome: 'invalid-input',
      message: {
        embeds: [{ title: 'One moment, please', description: `You're asking faster than I can keep the channel readable. Please try again in ${Math.ceil(wait / 1000)} s.`, color: 0xef6c00 }],
        components: [],
        allowed_mentions: { parse: [] },
        flags: 64,
      },
    };
  };
  const fail = (err: unknown, context: Record<string, unknown>): Reply => {
    const errorId = randomUUID().slice(0, 8);
    log.error({ err, errorId, ...context }, 'command failed');
    return { outcome: 'invalid-input', message: renderError(errorId) };
  };
  const unknown = (what: string): Reply => ({
    outcome: 'invalid-input',
    message: renderError(`unknown-${what}`.slice(0, 40)),
  });
  return {
    commands,
    run(name, options, userId) {
      const command = commands.get(name);
      if (!command) return unknown('command');
      const limited = slowDown(userId);
      if (limited) return limited;
      try {
        return command.execute(options as never, core);
      } catch (err) {
        return fail(err, { command: name });
      }
    },
    press(customId, userId) {
      // custom_id: <command>:<page>:<token>; the token carries the state, so any process can answer.
      const m = /^([-_a-z0-9]+):(\d+):(.*)$/s.exec(customId);
      const command = m ? commands.get(m[1]!) : undefined;
      if (!m || !command?.button) return unknown('button');
      const limited = slowDown(userId);
      if (limited) return limited;
      try {
        return command.button(Number(m[2]), m[3]!, core);
      } catch (err) {
        return fail(err, { customId });
      }
    },
    autocomplete(name, option, value) {
      const command = commands.get(name);
      if (!command?.autocomplete) return [];
      try {
        return command.autocomplete(option, typeof value === 'string' ? value : '', core).slice(0, 25);
      } catch (err) {
        fail(err, { command: name, option });
        return [];
      }
    },
  };
}
