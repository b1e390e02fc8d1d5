// pino, bundled into dist/vendor/pino.js like zod and chrono-node (see VENDORED in build.ts): it is
// about 35 CommonJS files (pino, its serializers, sonic-boom, thread-stream…) that Node resolves,
// reads and compiles one by one at every start, ~12 ms of it; one ES module takes about half.
//
// Two things a bundled pino needs, in the way pino documents for bundlers:
// - its worker-thread transports (pino-pretty in a developer's terminal) start from files, which
//   must stay files: globalThis.__bundlerPathsOverrides points pino and thread-stream at theirs in
//   node_modules, resolved from pino's own folder at run time (so a nested install works too);
// - CommonJS code calls `require` for Node's built-ins, which an ES module has not got: it is
//   made with createRequire.
// Nothing else changes: pino-pretty is still looked for, and loaded, only in the worker.
import path from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../paths.ts';

const BANNER = `import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
{
  const fromPino = __createRequire(require.resolve('pino'));
  globalThis.__bundlerPathsOverrides = {
    'thread-stream-worker': fromPino.resolve('thread-stream/lib/worker.js'),
    'pino-worker': fromPino.resolve('./lib/worker.js'),
    'pino/file': fromPino.resolve('./file.js'),
    ...globalThis.__bundlerPathsOverrides,
  };
}`;

export async function vendorPino(vendorDir: string): Promise<void> {
  await build({
    stdin: { contents: "export { default } from 'pino';", resolveDir: PROJECT_ROOT, loader: 'js' },
    outfile: path.join(vendorDir, 'pino.js'),
    bundle: true,
    banner: { js: BANNER },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}
