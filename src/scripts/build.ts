// npm run build: compiles the TypeScript to plain JavaScript in dist/ so the bot starts under plain
// node — tsx alone cost 0.23 s and 78 MB of a 0.5 s / 100 MB start-up budget — and fills the
// knowledge parse cache (see src/kb/parse-cache.ts).
//
// esbuild transpiles only; type checking stays with `npm test` (tsc --noEmit). Every file becomes
// its own module at the same place under dist/ (src/main.ts → dist/src/main.js), so module-relative
// paths hold in both layouts; relative `.ts` imports are rewritten to `.js` and packages stay
// external, read from node_modules as usual — except three bundled into dist/vendor/ (see VENDORED).
// Then each entry point that is started (npm start's dist/src/main.js…) is bundled into one module
// over its own output (see bundle.ts); the other modules stay, for the tests and the benchmark.
// A full build, parse cache included, takes one to two seconds.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { parse as parseYaml } from 'yaml';
import { writeParseCache } from '../kb/parse-cache.ts';
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError, readKnowledge } from '../kb/load.ts';
import { FILES } from '../kb/schema.ts';
import { sourceHash, sourceStats } from '../../scripts/source-hash.mjs';
import { run } from '../start.ts';
import { SearchIndex } from '../search/search-index.ts';
import { englishStopwords } from '../search/common-words.ts';
import { writeSnapshot } from '../search/index/snapshot.ts';
import { PROJECT_ROOT } from '../paths.ts';
import { BENCH_ENTRIES, BOT_ENTRIES, bundleEntry } from './bundle.ts';
import { vendorPino } from './vendor-pino.ts';

/** What the bot runs; bench/ and test/ are added by `--all` (the benchmark runs compiled probes). */
const BOT_DIRS = ['src', 'commands'];
const ALL_DIRS = [...BOT_DIRS, 'bench', 'test'];

export async function buildProject(
  opts: { outDir?: string; all?: boolean } = {},
): Promise<{ outDir: string; files: number; cached: number }> {
  const outDir = path.resolve(PROJECT_ROOT, opts.outDir ?? 'dist');
  // The metadata first: a file changed while the build reads it then differs from it next time.
  const stats = sourceStats(PROJECT_ROOT);
  const stamp = sourceHash(PROJECT_ROOT);
  // The knowledge base is checked before anything is written: a broken file (a YAML syntax error,
  // an alias bomb, a file over the size cap) stops the build with the loader's own message.
  const checked = readKnowledge(DEFAULT_KNOWLEDGE_DIR);
  if (!checked.kb || checked.problems.length > 0) throw new KnowledgeError(checked.problems);
  const kb = checked.kb;
  const entryPoints = (opts.all ? ALL_DIRS : BOT_DIRS).flatMap((dir) => tsFiles(path.join(PROJECT_ROOT, dir)));
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: Object.entries(VENDORED).map(([pkg, out]) => ({ in: `vendor:${pkg}`, out })),
    outdir: path.join(outDir, 'vendor'),
    bundle: true,
    plugins: [vendorEntries, zodEnglishOnly],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  await vendorPino(path.join(outDir, 'vendor'));
  await vendorChrono(path.join(outDir, 'vendor'));
  await build({
    entryPoints,
    outdir: outDir,
    outbase: PROJECT_ROOT,
    bundle: true, // needed for plugins to see imports; the plugin keeps every module separate
    packages: 'external',
    plugins: [keepModulesSeparate, useVendored],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // Then the entry points, each bundled over its per-module output (see bundle.ts), side by side.
  await Promise.all(
    [...BOT_ENTRIES, ...(opts.all ? BENCH_ENTRIES : [])].map((entry) => bundleEntry(entry, outDir, REDIRECTED)),
  );
  // Each file's parse and, for the entry files, the entries as their schemas just passed them
  // (the lexicon and about.yaml: the whole, as theirs did).
  const entriesOf = new Map<string, unknown[]>(
    Object.entries(FILES).map(([key, { file }]) => [file, kb[key as keyof typeof FILES] as unknown[]]),
  );
  const wholeOf = new Map<string, unknown>([
    ['lexicon.yaml', kb.lexicon],
    ['about.yaml', kb.about],
  ]);
  const files = readdirSync(DEFAULT_KNOWLEDGE_DIR).filter((f) => f.endsWith('.yaml'));
  const cached = writeParseCache(
    path.join(outDir, 'knowledge.parsed.json'),
    files.map((f) => {
      const text = readFileSync(path.join(DEFAULT_KNOWLEDGE_DIR, f), 'utf8');
      const entries = entriesOf.get(f);
      const value = wholeOf.get(f);
      return { text, doc: parseYaml(text) as unknown, ...(entries ? { entries } : {}), ...(value ? { value } : {}) };
    }),
  );
  writeFileSync(path.join(outDir, 'vendor', 'stopwords-en.json'), JSON.stringify(englishStopwords()));
  // The index, built once here so that a start reads it (about 150 ms less at start-up).
  writeSnapshot(path.join(outDir, 'index.snapshot.json'), new SearchIndex(kb).snapshot());
  // Last: what scripts/run.mjs compares before starting, so a failed build is built again.
  writeFileSync(
    path.join(outDir, 'build-stamp.json'),
    JSON.stringify({ hash: stamp, stats, at: new Date().toISOString() }),
  );
  return { outDir, files: entryPoints.length, cached };
}

/** Relative imports of our own .ts files stay imports, of the .js file the build writes beside it. */
const keepModulesSeparate: Plugin = {
  name: 'keep-modules-separate',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, (args) => ({ path: args.path.replace(/\.ts$/, '.js'), external: true }));
  },
};

