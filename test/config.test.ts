import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, requireKeys } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { NO_METRICS, reporter } from '../src/observe.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('config', () => {
  it('defaults everything optional, so the console needs no setup at all', () => {
    const c = parseConfig({});
    expect(c.DISCORD_TOKEN).toBeUndefined();
    expect(c.DISCORD_API_URL).toBe('https://discord.com/api');
    expect(c.PORT).toBe(3000);
    expect(c.LOG_LEVEL).toBe('info');
  });

  it('names each malformed variable, without echoing its value', () => {
    let message = '';
    try {
      parseConfig({
        DISCORD_TOKEN: 'short secret',
        DISCORD_APPLICATION_ID: 'abc',
        PORT: '99999',
        LOG_LEVEL: 'loud',
        DISCORD_PUBLIC_KEY: 'xyz',
      });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    for (const name of ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'PORT', 'LOG_LEVEL', 'DISCORD_PUBLIC_KEY'])
      expect(message).toContain(name);
    expect(message).not.toContain('short secret');
  });

  it('says which variables a mode needs', () => {
    expect(() => requireKeys(parseConfig({}), ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'], 'npm run deploy')).toThrow(
      /npm run deploy needs DISCORD_TOKEN, DISCORD_APPLICATION_ID/,
    );
    expect(requireKeys(parseConfig({ DISCORD_TOKEN: TOKEN }), ['DISCORD_TOKEN'], 'x').DISCORD_TOKEN).toBe(TOKEN);
  });

  it('treats blank values as unset (a copied .env.example works as is)', () => {
    expect(parseConfig({ DISCORD_TOKEN: '', PORT: '', DISCORD_GUILD_ID: ' ' }).PORT).toBe(3000);
  });
});

describe('logs', () => {
  it('redact tokens, authorization headers and signatures wherever they appear', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger('debug', sink);
    log.info(
      {
        token: TOKEN,
        interaction: { id: '1', token: 'interaction-secret-token' },
        headers: { authorization: `Bot ${TOKEN}`, 'x-signature-ed25519': 'feedface' },
        config: { DISCORD_TOKEN: TOKEN },
      },
      'x',
    );
    const out = lines.join('');
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('interaction-secret-token');
    expect(out).not.toContain('feedface');
    expect(out).toContain('[redacted]');
  });
});

describe('the interaction line', () => {
  const capture = (level: string) => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    return { lines, log: createLogger(level, sink).child({ shardBinding: 1 }) };
  };
  const event = { command: 'ask', kind: 'command', outcome: 'answer', handlerMs: 0.834, responseMs: 12.4 } as const;

  it('is the line the redacting logger writes for the same fields (it skips redaction, having nothing to redact)', () => {
    const direct = capture('info');
    direct.log.info({ command: 'ask', kind: 'command', outcome: 'answer', ms: 0.83, responseMs: 12 }, 'interaction');
    const reported = capture('info');
    reporter(reported.log, () => NO_METRICS)(event);
    const strip = (l: string) => ({ ...(JSON.parse(l) as Record<string, unknown>), time: 0, pid: 0 });
    expect(reported.lines).toHaveLength(1);
    expect(strip(reported.lines[0]!)).toEqual(strip(direct.lines[0]!));
    expect(JSON.parse(reported.lines[0]!)).toMatchObject({ app: 'incident-desk', shardBinding: 1, msg: 'interaction' });
  });

  it('follows the logger it was given: nothing at warn, and the question still only at debug', () => {
    const quiet = capture('warn');
    reporter(quiet.log, () => NO_METRICS)({ ...event, text: 'who made pegasus' });
    expect(quiet.lines).toHaveLength(0);
    const loud = capture('debug');
    reporter(loud.log, () => NO_METRICS)({ ...event, text: 'who made pegasus' });
    expect(loud.lines.map((l) => (JSON.parse(l) as { level: number }).level)).toEqual([30, 20]);
  });
});
