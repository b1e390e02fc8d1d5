// /ask <question> — answers from the curated Q&A first, then events, claims and parties; when
// nothing matches confidently it says the two articles don't say, and suggests close topics.
import { ask } from '../src/answers/ask.ts';
import { suggest } from '../src/answers/suggest.ts';
import { MAX_QUERY_CHARS } from '../src/answers/text-input.ts';
import { defineCommand, OptionType } from '../src/commands/command.ts';
import { reply } from '../src/render/discord.ts';

export default defineCommand({
  data: {
    name: 'ask',
    description: 'Ask a question about the 2019 Pegasus–WhatsApp incident in India',
    options: [
      {
        type: OptionType.String,
        name: 'question',
        description: 'Your question, in your own words (e.g. who made Pegasus?)',
        required: true,
        max_length: MAX_QUERY_CHARS,
        autocomplete: true,
      },
    ],
  } as const,
  mainOption: 'question',
  execute: (options, core) => reply(ask(core, options.question)),
  autocomplete: (_option, value, core) => suggest(core, 'qa', value),
});
