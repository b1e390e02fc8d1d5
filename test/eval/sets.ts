// The evaluation sets, who wrote them and what each may be used for. `tuning` and `calibration`
// sets may be looked at and fitted on (npm run calibrate uses them); `held-out` sets are measured
// for totals only.
export interface EvalSet {
  name: string;
  file: string;
  role: 'tuning' | 'calibration' | 'held-out';
  author: string;
  /**
   * Floors for `npm test`, a little under what `npm run eval` measured on 2026-12-02 (README,
   * "Accuracy"): accuracy, abstention and verdicts at least; confident wrong answers at most this
   * share of the set's cases, false "supported" verdicts at most this many.
   */
  bar: { accuracy: number; abstention: number; confidentWrong: number; falseSupported: number; verdicts: number };
  /** Fewest cases the set must have (default 90). */
  minCases?: number;
}

const bar = (
  accuracy: number,
  abstention: number,
  confidentWrong: number,
  falseSupported: number,
  verdicts: number,
) => ({ accuracy, abstention, confidentWrong, falseSupported, verdicts });

export const EVAL_SETS: readonly EvalSet[] = [
  {
    name: 'tuning',
    file: 'cases.yaml',
    role: 'tuning',
    author: 'a first independent author',
    bar: bar(0.94, 0.97, 0.01, 0, 0.97),
  },
  {
    name: 'dev',
    file: 'dev.yaml',
    role: 'calibration',
    author: 'a second independent author',
    bar: bar(0.9, 0.91, 0.04, 0, 0.9),
  },
  {
    name: 'dev2',
    file: 'dev2.yaml',
    role: 'calibration',
    author: 'a third, from the two articles alone',
    bar: bar(0.9, 0.93, 0.01, 0, 0.9),
  },
  {
    name: 'dev3',
    file: 'dev3.yaml',
    role: 'calibration',
    author: 'a fourth, from the two articles alone (fact-checkers, students)',
    bar: bar(0.88, 0.94, 0.01, 0, 0.92),
  },
  {
    name: 'dev4',
    file: 'dev4.yaml',
    role: 'calibration',
    author: 'a fifth, from the articles (saw 50 lines of a KB listing)',
    bar: bar(0.83, 0.93, 0.025, 0, 0.9),
  },
  {
    name: 'held-out',
    file: 'holdout.yaml',
    role: 'held-out',
    author: 'the first author, never tuned on',
    bar: bar(0.86, 0.93, 0.02, 0, 0.88),
  },
  {
    name: 'held-out 2',
    file: 'holdout2.yaml',
    role: 'held-out',
    author: 'a sixth, from the two articles alone, Discord styles (2026-12-01)',
    bar: bar(0.8, 0.9, 0.04, 1, 0.78),
  },
  {
    name: 'held-out 3',
    file: 'holdout3.yaml',
    role: 'held-out',
    author:
      'an eleventh, from the two articles alone, Discord styles; gold by a twelfth who never ran the bot on it (2026-12-02)',
    minCases: 150,
    bar: bar(0.8, 0.9, 0.045, 1, 0.9),
  },
  {
    name: 'hindi dev',
    file: 'hindi-dev.yaml',
    role: 'tuning',
    author: 'a ninth, Hindi and Hinglish, from the two articles alone; gold by a tenth (2026-12-02)',
    bar: bar(0.77, 0.95, 0.03, 0, 0.72),
  },
  {
    name: 'hindi',
    file: 'hindi.yaml',
    role: 'held-out',
    author: 'a seventh, Hindi and Hinglish, from the two articles alone; gold by an eighth (2026-12-02)',
    minCases: 60,
    bar: bar(0.7, 0.9, 0.02, 0, 0.7),
  },
];
