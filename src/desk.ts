// The desk: what every transport (gateway, HTTP endpoint, console) hands an interaction to. It
// adds to the synchronous dispatcher what needs waiting for or remembering: the per-user cooldown
// (rate-limiter-flexible, shared through PostgreSQL when there is one), a command's `load` (the
// /gaps report), the question log, and members' feedback — 👍 / 👎 and "Report a problem", whose
// presses and form it answers itself. Recording is a push onto the write queue: a reply never
// waits for the database, and a database that is down changes no reply.
import type { Logger } from 'pino';
import { exists } from './answers/ask.ts';
import type { Core } from './answers/core.ts';
import { invalidInput, type Answer, type EntryRef } from './answers/model.ts';
import type { Choice, Services } from './commands/command.ts';
import { createCooldown, type Cooldown } from './commands/cooldown.ts';
import type { Dispatcher } from './commands/dispatch.ts';
import { findCommand } from './commands/load.ts';
import type { Curator } from './curator/curator.ts';
import { askedRecord } from './curator/recorder.ts';
import { recordId } from './curator/record-id.ts';
import { cleanText } from './curator/records.ts';
import { isFeedbackId, parseFeedbackId, reportFormId } from './render/feedback-ids.ts';
import { reply, type Reply } from './render/discord.ts';
import { stringsFor, type Locale } from './render/locale.ts';

/** Who sent an interaction and from where: what the records and the cooldown need. */
export interface Who {
  userId?: string;
  guildId?: string;
  /** The message a button was pressed on (votes are one per user per message). */
  messageId?: string;
  /** That message's title, for a problem report ("the reply it concerns"). */
  messageTitle?: string;
  /** The channel it came from (a link back to a checked message). */
  channelId?: string;
  /** The member's language (Discord's `locale`): the bot's own words in Hindi for "hi". */
  locale?: Locale;
}

export interface Desk {
  dispatcher: Dispatcher;
  command(name: string, options: Record<string, unknown>, who?: Who): Promise<Reply>;
  press(customId: string, who?: Who, values?: readonly string[]): Promise<Reply>;
  /** A form sent back (Discord's modal submit): its text fields by custom_id. */
  submit(customId: string, fields: Readonly<Record<string, string>>, who?: Who): Promise<Reply>;
  autocomplete(name: string, option: string, value: string): Choice[];
}

export interface DeskOptions {
  dispatcher: Dispatcher;
  core: Core;
  log: Pick<Logger, 'warn' | 'error'>;
  cooldown?: Cooldown;
  /** Where records go; null: nothing is recorded (and no feedback buttons are shown). */
  curator?: Curator | null;
}

/** Mostly Devanagari letters (Hinglish, in Latin letters, is read but answered in the client's language). */
function writtenInHindi(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  // Counted in one pass, not with two global matches: those made an array of every letter of
  // every question asked.
  let devanagari = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0900 && c <= 0x097f) devanagari++;
    else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) latin++;
  }
  return devanagari > 0 && devanagari >= latin;
}

/** The problem-report form's text field. */
export const REPORT_FIELD = 'what';
const REPORT_MAX = 1_000;

const note = (title: string, body: string, locale?: Locale): Reply =>
  reply(
    { ...invalidInput('feedback', body, title), aboutTheArticles: false },
    { private: true, ...(locale ? { locale } : {}) },
  );
const thanks = (title: string, body: string, locale?: Locale): Reply =>
  reply({ ...invalidInput('feedback', body, title), outcome: 'answer', aboutTheArticles: false } satisfies Answer, {
    private: true,
    ...(locale ? { locale } : {}),
  });

