// The content hash of everything the build reads: sources, commands, knowledge and the package
// files. `npm run build` stores it in dist/build-stamp.json; scripts/run.mjs compares it before
// starting the compiled bot, and builds only when it differs. Plain JavaScript, Node built-ins
// only: it runs before anything is compiled.
//
// The build stores beside it a hash of the same files' metadata (size, modification and change
// times, inode), which the launcher checks first: a stat per file instead of reading 1.2 MB, a few
// milliseconds of every start. The change time is set by the system on every write (no tool sets
// it back), so an edited file always differs there; when the metadata differs but the contents do
// not (a file touched, a fresh checkout), the content hash decides.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const BUILD_INPUTS = ['src', 'commands', 'knowledge', 'package.json', 'package-lock.json', 'tsconfig.json'];

/** Calls `file(rel, full, stat)` for every file under the build's inputs, in a fixed order. */
function visitInputs(root, file) {
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
      file(rel.split(path.sep).join('/'), full, stat);
    }
  };
  for (const input of BUILD_INPUTS) visit(input);
}

/** sha256 over the names and bytes of every file under the build's inputs, in a fixed order. */
export function sourceHash(root) {
  const hash = createHash('sha256');
  visitInputs(root, (rel, full) => {
    hash.update(`${rel}\0`).update(readFileSync(full)).update('\0');
  });
  return hash.digest('hex');
}

/** sha256 over the names and metadata (size, mtime, ctime, inode) of the same files. */
export function sourceStats(root) {
  const hash = createHash('sha256');
  visitInputs(root, (rel, _full, s) => {
    hash.update(`${rel}\0${s.size}\0${s.mtimeMs}\0${s.ctimeMs}\0${s.ino}\0`);
  });
  return hash.digest('hex');
}
