// When a reply's entry counts as right for a case with gold entries. The annotators named the
// entries they would pick; two near relations give the same answer and count too:
// - /source: a claim about the same event as a gold claim (the same deciding quotes);
// - /ask: the event that dates a gold Q&A entry, or a Q&A entry dated by a gold event (the
//   reply's `mention` check still has to pass).
import type { Core } from '../../src/answers/core.ts';

export function acceptable(core: Core, command: string, entry: string, gold: ReadonlySet<string>): boolean {
  if (gold.has(entry)) return true;
  const [kind, id] = entry.split(':') as [string, string];
  if (command === 'source') {
    const events = (ref: string) => (ref.startsWith('claim:') ? (core.claim.get(ref.slice(6))?.events ?? []) : []);
    const mine = events(entry);
    return [...gold].some((g) => events(g).some((e) => mine.includes(e)));
  }
  if (kind === 'event') return [...gold].some((g) => g.startsWith('qa:') && core.qa.get(g.slice(3))?.events[0] === id);
  if (kind === 'qa') {
    const first = core.qa.get(id)?.events[0];
    return first !== undefined && gold.has(`event:${first}`);
  }
  return false;
}

/** Whether answering with this entry gives "the articles don't say" (a curated refusal). */
export function refusesWith(core: Core, entry: string): boolean {
  const [kind, id] = entry.split(':') as [string, string];
  if (kind === 'qa') return core.qa.get(id)?.notInArticles === true;
  if (kind === 'claim') return core.claim.get(id)?.verdict === 'unverified';
  return false;
}
