// npm start: with a DISCORD_TOKEN, the gateway bot; without one, the same commands in a local console.
import { createCore } from './answers/core.ts';
import { warmUpDateReader } from './answers/date-input.ts';
import { createDispatcher } from './commands/dispatch.ts';
import { loadCommands } from './commands/load.ts';
import { ConfigError, getConfig } from './config.ts';
import { createLogger } from './log.ts';
import { runConsole } from './transports/console.ts';

try {
  const config = getConfig();
  const consoleMode = config.DISCORD_TOKEN === undefined;
  const log = createLogger(consoleMode && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const started = performance.now();
  const core = createCore();
  const commands = await loadCommands();
  log.info({ ms: Math.round(performance.now() - started), commands: [...commands.keys()] }, 'knowledge loaded and indexed');
  const dispatcher = createDispatcher(commands, core, log);
  // After the current turn, so it overlaps the gateway login / listen instead of delaying them.
  setImmediate(warmUpDateReader);
  if (consoleMode) {
    await runConsole(dispatcher);
  } else {
    const { runGateway } = await import('./transports/gateway.ts');
    await runGateway({ config, dispatcher, log });
  }
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