/**
 * Packages the bot imports at start-up whose ES module builds are many small files, which Node 20
 * reads and compiles one by one (zod's is dozens, every locale included): about 50 ms of a 500 ms
 * start-up budget. Each is bundled into one file, dist/vendor/<name>.js, and our imports of it
 * point there instead. They are plain JavaScript with no native parts and no files of their own to
 * find at run time, so bundling them changes nothing but the loading. Package → file name.
 * (chrono-node's English locale is one file too, CommonJS, loaded on first use: see vendorChrono.)
 */
const VENDORED: Record<string, string> = { zod: 'zod' };
/** Every package whose imports point into dist/vendor/: those above, and pino (see vendor-pino.ts). */
const REDIRECTED: Record<string, string> = { ...VENDORED, pino: 'pino' };

/**
 * chrono-node's English locale as one CommonJS file, dist/vendor/chrono-node-en.cjs: the date reader
 * require()s it on first use, after start-up (see src/answers/date-input.ts).
 */
async function vendorChrono(vendorDir: string): Promise<void> {
  await build({
    stdin: { contents: "module.exports = require('chrono-node/en');", resolveDir: PROJECT_ROOT, loader: 'js' },
    outfile: path.join(vendorDir, 'chrono-node-en.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
}

/** The entry for package P is the module `export * from 'P'`, resolved (ESM build) from the project root. */
const vendorEntries: Plugin = {
  name: 'vendor-entries',
  setup(b) {
    b.onResolve({ filter: /^vendor:/ }, (args) => ({ path: args.path.slice('vendor:'.length), namespace: 'vendor' }));
    b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({
      contents: `export * from ${JSON.stringify(args.path)};`,
      resolveDir: PROJECT_ROOT,
      loader: 'js',
    }));
  },
};

/**
 * zod's locales (error messages in 40-odd languages) are half its bundle, and the bot only ever
 * uses the English one, which zod loads by default: its `locales` namespace is cut down to `en`.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`)
        ? { path: path.join(args.resolveDir, '../locales/en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/** `import { z } from 'zod'` in src/config.ts becomes `from "../vendor/zod.js"` in dist/src/config.js. */
const useVendored: Plugin = {
  name: 'use-vendored',
  setup(b) {
    const names = Object.keys(REDIRECTED).map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => {
      const fromDir = path.dirname(path.relative(PROJECT_ROOT, args.importer));
      const target = path
        .relative(fromDir, path.join('vendor', `${REDIRECTED[args.path]!}.js`))
        .split(path.sep)
        .join('/');
      return { path: target.startsWith('.') ? target : `./${target}`, external: true };
    });
  },
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('build.ts')) {
  // On stderr: stdout belongs to what runs after the build (the CLI's --json, the console).
  run(async () => {
    const all = process.argv.includes('--all');
    const t0 = performance.now();
    const { outDir, files, cached } = await buildProject({ all });
    process.stderr.write(
      `built ${files} modules into ${path.relative(PROJECT_ROOT, outDir)}/ and cached ${cached} parsed knowledge files in ${Math.round(performance.now() - t0)} ms\n`,
    );
  });
}
