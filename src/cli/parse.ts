// Reads a typed command line such as "/who-knew 6 Sep 2019" or "timeline from:2019-10-01 party:NSO"
// into a command name and its options. Words that are not key:value go to the command's main option.
import type { Commands } from '../commands/load.ts';
import { OptionType } from '../discord-api.ts';

export type Parsed =
  | { ok: true; name: string; options: Record<string, string | boolean> }
  | { ok: false; problem: string };

export function parseCommandLine(line: string, commands: Commands): Parsed {
  const [first = '', ...rest] = line.trim().split(/\s+/);
  const name = first.replace(/^\//, '').toLowerCase();
  const command = commands.get(name);
  if (!command)
    return {
      ok: false,
      problem: `Unknown command “${first.slice(0, 40)}”. Commands: ${[...commands.keys()].map((c) => `/${c}`).join(', ')}.`,
    };
  const optionNames = new Set((command.data.options ?? []).map((o) => o.name));
  const booleans = new Set(
    (command.data.options ?? []).filter((o) => o.type === OptionType.Boolean).map((o) => o.name),
  );
  const options: Record<string, string | boolean> = {};
  const free: string[] = [];
  for (const word of rest) {
    const m = /^([a-z-]+)[:=](.*)$/.exec(word);
    if (m && booleans.has(m[1]!)) options[m[1]!] = /^(true|yes|1|on)$/i.test(m[2]!);
    else if (m && optionNames.has(m[1]!))
      options[m[1]!] = options[m[1]!] ? `${options[m[1]!] as string} ${m[2]}` : m[2]!;
    else free.push(word);
  }
  if (free.length > 0) {
    if (!command.mainOption) return { ok: false, problem: `/${name} takes no text.` };
    options[command.mainOption] = free.join(' ');
  }
  return { ok: true, name, options };
}
