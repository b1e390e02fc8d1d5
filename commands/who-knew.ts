// /who-knew <date> — the state of knowledge at the end of that day (India time): one line per
// party, latest first, then the details with quotes, contested knowledge shown as contested.
// Autocomplete offers the key dates.
import { keyDates, whoKnew } from '../src/answers/who-knew.ts';
import { defineCommand, EVERYWHERE, OptionType, PRIVATE_OPTION } from '../src/commands/command.ts';

export default defineCommand({
  data: {
    name: 'who-knew',
    description: 'What each party knew about the breach as of a given date',
    description_localizations: { hi: 'किसी तारीख़ तक हर पक्ष को सेंध के बारे में क्या पता था' },
    options: [
      {
        type: OptionType.String,
        name: 'date',
        description: 'A date such as 2019-09-06, 6 Sep 2019 or 06/09/2019 (day/month/year)',
        description_localizations: { hi: 'तारीख़, जैसे 2019-09-06, 6 Sep 2019 या 06/09/2019 (दिन/महीना/साल)' },
        required: true,
        max_length: 60,
        autocomplete: true,
      },
      PRIVATE_OPTION,
    ],
    ...EVERYWHERE,
  } as const,
  mainOption: 'date',
  example: '/who-knew 6 Sep 2019',
  execute: (options, core) => whoKnew(core, options.date),
  pure: true,
  rebuild: (state, core) => whoKnew(core, state),
  // Key dates: every day-precise event, labelled with what happened.
  autocomplete: (_option, value, core) => keyDates(core, value, 25),
});
