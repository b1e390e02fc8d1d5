// The second half of `npm run build`: each entry point that a person or the benchmark starts is
// bundled into one ES module, written over its per-module output (src/main.ts → dist/src/main.js),
// so Node resolves, reads and compiles one file of ours instead of about a hundred — the module
// loading was most of the start-up time left. Code reached only through a dynamic import (the
// gateway and discord.js, the PostgreSQL driver, prom-client) is split into chunks beside the
// entry and still loaded only when used.
//
// What bundling must not change:
// - packages stay external, read from node_modules as before (native better-sqlite3, pg and
//   discord.js with their optional parts, the optional pino-pretty of a dev install), zod and pino
//   from dist/vendor/ (see build.ts; chrono-node is required from there on first use) — except the
//   few in INLINED;
// - `import.meta.url` means, in every module, where its own per-module output is: the paths
//   found from it (the project root, the build folder, commands/) are the same as unbundled;
// - commands/ is still the list of commands: the folder is read here, at build time, into the
//   module that src/commands/built-commands.ts stands in for, and every command is validated at
//   load exactly as when read from the folder (the launcher rebuilds when commands/ changes).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { commandFiles, COMMANDS_DIR } from '../commands/load.ts';
import { PROJECT_ROOT } from '../paths.ts';

/**
 * Packages bundled into the entry too: small, plain JavaScript, loaded at every start, with nothing
 * of their own to find at run time (no native part, no worker, no file read by path). Resolving and
 * loading each from node_modules — dotenv through Node's CommonJS loader — was ~10 ms of a start.
 */
export const INLINED = ['fuse.js', 'quickselect', 'dotenv'];

/**
 * For the CommonJS among them (dotenv): `require` of Node's built-ins, which an ES module has not
 * got. esbuild renames our modules' own `require` (made the same way) so the two never clash.
 */
const REQUIRE =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** The bot's entry points; bench/startup-probe.ts too with `--all`, so it measures the bundle npm start runs. */
export const BOT_ENTRIES = ['src/main.ts', 'src/serve.ts', 'src/shard.ts', 'src/cli/ask.ts'];
export const BENCH_ENTRIES = ['bench/startup-probe.ts'];

/**
 * Bundles one entry into outDir at its own path. Its chunks are written beside it (same folder,
 * so one relative path from any of its files reaches a given module's per-module output).
 */
export async function bundleEntry(entry: string, outDir: string, vendored: Record<string, string>): Promise<void> {
  const rel = entry.replace(/\.ts$/, '');
  const bundleDir = path.join(outDir, path.dirname(rel));
  // From the bundle's folder to a file under outDir, as an import specifier or URL ("../vendor/zod.js").
  const fromBundle = (target: string) => {
    const r = path.relative(bundleDir, path.join(outDir, target)).split(path.sep).join('/');
    return r.startsWith('.') ? r : `./${r}`;
  };
  await build({
    entryPoints: [path.join(PROJECT_ROOT, entry)],
    outdir: bundleDir,
    entryNames: '[name]',
    // Prefixed with the entry, so the chunks of main.js and serve.js in one folder are told apart.
    chunkNames: `${path.basename(rel)}.[name]-[hash]`,
    bundle: true,
    splitting: true,
    banner: { js: REQUIRE },
    plugins: [useVendoredFrom(vendored, fromBundle), externalPackages, ownModuleUrl(fromBundle), builtCommands],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

/** `from 'zod'` → `from "../vendor/zod.js"`, relative to the bundle rather than to the importer. */
function useVendoredFrom(vendored: Record<string, string>, fromBundle: (target: string) => string): Plugin {
  const names = Object.keys(vendored).map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return {
    name: 'use-vendored-from-bundle',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({
        path: fromBundle(`vendor/${vendored[args.path]!}.js`),
        external: true,
      }));
    },
  };
}

/** Every package is external (read from node_modules at run time) but those in INLINED. */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.split('/', args.path.startsWith('@') ? 2 : 1).join('/');
      return INLINED.includes(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * In each of our modules, `import.meta.url` becomes the URL of that module's per-module output
 * (src/paths.ts → dist/src/paths.js), found from the bundle's own URL at run time, so the build
 * folder can still be anywhere.
 */
function ownModuleUrl(fromBundle: (target: string) => string): Plugin {
  return {
    name: 'own-module-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const rel = path.relative(PROJECT_ROOT, args.path);
        if (rel.startsWith('..') || rel.split(path.sep).includes('node_modules')) return undefined;
        const source = await readFile(args.path, 'utf8');
        const own = `new URL(${JSON.stringify(fromBundle(rel.replace(/\.ts$/, '.js')))}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', own), loader: 'ts' };
      });
    },
  };
}

/** src/commands/built-commands.ts, as bundled: every file of commands/ at build time, imported. */
const builtCommands: Plugin = {
  name: 'built-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\/built-commands\.ts$/ }, (args) =>
      path.join(args.resolveDir, 'load.ts') === path.join(PROJECT_ROOT, 'src', 'commands', 'load.ts')
        ? { path: 'commands', namespace: 'built-commands' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'built-commands' }, () => {
      const files = commandFiles(COMMANDS_DIR);
      const imports = files.map((f, i) => `import * as m${i} from ${JSON.stringify(path.join(COMMANDS_DIR, f))};`);
      const list = files.map((f, i) => `[${JSON.stringify(f)}, m${i}]`).join(', ');
      return {
        contents: `${imports.join('\n')}\nexport const BUILT_COMMANDS = [${list}];\n`,
        resolveDir: COMMANDS_DIR,
        loader: 'js',
        // The launcher's content hash covers commands/; for esbuild's own watchers, say so too.
        watchDirs: [COMMANDS_DIR],
      };
    });
  },
};
