// npm run start:sharded — for bots in more than 2,500 servers, where Discord requires sharding.
// discord.js's own ShardingManager spawns one process per shard, each running main (compiled, or under tsx) with
// the shard ids it was given; Discord's recommended shard count comes from GET /gateway/bot.
import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';
import { ConfigError, getConfig, requireKeys } from './config.ts';
import { createLogger } from './log.ts';
import { COMPILED } from './paths.ts';

try {
  const config = requireKeys(getConfig(), ['DISCORD_TOKEN'], 'npm run start:sharded');
  const log = createLogger(config.LOG_LEVEL);
  // Each shard runs main from the same layout as this file: dist/src/main.js under plain node when
  // compiled (npm run start:sharded), src/main.ts under tsx otherwise.
  const manager = new ShardingManager(fileURLToPath(new URL(COMPILED ? './main.js' : './main.ts', import.meta.url)), {
    token: config.DISCORD_TOKEN,
    totalShards: 'auto',
    execArgv: COMPILED ? process.execArgv : ['--import', 'tsx'],
  });
  manager.on('shardCreate', (shard) => log.info({ shard: shard.id }, 'shard launched'));
  await manager.spawn();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
