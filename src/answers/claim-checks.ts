// Checks of claims.yaml that need the matcher's reading, run by `npm run kb:check` and the tests:
// every wording of a claim with roles must read with the curated doer first ("The ministry
// received WhatsApp's letter" reads WhatsApp as the doer), or users' claims in the same words
// would be judged swapped.
import { doerOf } from './claim-structure.ts';
import type { Core } from './core.ts';

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
