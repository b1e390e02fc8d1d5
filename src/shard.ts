// npm run start:sharded — for bots in more than 2,500 servers, where Discord requires sharding.
// discord.js's own ShardingManager spawns one process per shard, each running src/main.ts with
// the shard ids it was given; Discord's recommended shard count comes from GET /gateway/bot.
import { ShardingManager } from 'discord.js';
import { ConfigError, getConfig, requireKeys } from './config.ts';
import { createLogger } from './log.ts';

try {
  const config = requireKeys(getConfig(), ['DISCORD_TOKEN'], 'npm run start:sharded');
  const log = createLogger(config.LOG_LEVEL);
  const manager = new ShardingManager(new URL('./main.ts', import.meta.url).pathname, {
    token: config.DISCORD_TOKEN,
    totalShards: 'auto',
    execArgv: ['--import', 'tsx'],
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
