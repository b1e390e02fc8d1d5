// /timeline [from] [to] [party] — the events in date order with dates, summaries and quotes,
// paginated with ◀ ▶ buttons whose custom_id carries the whole state (any process can answer).
import { partiesMatching, timeline } from '../src/answers/timeline.ts';
import { defineCommand, OptionType } from '../src/commands/command.ts';
import { reply } from '../src/render/discord.ts';

export default defineCommand({
  data: {
    name: 'timeline',
    description: 'The incident in date order, with quotes',
    options: [
      { type: OptionType.String, name: 'from', description: 'Start date, e.g. 2019-09-01 or 1 Sep 2019', max_length: 60 },
      { type: OptionType.String, name: 'to', description: 'End date, e.g. 2019-11-04', max_length: 60 },
      { type: OptionType.String, name: 'party', description: 'Only events involving this party (e.g. NSO, CERT-In, MeitY)', max_length: 80, autocomplete: true },
    ],
  } as const,
  mainOption: 'party',
  execute(options, core) {
    const answer = timeline(core, options);
    return reply(answer, answer.token ? { token: answer.token } : {});
  },
  button(page, token, core) {
    const [from = '', to = '', party = ''] = token.split('|');
    const answer = timeline(core, { from, to, party });
    return reply(answer, { page, token });
  },
  autocomplete(_option, value, core) {
    return partiesMatching(core, value, 25).map((p) => ({ name: p.name.slice(0, 100), value: p.id }));
  },
});
