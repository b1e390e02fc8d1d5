// /who-knew <date> — what each party knew as of the end of that day (India time), since when and
// from whom, with contested knowledge shown as contested. Autocomplete offers the key dates.
import { keyDates, whoKnew } from '../src/answers/who-knew.ts';
import { defineCommand, OptionType } from '../src/commands/command.ts';
import { reply } from '../src/render/discord.ts';

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
    return keyDates(core, value, 25);
  },
});
