// The accuracy bar: the bot is scored on question sets written by people who never saw the
// knowledge base (test/eval/sets.ts says who wrote each and what it may be used for). Numbers are
// printed by `npm run eval`; the floors below sit a little under what was measured (README,
// "Accuracy"), so that noise does not fail CI but a real regression does.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, readCases } from './eval/evaluate.ts';
import { EVAL_SETS } from './eval/sets.ts';

const file = (name: string) => fileURLToPath(new URL(`eval/${name}`, import.meta.url));

describe('evaluation', () => {
  it('has sets of 90 cases or more, the newest held-out set 150 or more, with gold entries for /ask and /source', () => {
    for (const set of EVAL_SETS)
      expect(readCases(file(set.file)).length, set.file).toBeGreaterThanOrEqual(
        set.minCases ?? (set.name === 'held-out 2' ? 150 : 90),
      );
    for (const set of EVAL_SETS) {
      const cases = readCases(file(set.file)).filter(
        (c) => (c.command === 'ask' || c.command === 'source') && c.expect !== 'invalid-input',
      );
      expect(
        cases.every((c) => c.gold !== undefined),
        set.file,
      ).toBe(true);
    }
  });

  it.each(EVAL_SETS.map((s) => [s.name, s] as const))(
    '%s set: accuracy, abstention, confident wrong answers and verdicts at or above the bar',
    async (_name, set) => {
      const r = await evaluate(readCases(file(set.file)));
      const bar = set.bar;
      expect(r.passed / r.total).toBeGreaterThanOrEqual(bar.accuracy);
      expect(r.abstention.declined / r.abstention.total).toBeGreaterThanOrEqual(bar.abstention);
      expect((r.falseAnswers + r.wrongAnswers) / r.total).toBeLessThanOrEqual(bar.confidentWrong);
      expect(r.falseSupported).toBeLessThanOrEqual(bar.falseSupported);
      if (r.verdicts.total > 0) expect(r.verdicts.right / r.verdicts.total).toBeGreaterThanOrEqual(bar.verdicts);
    },
  );
});
