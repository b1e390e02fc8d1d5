// npm start: with a DISCORD_TOKEN, the gateway bot; without one, the same commands in a local console.
import { warmUpDateReader } from './answers/date-input.ts';
import { getConfig } from './config.ts';
import { run, startUp } from './start.ts';
import { runConsole } from './transports/console.ts';

run(async () => {
  const consoleMode = getConfig().DISCORD_TOKEN === undefined;
  const started = await startUp({ mode: 'npm start', quiet: consoleMode });
  // After the current turn, so it overlaps the gateway login instead of delaying it.
  setImmediate(warmUpDateReader);
  if (consoleMode) {
    await runConsole(started.desk);
    await started.close();
  } else {
    const { runGateway } = await import('./transports/gateway.ts');
    await runGateway({ ...started, beforeExit: started.close });
  }
});
