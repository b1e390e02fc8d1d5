// npm run kb:gaps [-- --since 7d] [--json]: what members asked that the bot could not answer well,
// the answers they voted 👎 and their problem reports, from the curator store (SQLite in DATA_DIR,
// or PostgreSQL at DATABASE_URL) — for each group of questions, the entry a curator would extend.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { getConfig } from '../config.ts';
import type { Driver } from '../curator/db/driver.ts';
import { problemOf } from '../curator/db/problem.ts';
import { SQLITE_FILE } from '../curator/db/sqlite.ts';
import { gapReport, parseSince } from '../curator/gaps.ts';
import { gapsText } from '../curator/gaps-text.ts';
import { createStore } from '../curator/store.ts';
import { loadKnowledge } from '../kb/load.ts';
import { run, StartupError } from '../start.ts';

const USAGE = 'usage: npm run kb:gaps [-- --since 7d] [--json]   (--since: 30m, 12h, 7d, 2w; default 7d)';

run(async () => {
  const args = process.argv.slice(2);
  let sinceMs = 7 * 86_400_000;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--since' || a.startsWith('--since=')) {
      const value = a === '--since' ? args[++i] : a.slice('--since='.length);
      const ms = value === undefined ? null : parseSince(value);
      if (ms === null) throw new StartupError(`--since ${value ?? ''}: not a period such as 7d, 12h or 2w.\n${USAGE}`);
      sinceMs = ms;
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return;
    } else throw new StartupError(`${a}: not an option of kb:gaps.\n${USAGE}`);
  }
  const config = getConfig();
  const kb = loadKnowledge();
  let driver: Driver;
  if (config.DATABASE_URL) {
    const { postgresDriver } = await import('../curator/db/postgres.ts');
    driver = postgresDriver(config.DATABASE_URL, { max: 1 });
  } else {
    const file = path.resolve(config.DATA_DIR, SQLITE_FILE);
    if (!existsSync(file)) {
      const empty = gapReport(kb, { asked: [], votes: [], reports: [] }, Date.now() - sinceMs);
      console.log(
        json
          ? JSON.stringify(empty, null, 2)
          : `${gapsText(empty, file)}\n(no database there yet: the bot creates it on its first start)`,
      );
      return;
    }
    const { sqliteDriver } = await import('../curator/db/sqlite.ts');
    driver = sqliteDriver(config.DATA_DIR);
  }
  const store = createStore(driver);
  try {
    const since = Date.now() - sinceMs;
    const report = gapReport(kb, await store.read(since), since);
    console.log(json ? JSON.stringify(report, null, 2) : gapsText(report, driver.where));
  } catch (err) {
    const variable = driver.engine === 'postgres' ? 'DATABASE_URL' : 'DATA_DIR';
    throw new StartupError(`${variable}: cannot read ${driver.where}: ${problemOf(err)}`);
  } finally {
    await store.close().catch(() => undefined);
  }
});
