// The gap report as plain text for a terminal (npm run kb:gaps). Members' words are printed as
// they were stored (already cleaned of control characters), in quotes.
import type { GapReport } from './gaps.ts';

const OUTCOMES: Record<string, string> = {
  'no-answer': 'not answered',
  suggested: '"did you mean"',
  'low-margin': 'answered with a low margin',
  unverified: 'unverified',
};

const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function gapsText(r: GapReport, where: string): string {
  const out: string[] = [];
  const downs = r.downvoted.reduce((n, e) => n + e.down, 0);
  out.push(`Gaps from ${day(r.since)} to ${day(r.until)} UTC — ${where}`);
  out.push(
    `${r.totals.asked} question${r.totals.asked === 1 ? '' : 's'} not answered well (${r.groups.length} distinct), ${downs} 👎, ${r.totals.reports} problem report${r.totals.reports === 1 ? '' : 's'}`,
  );
  if (r.groups.length > 0) {
    out.push('', 'Questions not answered well (most askers first)');
    r.groups.forEach((g, i) => {
      const how = Object.entries(g.outcomes)
        .map(([o, n]) => `${OUTCOMES[o] ?? o} ${n}×`)
        .join(', ');
      out.push(
        `  ${i + 1}. "${g.question}" — ${g.count}× by ${g.askers} member${g.askers === 1 ? '' : 's'} · /${g.command} · ${how}`,
      );
      if (g.variants.length > 0) out.push(`     also asked: ${g.variants.map((v) => `"${v}"`).join(', ')}`);
      if (g.nearest) out.push(`     nearest: ${g.nearest.kind}:${g.nearest.id} "${g.nearest.label}"`);
      out.push(
        g.suggest
          ? `     extend:  ${g.suggest.extend} of ${g.suggest.kind}:${g.suggest.id}, if that entry answers it`
          : '     extend:  nothing came close — a new entry, if the articles say it',
      );
    });
  }
  if (r.downvoted.length > 0) {
    out.push('', 'Answers voted 👎');
    for (const e of r.downvoted)
      out.push(`  ${e.kind}:${e.id} "${e.label}" — ${e.down} 👎, ${e.up} 👍 (${e.extend.split(' → ')[0]})`);
  }
  if (r.reports.length > 0) {
    out.push('', 'Problem reports (newest first)');
    for (const p of r.reports)
      out.push(
        `  ${day(p.at)}${p.entry ? ` about ${p.entry.kind}:${p.entry.id}` : ' (on a refusal)'}${p.replyTitle ? ` — reply "${p.replyTitle}"` : ''}`,
        `     "${p.text}"`,
      );
  }
  if (r.totals.asked + r.totals.votes + r.totals.reports === 0) out.push('', 'Nothing recorded in this period.');
  return out.join('\n');
}
