// /ask <question> — answers from the curated Q&A first, then events, claims and parties; when
// nothing matches confidently it says the two articles don't say, shows what they do say about the
// closest entry, and offers close topics as buttons that answer them.
import { answerEntry, ask } from '../src/answers/ask.ts';
import { suggest } from '../src/answers/suggest.ts';
import { MAX_QUERY_CHARS } from '../src/answers/text-input.ts';
import { defineCommand, EVERYWHERE, OptionType, PRIVATE_OPTION } from '../src/commands/command.ts';

export default defineCommand({
  data: {
    name: 'ask',
    description: 'Ask a question about the 2019 Pegasus–WhatsApp incident in India',
    description_localizations: { hi: 'भारत में 2019 के पेगासस–व्हाट्सएप मामले के बारे में सवाल पूछें' },
    options: [
      {
        type: OptionType.String,
        name: 'question',
        description: 'Your question, in your own words (e.g. who made Pegasus?)',
        description_localizations: { hi: 'आपका सवाल, अपने शब्दों में (जैसे: पेगासस किसने बनाया?)' },
        required: true,
        max_length: MAX_QUERY_CHARS,
        autocomplete: true,
      },
      PRIVATE_OPTION,
    ],
    ...EVERYWHERE,
  } as const,
  mainOption: 'question',
  example: '/ask when did WhatsApp sue NSO?',
  execute: (options, core) => ask(core, options.question),
  pure: true,
  autocomplete: (_option, value, core) => suggest(core, 'qa', value),
  rebuild: (state, core) => answerEntry(core, state),
  // A "did you mean" button: answer that entry.
  act: (action, state, _values, core) => (action === 'go' ? answerEntry(core, state) : null),
});
