// /help and /about: what the bot is, its commands (from the loaded modules), the two sources, the
// knowledge base's version, what the verdicts mean and how the record is read.
import type { CommandInfo, RecordsPolicy } from '../commands/command.ts';
import { formatDay } from '../kb/dates.ts';
import type { Core } from './core.ts';
import { answer, type Answer } from './model.ts';
import { WHO_KNEW_METHOD } from './who-knew.ts';

export const VERDICT_MEANINGS = {
  supported: 'the articles say so',
  contradicted: 'the articles say otherwise — a wrong figure, date or party, or who did what the wrong way round',
  disputed: 'the sources or the parties disagree, and the claim takes one side as fact (each side is quoted)',
  unverified: 'about the incident, but the two articles neither confirm nor refute it',
} as const;

export function helpAnswer(core: Core, commands: readonly CommandInfo[]): Answer {
  const lines = commands
    .filter((c) => c.name !== 'help')
    .map((c) => {
      if (c.type === 3) return `**${c.name}** (on any message: right-click or long-press → Apps) — ${c.description}`;
      const args = c.options
        .filter((o) => o.name !== 'private')
        .map((o) => (o.required ? `\`${o.name}\`` : `\`[${o.name}]\``))
        .join(' ');
      return `**/${c.name}**${args ? ` ${args}` : ''} — ${c.description}${c.example ? `, e.g. \`${c.example}\`` : ''}`;
    });
  return answer('help', {
    title: 'incident-desk: the 2019 Pegasus–WhatsApp incident in India',
    body: [
      `I answer only from two articles: ${core.kb.sources.map((s) => s.label).join(' and ')}. Every answer comes with its date and the exact words of its source; when the articles don't say, I say so.`,
      ...lines,
      'Every command takes `private: True` to keep the reply to yourself; refusals are private anyway.',
      `**How /who-knew reads the record:** ${WHO_KNEW_METHOD}`,
    ].join('\n'),
  });
}

/** What the bot keeps about members, and for how long: said plainly in /about and the README. */
export function recordsText(records: RecordsPolicy | null): string {
  if (!records) return '**What I keep:** nothing — this copy of the bot records no questions, votes or reports.';
  const kept = [
    records.questionLog
      ? 'questions I could not answer well (as typed, with the server and a keyed hash of your user id — never the id itself)'
      : null,
    '👍 / 👎 votes on answers',
    'problem reports you send',
  ].filter(Boolean);
  return `**What I keep:** ${kept.join(', ')} — so curators can fill the gaps. Deleted after ${records.retentionDays} days. Answers that went well are not recorded.`;
}

export function aboutAnswer(core: Core, records: RecordsPolicy | null = null): Answer {
  const sources = core.kb.sources.map((s) => {
    const date = s.published.date ? formatDay(s.published.date, false) : 'undated';
    const parts = [
      s.publisher ?? 'publisher not given',
      s.title ? `“${s.title}”` : 'no headline',
      s.dateline ? `dateline ${s.dateline}` : '',
      date,
    ].filter(Boolean);
    return `• ${parts.join(', ')}`;
  });
  const verdicts = Object.entries(VERDICT_MEANINGS).map(([v, m]) => `• **${v}** — ${m}`);
  return answer('about', {
    title: 'About incident-desk and its sources',
    body: [
      '**The two sources**, the whole record:',
      ...sources,
      `**Knowledge base** version \`${core.kb.version}\`, last changed ${formatDay(core.kb.about.updated, false)}: ${core.kb.qa.length} questions, ${core.kb.claims.length} claims, ${core.kb.events.length} events, every quote checked word for word against the articles.`,
      '**What a /source verdict means:**',
      ...verdicts,
      `**Report a problem:** ${core.kb.about.report}`,
      recordsText(records),
    ].join('\n'),
  });
}
