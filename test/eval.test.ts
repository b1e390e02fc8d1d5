// The accuracy bar: the bot is scored on question sets written by someone who never saw the
// knowledge base (test/eval/cases.yaml for tuning, test/eval/holdout.yaml never tuned on).
// Numbers are printed by `npm run eval`; these are the floors a change may not fall below.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, readCases } from './eval/evaluate.ts';

const file = (name: string) => fileURLToPath(new URL(`eval/${name}`, import.meta.url));

describe('evaluation', () => {
  it('has at least 150 cases written the way users ask', () => {
    const sizes = ['cases.yaml', 'dev.yaml', 'dev2.yaml', 'holdout.yaml'].map((f) => readCases(file(f)).length);
    expect(sizes.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(150);
  });

  it('tuning set: accuracy, abstention and verdicts above the bar', async () => {
    const r = await evaluate(readCases(file('cases.yaml')));
    expect(r.passed / r.total).toBeGreaterThanOrEqual(BAR.tuning.accuracy);
    expect(r.abstention.declined / r.abstention.total).toBeGreaterThanOrEqual(BAR.tuning.abstention);
    expect(r.verdicts.right / r.verdicts.total).toBeGreaterThanOrEqual(BAR.tuning.verdicts);
  });

  it('dev set (a second independent author): accuracy and abstention above the bar', async () => {
    const r = await evaluate(readCases(file('dev.yaml')));
    expect(r.passed / r.total).toBeGreaterThanOrEqual(BAR.dev.accuracy);
    expect(r.abstention.declined / r.abstention.total).toBeGreaterThanOrEqual(BAR.dev.abstention);
  });

  it('dev2 set (a third independent author, from the articles alone): accuracy and abstention above the bar', async () => {
    const r = await evaluate(readCases(file('dev2.yaml')));
    expect(r.passed / r.total).toBeGreaterThanOrEqual(BAR.dev2.accuracy);
    expect(r.abstention.declined / r.abstention.total).toBeGreaterThanOrEqual(BAR.dev2.abstention);
  });

  it('held-out set: accuracy and abstention above the bar', async () => {
    const r = await evaluate(readCases(file('holdout.yaml')));
    expect(r.passed / r.total).toBeGreaterThanOrEqual(BAR.holdout.accuracy);
    expect(r.abstention.declined / r.abstention.total).toBeGreaterThanOrEqual(BAR.holdout.abstention);
  });
});

// Set a little under the measured figures (see README, "Accuracy"), so noise does not fail CI
// but a real regression does.
// Measured (npm run eval, 2026-12-01): tuning 96.5% / abstention 96.9% / verdicts 98.4%;
// dev 86.3% / 86.7%; dev2 75.4% / 93.1%; held-out 79.6% / 93.3%.
const BAR = {
  tuning: { accuracy: 0.93, abstention: 0.9, verdicts: 0.95 },
  dev: { accuracy: 0.8, abstention: 0.8 },
  dev2: { accuracy: 0.7, abstention: 0.85 },
  holdout: { accuracy: 0.75, abstention: 0.85 },
};
