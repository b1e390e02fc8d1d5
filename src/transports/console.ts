// The local console: the bot's commands typed in a terminal, answered with the same core and the
// same renderer as on Discord. `npm start` runs it when no DISCORD_TOKEN is configured.
import { createInterface } from 'node:readline';
import type { Dispatcher } from '../commands/dispatch.ts';
import { toText } from '../render/text.ts';
import { parseCommandLine } from '../cli/parse.ts';

const HELP = `Type a command, as you would in Discord:
  /ask who made pegasus
  /source 121 Indians were hacked
  /who-knew 2019-09-06
  /timeline                      (options: from:2019-10-01 to:2019-11-04 party:NSO)
  /help                          /quit to leave`;

export async function runConsole(dispatcher: Dispatcher, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  // A reader that goes away (`npm start | head`) ends the session quietly: Node would otherwise
  // raise EPIPE from a write as an unhandled 'error' event and crash.
  let gone = false;
  const say = (text: string) => void (gone || output.write(`${text}\n`));
  say('incident-desk — console mode (no DISCORD_TOKEN set, so nothing is sent to Discord).');
  say('To run on Discord, put DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (see README), then npm run deploy and npm start.\n');
  say(HELP);
  const rl = createInterface({ input, output, terminal: false, prompt: '> ' });
  const onOutputError = (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    gone = true;
    rl.close();
  };
  output.on('error', onOutputError);
  let lastButtons: { next?: string; prev?: string } = {};
  rl.prompt();
  for await (const line of rl) {
    const trimmed = line.trim();
    if (trimmed === '/quit' || trimmed === '/exit') break;
    if (trimmed === '') {
      rl.prompt();
      continue;
    }
    let reply;
    if (trimmed === '/next' || trimmed === '/prev') {
      const id = trimmed === '/next' ? lastButtons.next : lastButtons.prev;
      if (!id) {
        say('There is no other page to turn to.');
        rl.prompt();
        continue;
      }
      reply = dispatcher.press(id);
    } else {
      const parsed = parseCommandLine(trimmed, dispatcher.commands);
      if (!parsed.ok) {
        say(parsed.problem);
        rl.prompt();
        continue;
      }
      reply = dispatcher.run(parsed.name, parsed.options);
    }
    const buttons = reply.message.components.flatMap((r) => r.components);
    const enabled = (label: string) => buttons.find((b) => 'label' in b && b.label === label && !b.disabled && 'custom_id' in b) as { custom_id: string } | undefined;
    lastButtons = { next: enabled('▶')?.custom_id, prev: enabled('◀')?.custom_id };
    say(`\n${toText(reply.message)}\n`);
    if (!gone) rl.prompt();
  }
  rl.close();
  // The listener stays: a write still in flight can fail after the session is over.
}
