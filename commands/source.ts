// /source <claim> — checks a statement against the two articles, as a claim review: the user's
// claim, the verdict (supported, contradicted, disputed, unverified), what it was checked against
// and the deciding quotes. No close claim: no verdict, and close claims offered with theirs.
import { claimEntry, source } from '../src/answers/source.ts';
import { suggest } from '../src/answers/suggest.ts';
import { MAX_QUERY_CHARS } from '../src/answers/text-input.ts';
import { defineCommand, EVERYWHERE, OptionType, PRIVATE_OPTION } from '../src/commands/command.ts';

export default defineCommand({
  data: {
    name: 'source',
    description: 'Check a claim about the incident against the source articles',
    description_localizations: { hi: 'मामले के किसी दावे को स्रोत लेखों से जाँचें' },
    options: [
      {
        type: OptionType.String,
        name: 'claim',
        description: 'The claim to check (e.g. 1,400 Indians were hacked)',
        description_localizations: { hi: 'जाँचने वाला दावा (जैसे: 1,400 भारतीय हैक हुए)' },
        required: true,
        max_length: MAX_QUERY_CHARS,
        autocomplete: true,
      },
      PRIVATE_OPTION,
    ],
    ...EVERYWHERE,
  } as const,
  mainOption: 'claim',
  example: '/source 1,400 Indians were hacked',
  execute: (options, core) => source(core, options.claim),
  pure: true,
  autocomplete: (_option, value, core) => suggest(core, 'claim', value),
  rebuild: (state, core) => claimEntry(core, state),
  // A "did you mean" button: check that curated claim as it is worded.
  act: (action, state, _values, core) =>
    action === 'go' && state.startsWith('claim:')
      ? source(core, core.claim.get(state.slice(6))?.claims[0] ?? '')
      : null,
});
