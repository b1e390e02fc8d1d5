// Loads every command module in commands/ — no hand-kept list: adding a file adds a command.
// Each default export is checked against the CommandModule schema, so a malformed command fails
// at start-up with its file name rather than at the first interaction.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILT_COMMANDS } from './built-commands.ts';
import { CommandModule, type Command } from './command.ts';

export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

export type Commands = ReadonlyMap<string, Command>;

/**
 * A command by the key it is loaded under (its name; a message command's `key`, e.g. "check") or
 * by its name on Discord ("Check against the articles"), as transports receive it.
 */
export function findCommand(commands: Commands, name: string): Command | undefined {
  const direct = commands.get(name);
  if (direct) return direct;
  for (const c of commands.values()) if (c.data.name === name) return c;
  return undefined;
}

/** The command files of a folder, in the order they are loaded: the loader's and the bundle's one rule. */
export function commandFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
}

/**
 * The commands of `dir` (default commands/). A bundled entry point has them already imported, as
 * the build read the folder (see built-commands.ts); they are checked here the same way.
 */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Commands> {
  const commands = new Map<string, Command>();
  if (BUILT_COMMANDS && dir === COMMANDS_DIR) for (const [file, mod] of BUILT_COMMANDS) add(commands, file, mod);
  else
    for (const file of commandFiles(dir))
      add(commands, file, (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: unknown });
  return commands;
}

/** Checks one module's default export against the schema and adds it under its key. */
function add(commands: Map<string, Command>, file: string, mod: { default?: unknown }): void {
  // Once per command: without zod's compiled fast path, which pays for itself only over many parses.
  const parsed = CommandModule.safeParse(mod.default, { jitless: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `commands/${file}: default export is not a command: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  const command = mod.default as Command;
  const key = command.key ?? command.data.name;
  if (commands.has(key)) throw new Error(`commands/${file}: a second command named "${key}"`);
  commands.set(key, command);
}
