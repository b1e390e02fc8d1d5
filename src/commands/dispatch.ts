// Runs commands for any transport: by name with options, by a component's custom_id, or for
// autocomplete — and is the only caller of the render layer. It is synchronous and keeps no
// state a reply depends on (it remembers the answers of pure commands, which are the same for the
// same options: answer-cache.ts); what needs I/O (the cooldown, recording, a command's `load`) is
// the desk's (src/desk.ts). It decides who sees what: a reply is
// private when the user asked (`private: true`) or when it is not an answer; a press by someone
// other than the asker never changes the asker's message, it gets the same content privately.
// A handler that throws never takes the process down: the user gets a private error carrying an
// id, and the same id goes to the log with the error.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { contextOf } from '../answers/context.ts';
import type { Core } from '../answers/core.ts';
import { invalidInput, type Answer } from '../answers/model.ts';
import { reply, type RenderOptions, type Reply } from '../render/discord.ts';
import { registerHindi, type Locale } from '../render/locale.ts';
import { ANSWER_CACHE_SIZE, type AnswerCache, createAnswerCache } from './answer-cache.ts';
import type { Choice, Command, CommandContext, RecordsPolicy, Where } from './command.ts';
import { findCommand, type Commands } from './load.ts';

export interface Dispatcher {
  commands: Commands;
  /** Answers of pure commands, remembered by options (answer-cache.ts). */
  answers: AnswerCache;
  /**
   * `userId`, when known, owns the reply's buttons; `loaded` is what the command's `load` read
   * (the desk runs it first).
   */
  run(name: string, options: Record<string, unknown>, userId?: string, loaded?: unknown, locale?: Locale): Reply;
  /** A button or menu: `values` are a menu's chosen options; `where` the channel it was pressed in. */
  press(customId: string, userId?: string, values?: readonly string[], where?: Where, locale?: Locale): Reply;
  autocomplete(name: string, option: string, value: string): Choice[];
}

/** `<command>:<action>:<owner>:<state>`, as the render layer writes it. */
const CUSTOM_ID = /^([-_a-z0-9]{1,32}):([a-z]{1,12}\d{0,4}):(\d{1,20}|-):(.*)$/s;

export interface DispatcherOptions {
  /**
   * What is recorded, when anything is: then 👍 / 👎 and "Report a problem" go under answers and
   * refusals, and /about says what is kept and for how long.
   */
  records?: RecordsPolicy | null;
  /** How many answers of pure commands to remember (default ANSWER_CACHE_SIZE); 0: none. */
  answerCache?: number;
}

