// npm run start:sharded — for bots in more than 2,500 servers, where Discord requires sharding.
// discord.js's own ShardingManager spawns one process per shard, each running main (compiled, or
// under tsx) with the shard ids it was given; Discord's recommended shard count comes from GET
// /gateway/bot (or SHARD_COUNT when set).
import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';
import { getConfig, requireKeys } from './config.ts';
import { createLogger } from './log.ts';
import { COMPILED } from './paths.ts';
import { loginError, run } from './start.ts';

run(async () => {
  const config = requireKeys(getConfig(), ['DISCORD_TOKEN'], 'npm run start:sharded');
  const log = createLogger(config.LOG_LEVEL);
  // Each shard runs main from the same layout as this file: dist/src/main.js under plain node when
  // compiled (npm run start:sharded), src/main.ts under tsx otherwise.
  const manager = new ShardingManager(fileURLToPath(new URL(COMPILED ? './main.js' : './main.ts', import.meta.url)), {
    token: config.DISCORD_TOKEN,
    totalShards: config.SHARD_COUNT ?? 'auto',
    // tsx resolved from here, not from the working directory the shards inherit.
    execArgv: COMPILED ? process.execArgv : ['--import', import.meta.resolve('tsx')],
  });
  manager.on('shardCreate', (shard) => log.info({ shard: shard.id }, 'shard launched'));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down every shard');
      for (const shard of manager.shards.values()) shard.kill();
      process.exit(0);
    });
  }
  try {
    await manager.spawn();
  } catch (err) {
    throw loginError(err);
  }
});
