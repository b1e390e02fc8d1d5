// /source <claim> — checks a statement against the two articles: supported, contradicted,
// disputed or unverified, with the deciding quotes. No confident match: no verdict, suggestions.
import { source } from '../src/answers/source.ts';
import { suggest } from '../src/answers/suggest.ts';
import { MAX_QUERY_CHARS } from '../src/answers/text-input.ts';
import { defineCommand, OptionType } from '../src/commands/command.ts';
import { reply } from '../src/render/discord.ts';

export default defineCommand({
  data: {
    name: 'source',
    description: 'Check a claim about the incident against the source articles',
    options: [
      {
        type: OptionType.String,
        name: 'claim',
        description: 'The claim to check (e.g. 1,400 Indians were hacked)',
        required: true,
        max_length: MAX_QUERY_CHARS,
        autocomplete: true,
      },
    ],
  } as const,
  mainOption: 'claim',
  execute: (options, core) => reply(source(core, options.claim)),
  autocomplete: (_option, value, core) => suggest(core, 'claim', value),
});
