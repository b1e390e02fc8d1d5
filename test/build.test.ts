// The compiled build (npm run build → dist/), which `npm start` and `npm run serve` run under plain
// node: it must start and answer exactly like the sources, and its knowledge parse cache must never
// serve a file whose text has changed.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_KNOWLEDGE_DIR } from '../src/kb/load.ts';
import { FILES } from '../src/kb/schema.ts';
import { cachedParse, cachedValue, writeParseCache } from '../src/kb/parse-cache.ts';
import { buildProject } from '../src/scripts/build.ts';
import { INLINED } from '../src/scripts/bundle.ts';
import { copyProject } from './helpers/project-copy.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Inside the project (as dist/ is), so the build finds node_modules and knowledge/ the same way.
const CACHE = path.join(ROOT, 'node_modules', '.cache');
let outDir = '';

function runConsole(
  main: string,
  input: string,
  args: string[] = [],
  cwd = ROOT,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // An empty token wins over any .env (dotenv never overrides): console mode.
    const env = { ...process.env, DISCORD_TOKEN: '' };
    const child = execFile(process.execPath, [main, ...args], { cwd, env, timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(input);
  });
}

describe('npm run build', () => {
  beforeAll(async () => {
    mkdirSync(CACHE, { recursive: true });
    outDir = mkdtempSync(path.join(CACHE, 'build-test-'));
    await buildProject({ outDir });
  }, 30_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes every module of src/ and commands/ as JavaScript, and a parse cache of every knowledge file', () => {
    const js = readdirSync(outDir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.js'));
    expect(js).toContain(path.join('src', 'main.js'));
    expect(js).toContain(path.join('commands', 'ask.js'));
    expect(js.some((f) => f.startsWith('test') || f.startsWith('bench'))).toBe(false);
    // Each knowledge file once: the entry files as their validated entries, the lexicon and
    // about.yaml as validated wholes, anything else as its parse.
    const cache = JSON.parse(readFileSync(path.join(outDir, 'knowledge.parsed.json'), 'utf8')) as Record<
      'docs' | 'entries' | 'values',
      Record<string, unknown>
    >;
    const yamlFiles = readdirSync(DEFAULT_KNOWLEDGE_DIR).filter((f) => f.endsWith('.yaml'));
    expect(Object.keys(cache.entries)).toHaveLength(Object.keys(FILES).length);
    expect(Object.keys(cache.values)).toHaveLength(2);
    expect(Object.keys(cache.docs).length + Object.keys(cache.entries).length + 2).toBe(yamlFiles.length);
  });

  it('bundles zod and chrono-node into dist/vendor/ and uses them only from there', () => {
    const js = readdirSync(outDir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.js') && !f.startsWith('vendor'));
    const bare = js.filter((f) =>
      /from\s*["'](zod|chrono-node)[^"']*["']/.test(readFileSync(path.join(outDir, f), 'utf8')),
    );
    expect(bare).toEqual([]);
    expect(readFileSync(path.join(outDir, 'src', 'config.js'), 'utf8')).toMatch(/from\s*"\.\.\/vendor\/zod\.js"/);
    // chrono-node: one CommonJS file the date reader requires on first use (not an import).
    const dateInput = readFileSync(path.join(outDir, 'src', 'answers', 'date-input.js'), 'utf8');
    expect(dateInput).toMatch(/["']chrono-node-en\.cjs["']/);
    expect(dateInput).not.toMatch(/^import[^\n]*chrono/m);
    expect(readdirSync(path.join(outDir, 'vendor'))).toContain('chrono-node-en.cjs');
  });

  it('starts under plain node and answers in the console like the sources', async () => {
    const r = await runConsole(
      path.join(outDir, 'src', 'main.js'),
      '/ask who made pegasus\n/who-knew 6/9/2019\n/quit\n',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NSO Group');
    expect(r.stdout).toContain(
      'Prasad said WhatsApp has informed the government that the spyware Pegasus was developed by the Israel based NSO Group',
    );
    // zod validated the knowledge base; chrono-node read a day-first date.
    expect(r.stdout).toContain('I read 6/9/2019 as day/month/year (6 September 2019)');
  }, 20_000);

  it('bundles each entry point into one module, its lazily loaded parts (gateway, database drivers) split beside it', () => {
    for (const entry of ['src/main.js', 'src/serve.js', 'src/shard.js', 'src/cli/ask.js']) {
      const name = path.basename(entry, '.js');
      const dir = path.dirname(path.join(outDir, entry));
      // What the entry loads before it runs (static imports, followed), and what it may load later.
      const loaded = new Set<string>();
      const later = new Set<string>();
      const follow = (file: string) => {
        if (loaded.has(file)) return;
        loaded.add(file);
        const code = readFileSync(file, 'utf8');
        for (const [, spec] of code.matchAll(/(?:^|\n)(?:import|export)[^;'"]*?["']([^"']+)["']/g)) {
          if (!spec!.startsWith('.')) continue;
          const target = path.resolve(path.dirname(file), spec!);
          expect(
            target.startsWith(path.join(outDir, 'vendor')) || path.basename(target).startsWith(`${name}.`),
            spec,
          ).toBe(true);
          if (!target.startsWith(path.join(outDir, 'vendor'))) follow(target);
        }
        for (const [, spec] of code.matchAll(/\bimport\(["']([^"']+)["']\)/g)) later.add(spec!);
      };
      follow(path.join(outDir, entry));
      const packages = [...loaded].flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/(?:^|\n)import[^;'"]*?["']([^."'][^"']*)["']/g)].map((m) => m[1]),
      );
      // The sharding manager is discord.js's own; the others load it only for the gateway.
      if (name !== 'shard') expect(packages, entry).not.toContain('discord.js');
      expect(packages, entry).not.toContain('pg');
      expect(packages, entry).not.toContain('better-sqlite3');
      for (const inlined of INLINED) expect(packages, entry).not.toContain(inlined);
      expect(
        [...later].every((spec) => path.basename(spec).startsWith(`${name}.`)),
        `${entry}: ${[...later].join(', ')}`,
      ).toBe(true);
      expect(dir.startsWith(path.join(outDir, 'src'))).toBe(true);
    }
    // main's gateway (discord.js) comes in only when there is a token.
    const main = readFileSync(path.join(outDir, 'src', 'main.js'), 'utf8');
    expect(main).toMatch(/import\("\.\/main\.gateway-[\w]+\.js"\)/);
  });

  it("keeps zod's English messages with its other locales cut from the vendored bundle", async () => {
    const child = spawn(process.execPath, [path.join(outDir, 'src', 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, DISCORD_TOKEN: '', LOG_LEVEL: 'loud' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.stdin.end();
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('LOG_LEVEL: Invalid option: expected one of');
    expect(readFileSync(path.join(outDir, 'vendor', 'zod.js'), 'utf8')).not.toMatch(/Nieprawidłowe|Ungültige Eingabe/); // no Polish, no German
  }, 20_000);

  it('ends quietly, exit 0, when the reader of its output goes away (npm start | head)', async () => {
    const child = spawn(process.execPath, [path.join(outDir, 'src', 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, DISCORD_TOKEN: '' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end('/timeline\n'.repeat(200) + '/quit\n');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 20_000);
});

describe('the bundled commands (a copy of the project)', () => {
  let project = '';
  beforeAll(() => {
    project = copyProject('bundled-commands');
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  // The launcher builds (the folder changed), then runs the bundled main.
  const launch = () => runConsole(path.join(project, 'scripts', 'run.mjs'), '/quit\n', ['src/main.js'], project);

  it('are the files of commands/ at build time, each still checked against the schema when loaded', async () => {
    writeFileSync(path.join(project, 'commands', 'broken.ts'), "export default { data: { name: 'Broken!' } };\n");
    const broken = await launch();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('commands/broken.ts: default export is not a command');

    rmSync(path.join(project, 'commands', 'broken.ts'));
    const help = readFileSync(path.join(project, 'commands', 'help.ts'), 'utf8');
    writeFileSync(
      path.join(project, 'commands', 'extra.ts'),
      help
        .replace("name: 'help'", "name: 'extra'")
        .replace("example: '/help'", "example: '/extra'")
        .replace(/description: 'What this bot[^']*'/, "description: 'A command the test added'"),
    );
    const added = await launch();
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr.trim()).toMatch(/^built \d+ modules[^\n]*$/); // the launcher's build, nothing else
    expect(added.stdout).toMatch(/\/extra\s+A command the test added/);
  }, 60_000);
});

describe('the knowledge parse cache', () => {
  it('gives the stored parse only for the exact text it was made from', () => {
    mkdirSync(CACHE, { recursive: true });
    const dir = mkdtempSync(path.join(CACHE, 'parse-cache-test-'));
    try {
      const file = path.join(dir, 'cache.json');
      const text = 'events:\n  - id: a\n    title: "121 users"\n';
      expect(writeParseCache(file, [{ text, doc: parse(text) as unknown }])).toBe(1);
      expect(cachedParse(text, file)).toEqual({ events: [{ id: 'a', title: '121 users' }] });
      expect(cachedParse(text.replace('121', '1400'), file)).toBeUndefined();
      expect(cachedParse(`${text} `, file)).toBeUndefined();
      // A file validated as a whole (the lexicon, about.yaml): its validated form, likewise.
      const about = 'about:\n  updated: "2026-12-01"\n';
      const value = { updated: '2026-12-01', report: 'default filled in by the schema' };
      expect(writeParseCache(file, [{ text: about, doc: parse(about) as unknown, value }])).toBe(1);
      expect(cachedValue(about, file)).toEqual(value);
      expect(cachedValue(about.replace('01', '02'), file)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves out what JSON cannot carry, so such a file is parsed at start instead', () => {
    mkdirSync(CACHE, { recursive: true });
    const dir = mkdtempSync(path.join(CACHE, 'parse-cache-test-'));
    try {
      const file = path.join(dir, 'cache.json');
      expect(writeParseCache(file, [{ text: 'when: x', doc: { when: new Date(0) } }])).toBe(0);
      expect(cachedParse('when: x', file)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is absent when running the sources, which parse the YAML', () => {
    expect(cachedParse(readFileSync(path.join(DEFAULT_KNOWLEDGE_DIR, 'parties.yaml'), 'utf8'))).toBeUndefined();
  });
});
