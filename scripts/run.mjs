// npm start, serve, start:sharded and the one-shot CLI run the compiled build under plain node.
// This launcher builds dist/ first only when a source, command or knowledge file changed since
// the last build (the files' metadata, else their content hash: see source-hash.mjs), then runs
// the entry in this same process.
//   node scripts/run.mjs src/main.js [args…]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourceHash, sourceStats } from './source-hash.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node scripts/run.mjs <entry under dist/, e.g. src/main.js> [args…]\n');
  process.exit(2);
}
// The entry sees its own arguments, as if it had been started directly.
process.argv.splice(2, 1);

let built = null;
try {
  built = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'build-stamp.json'), 'utf8'));
} catch {
  // no build yet
}
const upToDate = built !== null && (built.stats === sourceStats(ROOT) || built.hash === sourceHash(ROOT));
if (!upToDate) {
  // Loaded only to build: child_process is ~4 ms of a start that has nothing to build.
  const { spawnSync } = await import('node:child_process');
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const r = spawnSync(process.execPath, [tsx, path.join(ROOT, 'src', 'scripts', 'build.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(pathToFileURL(path.join(ROOT, 'dist', entry)).href);
