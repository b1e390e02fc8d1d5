// Configuration: read once from the environment (and .env, via dotenv), validated with zod.
// A missing or malformed variable stops start-up with one message naming it; nothing else in
// the code reads process.env.
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17-20 digits)');
const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** A TCP port written in decimal: "0x10" and "1e3" are not ports (Number() would read them as 16 and 1000). */
const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number written in decimal digits (0-65535)')
  .transform(Number)
  .refine((n) => n <= 65535, 'must be a port number from 0 to 65535');

export const ConfigSchema = z.object({
  DISCORD_TOKEN: z.preprocess(
    blankIsUnset,
    z
      .string()
      .min(50, 'looks too short for a bot token')
      .regex(/^[\w.-]+$/, 'has characters a bot token never has')
      .optional(),
  ),
  DISCORD_APPLICATION_ID: z.preprocess(blankIsUnset, snowflake.optional()),
  DISCORD_PUBLIC_KEY: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[0-9a-f]{64}$/i, 'must be the 64-character hex public key from the Developer Portal')
      .optional(),
  ),
  DISCORD_GUILD_ID: z.preprocess(blankIsUnset, snowflake.optional()),
  DISCORD_API_URL: z.preprocess(
    blankIsUnset,
    z
      .string()
      .url('must be a URL such as https://discord.com/api')
      .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must be an http:// or https:// URL')
      .default('https://discord.com/api'),
  ),
  PORT: z.preprocess(blankIsUnset, port.default(3000)),
  HOST: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[\w.:-]+$/, 'must be a host name or an IP address such as 0.0.0.0')
      .default('0.0.0.0'),
  ),
  /** npm run start:sharded: how many shards (unset: as many as Discord recommends). */
  SHARD_COUNT: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[1-9]\d{0,3}$/, 'must be a whole number of shards, 1 or more')
      .transform(Number)
      .optional(),
  ),
  /** Where the gateway bot serves /metrics (Prometheus) and /healthz; unset, it serves none. */
  METRICS_PORT: z.preprocess(blankIsUnset, port.optional()),
  /** Where the question log, feedback and reports are kept in SQLite when DATABASE_URL is unset. */
  DATA_DIR: z.preprocess(blankIsUnset, z.string().default('./data')),
  /** PostgreSQL instead of SQLite, so several shards and replicas share one log and one cooldown. */
  DATABASE_URL: z.preprocess(
    blankIsUnset,
    z
      .string()
      .refine((u) => /^postgres(ql)?:\/\/[^\s]+$/.test(u), 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  /** "off": no question log (feedback and problem reports, which members send on purpose, stay on). */
  QUESTION_LOG: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.enum(['on', 'off']).default('on'),
  ),
  /** Records older than this many days are deleted (at start-up and daily). */
  RETENTION_DAYS: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[1-9]\d{0,4}$/, 'must be a whole number of days, 1 or more')
      .transform(Number)
      .default(90),
  ),
  /** A channel where "Report a problem" reports are posted for moderators (needs DISCORD_TOKEN). */
  REPORT_CHANNEL_ID: z.preprocess(blankIsUnset, snowflake.optional()),
  LOG_LEVEL: z.preprocess(
    blankIsUnset,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment; throws ConfigError naming each bad variable (never echoing its value). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Parsed once: zod's compiled fast path (code it generates on a schema's first parse) costs more
  // to make than it saves on one parse, ~3 ms of every start.
  const result = ConfigSchema.safeParse(env, { jitless: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`);
  if (lines.length === 1) throw new ConfigError(`${lines[0]} — fix it in your environment or .env (see .env.example)`);
  throw new ConfigError(
    `Invalid configuration — fix these in your environment or .env (see .env.example):\n  ${lines.join('\n  ')}`,
  );
}

let cached: Config | undefined;

/** The process's configuration, read once. */
export function getConfig(): Config {
  if (!cached) {
    loadDotenv({ quiet: true });
    cached = parseConfig(process.env);
  }
  return cached;
}

/** Throws ConfigError when a mode needs variables that are not set. */
export function requireKeys<K extends keyof Config>(
  config: Config,
  keys: readonly K[],
  mode: string,
): Config & { [P in K]-?: NonNullable<Config[P]> } {
  const missing = keys.filter((k) => config[k] === undefined);
  if (missing.length > 0)
    throw new ConfigError(
      `${mode} needs ${missing.join(', ')} — set ${missing.length > 1 ? 'them' : 'it'} in your environment or .env (see .env.example)`,
    );
  return config as Config & { [P in K]-?: NonNullable<Config[P]> };
}
