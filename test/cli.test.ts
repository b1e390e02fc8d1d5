import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], { env: { ...process.env, DISCORD_TOKEN: '' } });

describe('one-shot CLI', () => {
  it('--json prints exactly one JSON object with outcome and the Discord payload, exit 0', async () => {
    const { stdout } = await cli('who-knew', '2019-09-06', '--json');
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(out.outcome).toBe('answer');
    expect(out.message.allowed_mentions).toEqual({ parse: [] });
    expect(out.message.embeds[0].title).toContain('6 September 2019');
  });

  it('reports verdicts for /source and exits 0 for no-answer and invalid input too', async () => {
    const source = JSON.parse((await cli('source', '1,400', 'Indians', 'were', 'hacked', '--json')).stdout);
    expect(source).toMatchObject({ outcome: 'answer', verdict: 'contradicted' });
    expect(JSON.parse((await cli('ask', 'price', 'of', 'bitcoin', '--json')).stdout).outcome).toBe('no-answer');
    expect(JSON.parse((await cli('who-knew', 'banana', '--json')).stdout).outcome).toBe('invalid-input');
  });

  it('--page turns pages like a button press, and prints readable text without --json', async () => {
    const page2 = JSON.parse((await cli('timeline', '--page', '2', '--json')).stdout);
    expect(page2.message.embeds[0].footer.text).toMatch(/page 2 of/);
    const { stdout } = await cli('ask', 'who', 'made', 'pegasus');
    expect(stdout).toContain('NSO Group');
    expect(stdout).toContain('> ');
  });

  it('rejects a malformed command line with usage and exit 2', async () => {
    await expect(cli('frobnicate')).rejects.toMatchObject({ code: 2 });
  });
});