export function createDesk({ dispatcher, core, log, cooldown = createCooldown(), curator = null }: DeskOptions): Desk {
  const services: Services = {
    gaps: (sinceMs, guildId) => (curator ? curator.gaps(sinceMs, guildId) : Promise.resolve(null)),
  };

  const slowDown = async ({ userId, locale }: Who): Promise<Reply | null> => {
    const wait = userId ? await cooldown.take(userId) : 0;
    if (wait <= 0) return null;
    return reply(
      invalidInput(
        'cooldown',
        `You're asking faster than I can keep the channel readable. Please try again in ${Math.ceil(wait / 1000)} s.`,
        'One moment, please',
      ),
      { private: true, ...(locale ? { locale } : {}) },
    );
  };

  const stale = (locale?: Locale) =>
    note(
      'That button is out of date',
      "I couldn't tell which answer this was about — it may come from an older version of the bot. Ask again and use the buttons under the new reply.",
      locale,
    );

  function feedback(customId: string, who: Who): Reply {
    const { locale } = who;
    const f = parseFeedbackId(customId);
    if (!f || (f.entry && !exists(core, f.entry.kind, f.entry.id))) return stale(locale);
    if (!curator) return note('Feedback is not recorded here', 'This copy of the bot keeps no feedback.', locale);
    if (f.action === 'up' || f.action === 'down') {
      const entry = f.entry as EntryRef;
      curator.record({
        type: 'vote',
        at: Date.now(),
        kbVersion: f.version,
        messageId: who.messageId ?? `local:${entry.kind}:${entry.id}`,
        vote: f.action === 'up' ? 1 : -1,
        entry,
        ...(who.guildId ? { guildId: who.guildId } : {}),
        ...(who.userId ? { userId: who.userId } : {}),
      });
      return f.action === 'up'
        ? thanks(
            'Thanks — noted as helpful',
            'Your vote is recorded for the curators. Pressing 👎 instead changes it.',
            locale,
          )
        : thanks(
            'Thanks — noted as not right',
            'Your vote is recorded for the curators. If you can say what is wrong, press **Report a problem**: a wrong quote, a wrong verdict or a missing fact helps most.',
            locale,
          );
    }
    if (f.action === 'open') {
      const L = stringsFor(locale);
      const form = {
        custom_id: reportFormId(f.entry, f.version),
        title: L.form.title,
        components: [
          {
            type: 1 as const,
            components: [
              {
                type: 4 as const,
                custom_id: REPORT_FIELD,
                label: L.form.label,
                style: 2 as const,
                min_length: 3,
                max_length: REPORT_MAX,
                required: true,
                placeholder: L.form.placeholder,
              },
            ],
          },
        ],
      };
      const prompt = note(
        'Report a problem',
        'What is wrong? A wrong quote, a wrong verdict, a missing fact… and what the articles say instead.',
        locale,
      );
      return { ...prompt, mode: 'modal', modal: form };
    }
    return stale(locale);
  }

  return {
    dispatcher,
    async command(name, options, given = {}) {
      const command = findCommand(dispatcher.commands, name);
      // A question typed in Devanagari is answered in Hindi whatever the client's language.
      const typed = command?.mainOption ? options[command.mainOption] : undefined;
      const who: Who = !given.locale && writtenInHindi(typed) ? { ...given, locale: 'hi' } : given;
      const limited = await slowDown(who);
      if (limited) return limited;
      let loaded: unknown;
      if (command?.load) {
        try {
          loaded = await command.load(options as never, { gaps: (ms) => services.gaps(ms, who.guildId) });
        } catch (err) {
          log.warn(
            { err: (err as Error)?.message ?? String(err), command: name },
            'could not read what the command needs',
          );
        }
      }
      const r = dispatcher.run(name, options, who.userId, loaded, who.locale);
      if (curator?.questionLog && command?.mainOption) {
        const record = askedRecord({
          command: name,
          text: options[command.mainOption],
          reply: r,
          kbVersion: core.kb.version,
          ...(who.guildId ? { guildId: who.guildId } : {}),
          ...(who.userId ? { userId: who.userId } : {}),
        });
        if (record) curator.record(record);
      }
      return r;
    },
    async press(customId, who = {}, values = []) {
      const limited = await slowDown(who);
      if (limited) return limited;
      if (typeof customId === 'string' && isFeedbackId(customId)) return feedback(customId, who);
      return dispatcher.press(
        customId,
        who.userId,
        values,
        {
          ...(who.guildId ? { guildId: who.guildId } : {}),
          ...(who.channelId ? { channelId: who.channelId } : {}),
        },
        who.locale,
      );
    },
    async submit(customId, fields, who = {}) {
      const limited = await slowDown(who);
      if (limited) return limited;
      const f = typeof customId === 'string' ? parseFeedbackId(customId) : null;
      if (f?.action !== 'send' || (f.entry && !exists(core, f.entry.kind, f.entry.id))) return stale(who.locale);
      const text = cleanText(typeof fields[REPORT_FIELD] === 'string' ? fields[REPORT_FIELD] : '', REPORT_MAX);
      if (text.length < 3)
        return note(
          'The report was empty',
          'Please say in a few words what is wrong, then send the form again.',
          who.locale,
        );
      if (!curator) return note('Reports are not recorded here', 'This copy of the bot keeps no reports.', who.locale);
      const at = Date.now();
      const report = {
        type: 'report' as const,
        id: recordId(at),
        at,
        kbVersion: f.version,
        text,
        ...(f.entry ? { entry: f.entry } : {}),
        ...(who.messageId ? { messageId: who.messageId } : {}),
        ...(who.messageTitle ? { replyTitle: cleanText(who.messageTitle, 256) } : {}),
        ...(who.guildId ? { guildId: who.guildId } : {}),
        ...(who.userId ? { userId: who.userId } : {}),
      };
      curator.record(report);
      const posted = curator.postReport(report);
      return thanks(
        'Thanks — your report is recorded',
        `Curators read every report${posted ? ', and the moderators have been sent this one' : ''}. The fix goes into the knowledge base, with its quote.`,
        who.locale,
      );
    },
    autocomplete: (name, option, value) => dispatcher.autocomplete(name, option, value),
  };
}
