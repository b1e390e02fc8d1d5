// The content hash of everything the build reads: sources, commands, knowledge and the package
// files. `npm run build` stores it in dist/build-stamp.json; scripts/run.mjs compares it before
// starting the compiled bot, and builds only when it differs. Plain JavaScript, Node built-ins
// only: it runs before anything is compiled.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const BUILD_INPUTS = ['src', 'commands', 'knowledge', 'package.json', 'package-lock.json', 'tsconfig.json'];

/** sha256 over the names and bytes of every file under the build's inputs, in a fixed order. */
export function sourceHash(root) {
  const hash = createHash('sha256');
  const visit = (rel) => {
    const full = path.join(root, rel);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(full).sort()) visit(path.join(rel, name));
    } else {
      hash
        .update(`${rel.split(path.sep).join('/')}\0`)
        .update(readFileSync(full))
        .update('\0');
    }
  };
  for (const input of BUILD_INPUTS) visit(input);
  return hash.digest('hex');
}
