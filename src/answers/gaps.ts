// /gaps as an answer: the top of the gap report (src/curator/gaps.ts) for a server's moderators —
// the questions members asked that the bot could not answer well, the answers they voted down,
// their problem reports — and how to act on each. Members' words are echoed as plain text.
import type { GapGroup, GapReport } from '../curator/gaps.ts';
import { answer, invalidInput, type Answer, type Section } from './model.ts';
import { echo } from './text-input.ts';

const COMMAND = 'gaps';
export const TOP = 10;

const OUTCOME_WORDS: Record<string, string> = {
  'no-answer': 'not answered',
  suggested: '"did you mean"',
  'low-margin': 'answered, low margin',
  unverified: 'unverified',
};

/** One gap, in at most ~330 characters, so ten fit in one message with the summary. */
function groupLine(g: GapGroup, i: number): string {
  const times = `${g.count}× by ${g.askers} member${g.askers === 1 ? '' : 's'}`;
  const how = Object.entries(g.outcomes)
    .map(([o, n]) => `${OUTCOME_WORDS[o] ?? o}${n > 1 ? ` ${n}×` : ''}`)
    .join(', ');
  const more = g.variants.length > 0 ? ` (+${g.variants.length} wording${g.variants.length === 1 ? '' : 's'})` : '';
  const act = g.suggest
    ? `→ closest: **${echo(g.suggest.label, 60)}** \`${g.suggest.kind}:${g.suggest.id}\``
    : '→ nothing close: a new entry, if the articles say it';
  return `**${i + 1}.** “${echo(g.question, 100)}”${more}\n/${g.command} · ${times} · ${how} ${act}`;
}

const withoutSources = (a: Answer): Answer => ({ ...a, aboutTheArticles: false });

export function gapsAnswer(report: GapReport | null | undefined, days: number): Answer {
  if (report === null)
    return withoutSources(
      invalidInput(
        COMMAND,
        'This copy of the bot records nothing, so there are no gaps to show.',
        'Nothing is recorded here',
      ),
    );
  if (report === undefined)
    return withoutSources(
      invalidInput(
        COMMAND,
        "I couldn't read the records just now (the database did not answer). Try again in a minute; the operator's log says what is wrong.",
        'The records are not available',
      ),
    );
  const { totals } = report;
  const period = days === 7 ? 'the last week' : `the last ${days} days`;
  const sections: Section[] = [];
  if (report.downvoted.length > 0)
    sections.push({
      heading: 'Answers voted 👎',
      body: report.downvoted
        .slice(0, 5)
        .map(
          (e) =>
            `• **${echo(e.label, 60)}** \`${e.kind}:${e.id}\`: ${e.down} 👎, ${e.up} 👍 — check it in ${e.extend.split(' → ')[0]}`,
        )
        .join('\n'),
      quotes: [],
    });
  if (report.reports.length > 0)
    sections.push({
      heading: 'Problem reports',
      body: report.reports
        .slice(0, 5)
        .map((r) => `• “${echo(r.text, 120)}”${r.entry ? ` — about \`${r.entry.kind}:${r.entry.id}\`` : ''}`)
        .join('\n'),
      quotes: [],
    });
  const empty = totals.asked + totals.votes + totals.reports === 0;
  return answer(COMMAND, {
    title: `Gaps in ${period}`,
    body: empty
      ? `Nothing to act on in ${period}: every question was answered with confidence, and no one voted 👎 or reported a problem.`
      : [
          `**${totals.asked}** question${totals.asked === 1 ? '' : 's'} not answered well (${report.groups.length} distinct), **${report.downvoted.reduce((n, e) => n + e.down, 0)}** 👎, **${totals.reports}** problem report${totals.reports === 1 ? '' : 's'}.`,
          ...(report.groups.length > 0 ? [report.groups.slice(0, TOP).map(groupLine).join('\n')] : []),
          '**How to act:** if the closest entry answers the question, add the wording to its `questions` (a claim: its `claims`) in knowledge/; if none does and the articles say it, write a new entry with its verbatim quote. Then `npm run kb:check` and restart. `npm run kb:gaps` prints the whole report.',
        ].join('\n\n'),
    sections,
    visibility: 'private',
    aboutTheArticles: false,
  });
}
