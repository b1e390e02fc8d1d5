// Checks of claims.yaml that need the matcher's reading, run by `npm run kb:check` and the tests:
// every wording of a claim with roles must read with the curated doer first ("The ministry
// received WhatsApp's letter" reads WhatsApp as the doer), or users' claims in the same words
// would be judged swapped; and every wording, checked with /source as a user would paste it, must
// get its own claim's verdict (a new wording can pull another claim's words onto the wrong one).
import { doerOf } from './claim-structure.ts';
import type { Core } from './core.ts';
import { source } from './source.ts';

export function wordingProblems(core: Core): { checked: number; problems: string[] } {
  const problems: string[] = [];
  let checked = 0;
  core.kb.claims.forEach((c, i) => {
    c.claims.forEach((wording, j) => {
      checked++;
      const got = source(core, wording);
      if (got.verdict === c.verdict) return;
      const as = got.entry?.id === c.id ? 'this claim' : got.entry ? `claim ${got.entry.id}` : 'no claim';
      problems.push(
        `knowledge/claims.yaml: claims[${i}] (${c.id}).claims[${j}]: "${wording}" checked with /source gets ${got.verdict ?? got.outcome} (from ${as}), not ${c.verdict}: reword it, or the wording it meets`,
      );
    });
  });
  return { checked, problems };
}

export function roleProblems(core: Core): { checked: number; problems: string[] } {
  const problems: string[] = [];
  let checked = 0;
  core.kb.claims.forEach((c, i) => {
    if (!c.roles) return;
    c.claims.forEach((wording, j) => {
      checked++;
      if (doerOf(core.index.reader.read(wording), c.roles!, core.parties) === 'recipient') {
        problems.push(
          `knowledge/claims.yaml: claims[${i}] (${c.id}).claims[${j}]: "${wording}" reads as ${core.partyName(c.roles!.recipient)} doing it, but roles.agent is ${c.roles!.agent}: reword it (e.g. "${core.partyName(c.roles!.agent)} … ${core.partyName(c.roles!.recipient)}") or fix the roles`,
        );
      }
    });
  });
  return { checked, problems };
}
