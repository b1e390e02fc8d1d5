// /help — what the bot knows, each command (from the loaded command modules, never a hand-kept
// list) and how /who-knew and /source read the record.
import { helpAnswer } from '../src/answers/about.ts';
import { defineCommand, EVERYWHERE, PRIVATE_OPTION } from '../src/commands/command.ts';

export default defineCommand({
  data: {
    name: 'help',
    description: 'What this bot can tell you, and how to ask',
    description_localizations: { hi: 'यह बॉट क्या बता सकता है, और कैसे पूछें' },
    options: [PRIVATE_OPTION],
    ...EVERYWHERE,
  } as const,
  example: '/help',
  execute: (_options, core, context) => helpAnswer(core, context.commands),
  pure: true,
});
