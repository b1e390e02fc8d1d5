// /timeline [from] [to] [party] — the events in date order: page 1 an overview (one line an event)
// with menus to open one event or keep one party's, then the details with quotes, page by page.
// Every button and menu carries the whole state in its custom_id (any process can answer).
import { partiesMatching, timeline, timelineEvent, timelineFromState } from '../src/answers/timeline.ts';
import { defineCommand, EVERYWHERE, OptionType, PRIVATE_OPTION } from '../src/commands/command.ts';

export default defineCommand({
  data: {
    name: 'timeline',
    description: 'The incident in date order, with quotes',
    description_localizations: { hi: 'तारीख़ के क्रम में पूरा मामला, उद्धरणों के साथ' },
    options: [
      {
        type: OptionType.String,
        name: 'from',
        description: 'Start date, e.g. 2019-09-01 or 1 Sep 2019',
        description_localizations: { hi: 'शुरुआती तारीख़, जैसे 2019-09-01 या 1 Sep 2019' },
        max_length: 60,
      },
      {
        type: OptionType.String,
        name: 'to',
        description: 'End date, e.g. 2019-11-04',
        description_localizations: { hi: 'आख़िरी तारीख़, जैसे 2019-11-04' },
        max_length: 60,
      },
      {
        type: OptionType.String,
        name: 'party',
        description: 'Only events involving this party (e.g. NSO, CERT-In, MeitY)',
        description_localizations: { hi: 'सिर्फ़ इस पक्ष से जुड़ी घटनाएँ (जैसे NSO, CERT-In, MeitY)' },
        max_length: 80,
        autocomplete: true,
      },
      PRIVATE_OPTION,
    ],
    ...EVERYWHERE,
  } as const,
  mainOption: 'party',
  example: '/timeline party:CERT-In',
  execute: (options, core) => timeline(core, options),
  pure: true,
  rebuild: (state, core) => timelineFromState(core, state),
  act(action, state, values, core) {
    const [from = '', to = ''] = state.replace(/^e=[a-z0-9-]+\|/, '').split('|');
    if (action === 'event')
      return values[0] ? timelineEvent(core, values[0], state.replace(/^e=[a-z0-9-]+\|/, '')) : null;
    if (action === 'party')
      return values[0] ? timeline(core, { from, to, party: values[0] === '*' ? '' : values[0] }) : null;
    return null;
  },
  autocomplete(_option, value, core) {
    return partiesMatching(core, value, 25).map((p) => ({ name: p.name.slice(0, 100), value: p.id }));
  },
});
