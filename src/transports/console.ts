// The local console: the bot's commands typed in a terminal, answered with the same core and the
// same renderer as on Discord. `npm start` runs it when no DISCORD_TOKEN is configured.
import { createInterface } from 'node:readline';
import { REPORT_FIELD, type Desk } from '../desk.ts';
import type { Reply } from '../render/discord.ts';
import { controlsOf, toText, type Controls } from '../render/text.ts';
import { parseCommandLine } from '../cli/parse.ts';

/** The console's help, from the loaded commands (their examples), never a hand-kept list. */
function helpOf(desk: Desk): string {
  const lines = [...desk.dispatcher.commands.values()].map(
    (c) => `  ${(c.example ?? `/${c.data.name}`).padEnd(38)} ${c.data.description}`,
  );
  return [
    'Type a command, as you would in Discord (options as name:value, e.g. /timeline party:NSO private:true):',
    ...lines,
    '  /press <n> presses a button, /pick <menu> <n> picks from a menu, /next and /prev turn pages, /quit leaves',
  ].join('\n');
}

export async function runConsole(
  desk: Desk,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  // A reader that goes away (`npm start | head`) ends the session quietly: Node would otherwise
  // raise EPIPE from a write as an unhandled 'error' event and crash.
  let gone = false;
  const say = (text: string) => void (gone || output.write(`${text}\n`));
  say('incident-desk — console mode (no DISCORD_TOKEN set, so nothing is sent to Discord).');
  say(
    'To run on Discord, put DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (see README), then npm run deploy and npm start.\n',
  );
  say(helpOf(desk));
  const rl = createInterface({ input, output, terminal: false, prompt: '> ' });
  const onOutputError = (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    gone = true;
    rl.close();
  };
  output.on('error', onOutputError);
  let controls: Controls = { buttons: [], menus: [] };
  // A form ("Report a problem") opened by the last press: the next line typed is what it says.
  let form: string | null = null;
  rl.prompt();
  for await (const line of rl) {
    const trimmed = line.trim();
    if (trimmed === '/quit' || trimmed === '/exit') break;
    if (trimmed === '' && !form) {
      rl.prompt();
      continue;
    }
    const pendingForm: string | null = form;
    form = null;
    const result: Reply | string = pendingForm
      ? trimmed === ''
        ? 'Report cancelled.'
        : await desk.submit(pendingForm, { [REPORT_FIELD]: line })
      : await consoleStep(desk, trimmed, controls);
    if (typeof result === 'string') say(result);
    else if (result.mode === 'modal' && result.modal) {
      form = result.modal.custom_id;
      say(`\n${toText(result.message)}\nType it on the next line (an empty line cancels):`);
    } else {
      // A press that updates a message replaces it; a new message (a private one, say) is shown as new.
      controls = controlsOf(result.message);
      say(`\n${result.mode === 'update' ? '(the message above is replaced by)\n' : ''}${toText(result.message)}\n`);
    }
    if (!gone) rl.prompt();
  }
  rl.close();
  // The listener stays: a write still in flight can fail after the session is over.
}

/** One line typed in the console: a command, or a press or pick on the last reply's controls. */
export async function consoleStep(desk: Desk, line: string, controls: Controls): Promise<Reply | string> {
  const [word = '', ...args] = line.split(/\s+/);
  if (word === '/next' || word === '/prev') {
    const b = controls.buttons.find((x) => x.label === (word === '/next' ? '▶' : '◀'));
    return b ? desk.press(b.customId) : 'There is no other page to turn to.';
  }
  if (word === '/press') {
    const b = controls.buttons[Number(args[0]) - 1];
    return b
      ? desk.press(b.customId)
      : `There is no button ${args[0] ?? ''} on the last reply${controls.buttons.length ? ` (1 to ${controls.buttons.length})` : ''}.`;
  }
  if (word === '/pick') {
    const m = controls.menus[Number(args[0]) - 1];
    if (!m) return `There is no menu ${args[0] ?? ''} on the last reply.`;
    const o = m.options[Number(args[1]) - 1];
    if (!o)
      return `${m.placeholder}\n${m.options.map((x, i) => `  ${i + 1}. ${x.label}`).join('\n')}\nType /pick ${args[0]} <n>.`;
    return desk.press(m.customId, {}, [o.value]);
  }
  const parsed = parseCommandLine(line, desk.dispatcher.commands);
  return parsed.ok ? desk.command(parsed.name, parsed.options) : parsed.problem;
}
