// One start-up for every entry point (npm start, serve, start:sharded, deploy): the configuration
// read once, the logger, the knowledge base, its index, the commands and the dispatcher — and one
// way of failing. A user's mistake (a bad variable, a broken knowledge file, a port in use, a HOST
// that is not this machine's, a token Discord refuses) is one line naming what to fix, exit 1,
// never a stack trace; anything else is logged as a crash with its stack, exit 1.
import type { Logger } from 'pino';
import { createCore, type Core } from './answers/core.ts';
import { createDispatcher, type Dispatcher } from './commands/dispatch.ts';
import { loadCommands, type Commands } from './commands/load.ts';
import { ConfigError, getConfig, requireKeys, type Config } from './config.ts';
import type { Curator } from './curator/curator.ts';
import { createDesk, type Desk } from './desk.ts';
import { KnowledgeError } from './kb/load.ts';
import { createLogger } from './log.ts';

/** A failure with one line that says what to fix. */
export class StartupError extends Error {
  override name = 'StartupError';
}

export interface Started<C extends Config = Config> {
  config: C;
  log: Logger;
  core: Core;
  commands: Commands;
  dispatcher: Dispatcher;
  /** What the transports hand interactions to: the dispatcher, the cooldown and the curator loop. */
  desk: Desk;
  /** The question log, feedback and reports, and the shared cooldown (null when not recording). */
  curator: Curator | null;
  /** Writes what is still queued and closes the database: before the process exits. */
  close(): Promise<void>;
  /** Milliseconds from the start of startUp() to ready. */
  ms: number;
}

export async function startUp<K extends keyof Config = never>(opts: {
  mode: string;
  needs?: readonly K[];
  quiet?: boolean;
  /** Open the curator store (the default): questions, votes and reports are recorded. */
  record?: boolean;
}): Promise<Started<Config & { [P in K]-?: NonNullable<Config[P]> }>> {
  const started = performance.now();
  const config = requireKeys(getConfig(), opts.needs ?? [], opts.mode);
  // The console is for a person: only warnings and worse, unless LOG_LEVEL asks for more.
  const log = createLogger(opts.quiet && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const core = createCore();
  const commands = await loadCommands();
  const record = opts.record !== false;
  const dispatcher = createDispatcher(commands, core, log, {
    records: record ? { questionLog: config.QUESTION_LOG === 'on', retentionDays: config.RETENTION_DAYS } : null,
  });
  let curator: Curator | null = null;
  if (record) {
    const { openCurator } = await import('./curator/curator.ts');
    curator = await openCurator({ config, kb: core.kb, log });
  }
  const desk = createDesk({ dispatcher, core, log, curator, ...(curator ? { cooldown: curator.cooldown } : {}) });
  const ms = Math.round(performance.now() - started);
  log.info(
    {
      ms,
      knowledge: core.kb.version,
      commands: [...commands.keys()],
      records: curator
        ? `${curator.engine}: ${curator.where}${curator.questionLog ? '' : ' (question log off)'}`
        : 'off',
    },
    'knowledge loaded and indexed',
  );
  const close = async () => {
    await curator?.close();
  };
  return { config, log, core, commands, dispatcher, desk, curator, close, ms };
}

/** Runs an entry point: a user's mistake is one line on stderr, exit 1; anything else a crash report. */
export function run(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    const line = userMistake(err);
    if (line) {
      process.stderr.write(`${line}\n`);
    } else {
      process.stderr.write(
        `incident-desk crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
    }
    process.exit(1);
  });
}

function userMistake(err: unknown): string | null {
  if (err instanceof ConfigError || err instanceof StartupError) return err.message;
  if (err instanceof KnowledgeError) return err.message;
  return null;
}

/** A listen error as what to change: the port is taken, the host is not this machine's… */
export function listenError(
  err: unknown,
  config: Pick<Config, 'HOST' | 'PORT'>,
  vars = { host: 'HOST', port: 'PORT' },
): Error {
  const code = (err as NodeJS.ErrnoException).code;
  const where = `${config.HOST}:${config.PORT}`;
  if (code === 'EADDRINUSE')
    return new StartupError(
      `${vars.port}=${config.PORT}: that port is already in use on ${config.HOST} (another program, or another copy of the bot?). Set ${vars.port} to a free port.`,
    );
  if (code === 'EADDRNOTAVAIL')
    return new StartupError(
      `${vars.host}=${config.HOST} is not an address of this machine. Set ${vars.host} to one of its addresses, or to 0.0.0.0 for all of them.`,
    );
  if (code === 'EACCES')
    return new StartupError(
      `${vars.port}=${config.PORT}: listening there needs privileges this process does not have. Use a port above 1023.`,
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new StartupError(
      `${vars.host}=${config.HOST}: no such host name. Set ${vars.host} to an address of this machine, or to 0.0.0.0.`,
    );
  return err instanceof Error ? err : new Error(`cannot listen on ${where}: ${String(err)}`);
}

/** A refused login as one line naming DISCORD_TOKEN (discord.js throws TokenInvalid or a 401). */
export function loginError(err: unknown): Error {
  const e = err as { code?: unknown; status?: unknown; message?: unknown };
  if (
    e.code === 'TokenInvalid' ||
    e.status === 401 ||
    (e.code === 0 && /401|unauthori[sz]ed/i.test(String(e.message)))
  ) {
    return new StartupError(
      'DISCORD_TOKEN was refused by Discord (401 Unauthorized). Reset the token (Developer Portal → your application → Bot → Reset Token) and put the new one in .env.',
    );
  }
  if (e.code === 'DisallowedIntents')
    return new StartupError(
      'Discord refused the gateway intents this bot asks for (Guilds only). Check the application in the Developer Portal.',
    );
  return err instanceof Error ? err : new Error(String(err));
}
