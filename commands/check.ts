// "Check against the articles" — a message command: right-click (or long-press) a message → Apps.
// It takes the message's text and its embeds' descriptions, finds the checkable statements in it
// (at most three), and runs each through the same pipeline as /source: one verdict block each,
// with its deciding quote, privately — and a "Post publicly" button that posts the result in the
// channel with a link to the checked message. In the console and the CLI: `check <text>`.
import { checkMessage, COMMAND, publicCheck } from '../src/answers/check.ts';
import { defineCommand, EVERYWHERE, MESSAGE_ID, MESSAGE_TEXT } from '../src/commands/command.ts';

export default defineCommand({
  data: {
    type: 3,
    name: 'Check against the articles',
    name_localizations: { hi: 'लेखों से जाँचें' },
    description: '',
    ...EVERYWHERE,
  } as const,
  key: COMMAND,
  summary: 'Right-click a message → Apps: checks its claims against the two articles, privately',
  mainOption: MESSAGE_TEXT,
  example: '/check 1,400 Indians were hacked. NSO sued WhatsApp.',
  execute: (options, core) => checkMessage(core, options[MESSAGE_TEXT], options[MESSAGE_ID]),
  act: (action, state, _values, core, where) => (action === 'post' ? publicCheck(core, state, where) : null),
});
