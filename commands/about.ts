// /about — the two sources, the knowledge base's version and date, what each verdict means, and
// how to report a problem.
import { aboutAnswer } from '../src/answers/about.ts';
import { defineCommand, EVERYWHERE, PRIVATE_OPTION } from '../src/commands/command.ts';

export default defineCommand({
  data: {
    name: 'about',
    description: 'The sources behind every answer, what the verdicts mean, how to report a problem',
    description_localizations: { hi: 'हर जवाब के स्रोत, फ़ैसलों का मतलब, और समस्या कैसे बताएँ' },
    options: [PRIVATE_OPTION],
    ...EVERYWHERE,
  } as const,
  example: '/about',
  execute: (_options, core, context) => aboutAnswer(core, context.records),
  pure: true,
});
