// One-shot CLI: npm run --silent ask -- <command> [text…] [--page N] [--locale hi] [--json]
// Prints the reply the bot would send. With --json: exactly one JSON object on stdout,
// {"outcome", "verdict"?, "message"}, and nothing else (logs go to stderr). Exit 0 for every
// outcome; 2 only for a malformed command line.
import { createCore } from '../answers/core.ts';
import { createDispatcher } from '../commands/dispatch.ts';
import { getConfig } from '../config.ts';
import { createDesk } from '../desk.ts';
import { loadCommands } from '../commands/load.ts';
import { createLogger } from '../log.ts';
import { localeOf, type Locale } from '../render/locale.ts';
import { toText } from '../render/text.ts';
import { parseCommandLine } from './parse.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
let page = 1;
let locale: Locale = 'en';
const words: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') continue;
  if (args[i] === '--locale') {
    locale = localeOf(args[++i]);
    continue;
  }
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
// As the bot sends it (with the feedback buttons a recording bot shows), but nothing is recorded:
// the one-shot CLI is for trying questions and for the eval, not a member's question.
const core = createCore();
const config = getConfig();
const dispatcher = createDispatcher(commands, core, log, {
  records: { questionLog: config.QUESTION_LOG === 'on', retentionDays: config.RETENTION_DAYS },
});
const desk = createDesk({ dispatcher, core, log });
let reply = await desk.command(parsed.name, parsed.options, locale === 'en' ? {} : { locale });
if (page > 1) {
  // Turn pages exactly as a button press would.
  const next = reply.message.components
    .flatMap((r) => r.components)
    .find((b) => 'custom_id' in b && /^[^:]+:p\d+:/.test(b.custom_id));
  if (next && 'custom_id' in next)
    reply = await desk.press(
      next.custom_id.replace(/^([^:]+):p\d+:/, `$1:p${page - 1}:`),
      locale === 'en' ? {} : { locale },
    );
}
process.stdout.write(json ? `${JSON.stringify(reply)}\n` : `${toText(reply.message)}\n`);
