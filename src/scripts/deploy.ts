// npm run deploy: registers the slash commands from commands/ with one bulk overwrite — to the
// guild in DISCORD_GUILD_ID when set (instant, for testing), otherwise globally. The same modules
// the bot runs are the single source of truth.
import { REST, Routes } from 'discord.js';
import { loadCommands } from '../commands/load.ts';
import { getConfig, requireKeys } from '../config.ts';
import { loginError, run, StartupError } from '../start.ts';

run(async () => {
  const config = requireKeys(getConfig(), ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'], 'npm run deploy');
  const commands = await loadCommands();
  const body = [...commands.values()].map((c) => c.data);
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
  let registered: Array<{ name: string; id: string }>;
  try {
    registered = (await rest.put(route, { body })) as Array<{ name: string; id: string }>;
  } catch (err) {
    const refused = loginError(err);
    throw refused instanceof StartupError ? refused : new StartupError(`Deploy failed: ${(err as Error).message}`);
  }
  const where = config.DISCORD_GUILD_ID
    ? `guild ${config.DISCORD_GUILD_ID} (available now)`
    : 'globally (may take up to an hour to appear)';
  console.log(`Registered ${registered.length} commands ${where}:`);
  for (const c of registered)
    console.log(`  ${(c as { type?: number }).type === 3 ? `${c.name} (message menu)` : `/${c.name}`}  (id ${c.id})`);
  // Both install links (Developer Portal → Installation: tick Guild Install and User Install).
  const id = config.DISCORD_APPLICATION_ID;
  console.log('\nInstall links (enable both under Installation → Installation Contexts in the Developer Portal):');
  console.log(
    `  to a server:       https://discord.com/oauth2/authorize?client_id=${id}&scope=bot+applications.commands&integration_type=0`,
  );
  console.log(
    `  to your account:   https://discord.com/oauth2/authorize?client_id=${id}&scope=applications.commands&integration_type=1`,
  );
});
