import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, requireKeys } from '../src/config.ts';
import { createLogger } from '../src/log.ts';

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
