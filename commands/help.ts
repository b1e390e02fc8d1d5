// /help — what the bot knows, what each command does, and where its answers come from.
import { answer } from '../src/answers/model.ts';
import { defineCommand } from '../src/commands/command.ts';
import { reply } from '../src/render/discord.ts';

export default defineCommand({
  data: { name: 'help', description: 'What this bot can tell you, and how to ask' } as const,
  execute: (_options, core) =>
    reply(
      answer('help', {
        title: 'incident-desk: the 2019 Pegasus–WhatsApp incident in India',
        body: [
          `I answer only from two articles: ${core.kb.sources.map((s) => s.label).join(' and ')}. Every answer comes with its date and the exact words of its source; when the articles don't say, I say so.`,
          '**/ask** `question` — ask in your own words, e.g. `/ask when did WhatsApp sue NSO?`',
          '**/source** `claim` — check a claim, e.g. `/source 1,400 Indians were hacked`',
          '**/who-knew** `date` — who knew what by a date, e.g. `/who-knew 6 Sep 2019`',
          '**/timeline** `[from] [to] [party]` — the events in order, e.g. `/timeline party:NSO`',
        ].join('\n'),
      }),
    ),
});
