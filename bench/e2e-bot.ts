// Child process: one of the two bots of the end-to-end benchmark, logged in to a fake Discord
// that lives in the parent. Each bot gets its own process, as it would in production, so the
// garbage one makes never pauses the other's measurements.
//   bot  — the real gateway bot: runGateway with the real knowledge base and commands
//   recording — the same, recording to SQLite in a temp dir (what npm start does by default)
//   bare — a discord.js Client (intent Guilds) that replies "pong" to every interaction
// Sends {ready: true} once logged in, {problem} for anything that went wrong; stopped by the parent.
//
// argv: bot|recording|bare apiUrl token
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCurator } from '../src/curator/curator.ts';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { createCore } from '../src/answers/core.ts';
import { warmUpDateReader } from '../src/answers/date-input.ts';
import { createDispatcher } from '../src/commands/dispatch.ts';
import { createDesk } from '../src/desk.ts';
import { loadCommands } from '../src/commands/load.ts';
import { parseConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { runGateway } from '../src/transports/gateway.ts';
import { guardLoopback } from '../test/fake-discord/loopback-guard.ts';

const [kind, apiUrl, token] = process.argv.slice(2) as [string, string, string];
guardLoopback(); // nothing in this process may leave 127.0.0.1
const problem = (p: string) => process.send!({ problem: p.slice(0, 300) });

let client: Client;
if (kind === 'bot' || kind === 'recording') {
  // Warnings and errors only (a failed reply is one); each is reported as a problem of the run.
  const log = createLogger('warn', { write: (line: string) => problem(`bot log: ${line.trim()}`) });
  // As src/main.ts builds it, the per-user cooldown included: every interaction comes from a
  // different member (bench/e2e.ts), as on a busy server.
  const core = createCore();
  const config = parseConfig({
    DISCORD_TOKEN: token,
    DISCORD_API_URL: apiUrl,
    LOG_LEVEL: 'warn',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bench-e2e-')),
  });
  const curator = kind === 'recording' ? await openCurator({ config, kb: core.kb, log }) : null;
  const dispatcher = createDispatcher(await loadCommands(), core, log, {
    records: curator ? { questionLog: true, retentionDays: 90 } : null,
  });
  setImmediate(warmUpDateReader); // as src/main.ts does
  const bot = await runGateway({
    config,
    desk: createDesk({ dispatcher, core, log, curator, ...(curator ? { cooldown: curator.cooldown } : {}) }),
    log,
    handleSignals: false,
  });
  client = bot.client;
  if (!client.isReady()) await once(client, Events.ClientReady);
} else {
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isRepliable())
      void interaction.reply('pong').catch((err: unknown) => problem(`bare reply failed: ${String(err)}`));
  });
  const ready = once(client, Events.ClientReady);
  await client.login(token);
  await ready;
}
process.send!({ ready: true });
// Resident memory on request: after login, and after the run (a real gateway process, discord.js
// and its caches included, which the start-up probe does not load).
process.on('message', (m: { memory?: true }) => {
  if (m.memory) process.send!({ memory: { rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed } });
});
