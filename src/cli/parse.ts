// Reads a typed command line such as "/who-knew 6 Sep 2019" or "timeline from:2019-10-01 party:NSO"
// into a command name and its options. Words that are not key:value go to the command's main option.
import type { Commands } from '../commands/load.ts';

export type Parsed = { ok: true; name: string; options: Record<string, string> } | { ok: false; problem: string };

export function parseCommandLine(line: string, commands: Commands): Parsed {
  const [first = '', ...rest] = line.trim().split(/\s+/);
  const name = first.replace(/^\//, '').toLowerCase();
  const command = commands.get(name);
  if (!command) return { ok: false, problem: `Unknown command “${first.slice(0, 40)}”. Commands: ${[...commands.keys()].map((c) => `/${c}`).join(', ')}.` };
  const optionNames = new Set((command.data.options ?? []).map((o) => o.name));
  const options: Record<string, string> = {};
  const free: string[] = [];
  for (const word of rest) {
    const m = /^([a-z-]+)[:=](.*)$/.exec(word);
    if (m && optionNames.has(m[1]!)) options[m[1]!] = options[m[1]!] ? `${options[m[1]!]} ${m[2]}` : m[2]!;
    else free.push(word);
  }
  if (free.length > 0) {
    if (!command.mainOption) return { ok: false, problem: `/${name} takes no text.` };
    options[command.mainOption] = free.join(' ');
  }
  return { ok: true, name, options };
}