export function createDispatcher(
  commands: Commands,
  core: Core,
  log: Pick<Logger, 'error'>,
  opts: DispatcherOptions = {},
): Dispatcher {
  const records = opts.records ?? null;
  const answers = createAnswerCache(opts.answerCache ?? ANSWER_CACHE_SIZE);
  // /help in Hindi reads each command's own Hindi description.
  for (const c of commands.values()) {
    const hi = (c.data as { description_localizations?: { hi?: string } }).description_localizations?.hi;
    if (hi) registerHindi(c.data.description, hi);
  }
  // The reader's language for this call. run() and press() are synchronous from start to finish,
  // so the one in progress is the only one; every reply they make goes through say().
  let current: Locale | undefined;
  const say = (a: Answer, o: RenderOptions = {}, mode?: Reply['mode']): Reply =>
    reply(a, { ...o, ...(current ? { locale: current } : {}) }, mode);
  const context: CommandContext = {
    records,
    commands: [...commands.values()].map((c) => ({
      name: c.data.name,
      type: c.data.type ?? 1,
      description: c.data.description || (c.summary ?? ''),
      ...(c.example ? { example: c.example } : {}),
      options: c.data.options ?? [],
    })),
  };
  const privateNote = (command: string, title: string, body: string): Reply =>
    say({ ...invalidInput(command, body, title) }, { private: true });
  /** Feedback goes under what a member can judge: an answer from an entry, or a search's refusal. */
  const withFeedback = (a: Answer): Answer =>
    records && ((a.outcome === 'answer' && a.entry) || (a.outcome === 'no-answer' && a.candidates))
      ? {
          ...a,
          feedback: { ...(a.outcome === 'answer' && a.entry ? { entry: a.entry } : {}), version: core.kb.version },
        }
      : a;
  const fail = (err: unknown, context: Record<string, unknown>): Reply => {
    const errorId = randomUUID().slice(0, 8);
    log.error({ err, errorId, ...context }, 'command failed');
    return privateNote(
      'error',
      'Something went wrong',
      `Sorry — I couldn't answer that. If it keeps happening, tell a moderator the error id \`${errorId}\`.`,
    );
  };
  const unknown = (what: string) =>
    privateNote(
      'error',
      'Something went wrong',
      `Sorry — I couldn't answer that. If it keeps happening, tell a moderator the error id \`unknown-${what}\`.`,
    );

  /** Answers are public unless the user asked otherwise; refusals and bad input are private. */
  const visibility = (a: Answer, options: Record<string, unknown>): boolean =>
    options.private === true ||
    (options.private !== false &&
      (a.visibility === 'private' || (a.visibility === undefined && a.outcome !== 'answer')));

  const pressed = (
    command: Command,
    action: string,
    owner: string,
    state: string,
    userId: string | undefined,
    values: readonly string[],
    where: Where,
  ): Reply => {
    // Only the asker's presses change their message; anyone else gets the same content privately.
    const mine = owner === '-' || userId === undefined || owner === userId;
    // An answer rebuilt from its state; "ctx<N>|<state>" is page N of that answer, shown in context.
    const rebuild = (s: string): Answer | null | undefined => {
      const ctx = /^ctx(\d{1,4})\|(.*)$/s.exec(s);
      if (!ctx) return command.rebuild?.(s, core);
      const inner = command.rebuild?.(ctx[2]!, core);
      return inner ? contextOf(core, inner, Number(ctx[1]), ctx[2]!) : null;
    };
    const page = /^p(\d{1,4})$/.exec(action);
    if (page) {
      const a = rebuild(state);
      if (!a) return unknown('page');
      return mine
        ? say(a, { page: Number(page[1]), owner }, 'update')
        : say(a, { page: Number(page[1]), private: true, ...(userId ? { owner: userId } : {}) });
    }
    const inContext = /^ctx(\d{1,4})$/.exec(action);
    if (inContext || action === 'dated') {
      const a = command.rebuild?.(state, core);
      if (!a) return unknown('button');
      return say(inContext ? contextOf(core, a, Number(inContext[1]), state) : datingOf(a), {
        private: true,
        ...(userId ? { owner: userId } : {}),
      });
    }
    const a = command.act?.(action, state, values, core, where);
    if (!a) return unknown('button');
    // "Post publicly": a new message, public when the asker pressed it, never an edit of theirs.
    if (a.asNewMessage)
      return say(a, { private: !mine || a.visibility === 'private', ...(userId ? { owner: userId } : {}) });
    return mine ? say(a, { owner }, 'update') : say(a, { private: true, ...(userId ? { owner: userId } : {}) });
  };

  return {
    commands,
    answers,
    run(name, options, userId, loaded, locale) {
      current = locale;
      const command = findCommand(commands, name);
      if (!command) return unknown('command');
      try {
        // The feedback buttons depend only on the answer, the records policy and the knowledge
        // base's version, all fixed here: a remembered answer is remembered with them.
        const execute = () => withFeedback(command.execute(options as never, core, { ...context, loaded }));
        const a =
          command.pure && !command.load ? answers.get(command.key ?? command.data.name, options, execute) : execute();
        return say(a, { private: visibility(a, options), ...(userId ? { owner: userId } : {}) });
      } catch (err) {
        return fail(err, { command: name });
      }
    },
    press(customId, userId, values = [], where = {}, locale) {
      current = locale;
      const m = CUSTOM_ID.exec(customId);
      const command = m ? findCommand(commands, m[1]!) : undefined;
      if (!m || !command) return unknown('button');
      try {
        return pressed(
          command,
          m[2]!,
          m[3]!,
          m[4]!,
          userId,
          values.filter((v) => typeof v === 'string').slice(0, 25),
          where,
        );
      } catch (err) {
        return fail(err, { customId: customId.slice(0, 100) });
      }
    },
    autocomplete(name, option, value) {
      const command = findCommand(commands, name);
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

/** "How was this dated?": the date and how it was worked out, privately. */
function datingOf(a: Answer): Answer {
  const body = a.date
    ? `**${a.date}**${a.dateNote ? `\n\n${a.dateNote}` : '\n\nThe article states this date as it is.'}`
    : 'The articles give no date for this.';
  return { ...invalidInput(a.command, body, `How this was dated: ${a.title}`), outcome: 'answer', quotes: [] };
}
