// `npm run kb:check`: a readable report on knowledge/ for curators. Exit 1 on any problem.
import { readKnowledge } from '../kb/load.ts';
import { coverageOf, coverageProblems } from '../kb/coverage.ts';
import { roleProblems, wordingProblems } from '../answers/claim-checks.ts';
import { createCore } from '../answers/core.ts';

const dir = process.argv[2];
const result = readKnowledge(dir);
const problems = [...result.problems];
const lines: string[] = [];

if (result.kb) {
  const kb = result.kb;
  problems.push(...coverageProblems(result));
  lines.push(
    `schema OK: ${kb.sources.length} sources, ${kb.parties.length} parties, ${kb.events.length} events, ` +
      `${kb.transfers.length} knowledge transfers, ${kb.qa.length} Q&A, ${kb.claims.length} claims, ` +
      `${kb.inconsistencies.length} recorded inconsistencies`,
  );
  lines.push('ids unique, references resolve');
  const verbatim = result.quotes.filter((q) => q.hits.length > 0).length;
  lines.push(`quotes verbatim ${verbatim}/${result.quotes.length}`);
  const dated = [...kb.events, ...kb.transfers].filter(
    (x) => x.date.basis === 'weekday' || x.date.basis === 'days-ago',
  ).length;
  lines.push(`dates real; ${dated} weekday/days-ago dates recomputed from their publication date`);
  let total = 0;
  let done = 0;
  for (const c of coverageOf(result)) {
    total += c.sentences;
    done += c.covered + c.excluded;
    lines.push(`  ${c.source}: ${c.covered} of ${c.sentences} sentences quoted, ${c.excluded} excluded on purpose`);
  }
  lines.push(`coverage ${total === 0 ? 0 : Math.floor((1000 * done) / total) / 10}% (${done}/${total} sentences)`);
  if (result.problems.length === 0) {
    const core = createCore(kb);
    const roles = roleProblems(core);
    problems.push(...roles.problems);
    lines.push(
      `who does what: ${roles.checked - roles.problems.length}/${roles.checked} wordings of claims with roles read with the curated doer`,
    );
    const wordings = wordingProblems(core);
    problems.push(...wordings.problems);
    lines.push(
      `verdicts: ${wordings.checked - wordings.problems.length}/${wordings.checked} claim wordings get their own claim's verdict from /source`,
    );
  }
} else {
  lines.push('schema: FAILED (see problems below)');
}

console.log(lines.join('\n'));
if (problems.length > 0) {
  console.log(`\n${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log('\nknowledge base OK');
}
