// /who-knew <date> — what each party knew as of the end of that day (India time), since when and
// from whom, with contested knowledge shown as contested. Autocomplete offers the key dates.
import { formatDay } from '../src/kb/dates.ts';
import { whoKnew } from '../src/answers/who-knew.ts';
import { defineCommand, OptionType } from '../src/commands/command.ts';
import { reply } from '../src/render/discord.ts';
import { fold } from '../src/search/normalize.ts';

export default defineCommand({
  data: {
    name: 'who-knew',
    description: 'What each party knew about the breach as of a given date',
    options: [
      {
        type: OptionType.String,
        name: 'date',
        description: 'A date such as 2019-09-06, 6 Sep 2019 or 06/09/2019 (day/month/year)',
        required: true,
        max_length: 60,
        autocomplete: true,
      },
    ],
  } as const,
  mainOption: 'date',
  execute(options, core) {
    const answer = whoKnew(core, options.date);
    return reply(answer, answer.token ? { token: answer.token } : {});
  },
  button(page, token, core) {
    const answer = whoKnew(core, token);
    return reply(answer, { page, token });
  },
  autocomplete(_option, value, core) {
    // Key dates: every day-precise event, labelled with what happened.
    const seen = new Set<string>();
    const choices = core.kb.events
      .filter((e) => e.date.precision === 'day')
      .sort((a, b) => a.date.start!.localeCompare(b.date.start!))
      .filter((e) => !seen.has(e.date.start!) && seen.add(e.date.start!))
      .map((e) => ({ name: `${formatDay(e.date.start!, false)} — ${e.title}`.slice(0, 100), value: e.date.start! }));
    const typed = fold(value).trim();
    const matching = typed ? choices.filter((c) => fold(`${c.name} ${c.value}`).includes(typed)) : choices;
    return matching.slice(0, 25);
  },
});
