// A copy of the project in a temp folder, made of what the build and the bot read — for tests
// that install, build or break it without touching the real tree.
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROJECT_FILES = [
  'src',
  'commands',
  'knowledge',
  'scripts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  '.env.example',
];

/** A new temp folder (named after `prefix`) holding a copy of the project's own files, no node_modules. */
export function copyProject(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  for (const item of PROJECT_FILES) {
    if (existsSync(path.join(ROOT, item))) cpSync(path.join(ROOT, item), path.join(dir, item), { recursive: true });
  }
  return dir;
}
