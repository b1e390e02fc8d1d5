// pino logger: JSON lines by default (for log collectors), pretty when a person watches a
// terminal and pino-pretty is installed (a devDependency: `npm ci --omit=dev` has JSON lines
// only). Secrets are redacted wherever they might appear in a logged object.
import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  'token',
  '*.token',
  '*.*.token',
  'interaction.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'config.DISCORD_TOKEN',
  'authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'headers["x-signature-ed25519"]',
  '*.headers["x-signature-ed25519"]',
  'signature',
  '*.signature',
];

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { app: 'incident-desk' },
  };
  if (destination) return pino(options, destination);
  // Logs go to stderr so stdout stays clean for the console and for --json output.
  if (process.stderr.isTTY && !process.env.CI && hasPretty()) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino(options, pino.destination(2));
}

/** Whether pino-pretty can be loaded: a production install (`--omit=dev`) does not have it. */
function hasPretty(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
