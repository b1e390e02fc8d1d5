// Where the project's files are. Found from this module rather than hard-coded, so the same code
// runs from the sources (src/, under tsx) and from the compiled build (dist/src/, plain node): the
// build mirrors the tree, so paths between modules (src/ → commands/) hold in both, while data
// that is never compiled (knowledge/) is reached through the project root.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The nearest folder above this module with a package.json (dist/ has none of its own). */
export const PROJECT_ROOT = findUp(HERE, 'package.json');

/** Where this code runs from: the project root, or the build folder when compiled. */
export const CODE_ROOT = path.resolve(HERE, '..');

/** True when running the compiled build rather than the TypeScript sources. */
export const COMPILED = import.meta.url.endsWith('.js');

function findUp(from: string, file: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, file))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no ${file} above ${from}`);
  }
}
