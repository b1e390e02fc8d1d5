// One-shot CLI: npm run --silent ask -- <command> [text…] [--page N] [--json]
// Prints the reply the bot would send. With --json: exactly one JSON object on stdout,
// {"outcome", "verdict"?, "message"}, and nothing else (logs go to stderr). Exit 0 for every
// outcome; 2 only for a malformed command line.
import { createCore } from '../answers/core.ts';
import { createDispatcher } from '../commands/dispatch.ts';
import { loadCommands } from '../commands/load.ts';
import { createLogger } from '../log.ts';
import { toText } from '../render/text.ts';
import { parseCommandLine } from './parse.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
let page = 1;
const words: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') continue;
  if (args[i] === '--page') {
    page = Number(args[++i]);
    continue;
  }
  words.push(args[i]!);
}

const log = createLogger('warn');
const commands = await loadCommands();
const usage = `usage: npm run --silent ask -- <${[...commands.keys()].join('|')}> [text…] [--page N] [--json]`;
if (words.length === 0 || !Number.isInteger(page) || page < 1) {
  console.error(usage);
  process.exit(2);
}
const parsed = parseCommandLine(words.join(' '), commands);
if (!parsed.ok) {
  console.error(`${parsed.problem}\n${usage}`);
  process.exit(2);
}
const dispatcher = createDispatcher(commands, createCore(), log);
let reply = dispatcher.run(parsed.name, parsed.options);
if (page > 1) {
  // Turn pages exactly as a button press would.
  const next = reply.message.components
    .flatMap((r) => r.components)
    .find((b) => 'custom_id' in b && /^[^:]+:p\d+:/.test(b.custom_id));
  if (next && 'custom_id' in next)
    reply = dispatcher.press(next.custom_id.replace(/^([^:]+):p\d+:/, `$1:p${page - 1}:`));
}
process.stdout.write(json ? `${JSON.stringify(reply)}\n` : `${toText(reply.message)}\n`);
