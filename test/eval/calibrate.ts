// npm run calibrate — fits the answer / refuse decision (src/answers/decision-model.json).
//
// One example per /ask and /source case of the tuning and calibration sets for which some entry
// passes the gates: the features of the entry the bot would answer with, labelled 1 when that entry
// is a right answer (one of the case's gold entries) and 0 otherwise (a wrong entry, or any entry
// for a question the articles do not answer). A logistic regression (L2-regularised, Newton's
// method) gives P(right); the threshold minimises COST × wrong answers + refusals of right ones.
// Validated leave-one-set-out: each set is scored by a model fitted on the others, and the
// out-of-fold risk–coverage curve is printed so the chosen point is visible. Held-out sets are
// never read.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { askOptions, matchQuestion, PRIORITY } from '../../src/answers/ask.ts';
import { candidateOf, FEATURES } from '../../src/answers/decide.ts';
import { matchClaim } from '../../src/answers/source.ts';
import { cleanQuery } from '../../src/answers/text-input.ts';
import { bot, readCases, type Case } from './evaluate.ts';
import { acceptable, refusesWith } from './gold.ts';
import { EVAL_SETS } from './sets.ts';

/** A confident wrong answer costs this many refusals of a right one. */
const COST = Number(process.argv.find((a) => a.startsWith('--cost='))?.slice(7) ?? 4);
const LAMBDA = Number(process.argv.find((a) => a.startsWith('--lambda='))?.slice(9) ?? 1);
const MODEL_FILE = fileURLToPath(new URL('../../src/answers/decision-model.json', import.meta.url));

interface Example {
  set: string;
  x: number[];
  y: 0 | 1;
  input: string;
}

const { core } = await bot();
const examples: Example[] = [];
const forced = { refusals: 0, answerable: 0 };
for (const set of EVAL_SETS.filter((s) => s.role !== 'held-out')) {
  for (const c of readCases(fileURLToPath(new URL(set.file, import.meta.url)))) {
    const ex = exampleOf(c);
    if (ex === 'none') continue;
    if (ex === 'forced') {
      forced.refusals++;
      if (c.expect === 'answer') forced.answerable++;
      continue;
    }
    examples.push({ set: set.name, ...ex, input: c.input });
  }
}

function exampleOf(c: Case): { x: number[]; y: 0 | 1 } | 'none' | 'forced' {
  if (c.command !== 'ask' && c.command !== 'source') return 'none';
  if (c.expect === 'invalid-input' || (c.expect === 'answer' && !c.gold?.length)) return 'none';
  const input = cleanQuery(c.input, '', '');
  if (!input.ok) return 'none';
  const candidate =
    c.command === 'ask'
      ? candidateOf(matchQuestion(core, input.text).result, PRIORITY, askOptions(core))
      : candidateOf(matchClaim(core, input.text).result, ['claim'], { questions: false });
  if (!candidate) return 'forced';
  const entry = `${candidate.hit.kind}:${candidate.hit.id}`;
  const gold = new Set(c.gold ?? []);
  // Right: a gold entry for an answerable case; for one the articles do not answer, an entry
  // whose reply is itself "the articles don't say" (a curated refusal).
  const right =
    c.expect === 'answer' ? acceptable(core, c.command, entry, gold) : gold.has(entry) || refusesWith(core, entry);
  return { x: candidate.features, y: right ? 1 : 0 };
}

// ---------------------------------------------------------------- logistic regression
function fit(data: readonly Example[]): { weights: number[]; bias: number } {
  const d = FEATURES.length + 1;
  let w = new Array<number>(d).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const e of data) {
      const xs = [1, ...e.x];
      const p = sigmoid(dot(w, xs));
      for (let i = 0; i < d; i++) {
        grad[i]! += (p - e.y) * xs[i]!;
        for (let j = 0; j < d; j++) hess[i]![j]! += p * (1 - p) * xs[i]! * xs[j]!;
      }
    }
    for (let i = 1; i < d; i++) {
      grad[i]! += LAMBDA * w[i]!;
      hess[i]![i]! += LAMBDA;
    }
    const step = solve(hess, grad);
    w = w.map((v, i) => v - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { bias: w[0]!, weights: w.slice(1) };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
const prob = (m: { weights: number[]; bias: number }, x: readonly number[]) => sigmoid(m.bias + dot(m.weights, x));

/** Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    const div = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / div;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / (m[i]![i]! || 1e-12));
}

/** Threshold minimising COST × wrong answers + refusals of right ones. */
function bestThreshold(scored: ReadonlyArray<{ p: number; y: 0 | 1 }>): number {
  let best = { t: 0.5, cost: Infinity };
  for (let t = 0.05; t <= 0.99; t += 0.01) {
    let cost = 0;
    for (const s of scored) if (s.p >= t ? s.y === 0 : s.y === 1) cost += s.p >= t ? COST : 1;
    if (cost < best.cost - 1e-9) best = { t, cost };
  }
  return Math.round(best.t * 100) / 100;
}

// ---------------------------------------------------------------- leave one set out
const sets = [...new Set(examples.map((e) => e.set))];
const outOfFold: Array<{ p: number; y: 0 | 1; set: string }> = [];
console.log(
  `examples: ${examples.length} (${examples.filter((e) => e.y === 1).length} right candidates); ${forced.refusals} cases have no candidate past the gates (${forced.answerable} of them answerable)`,
);
console.log(`cost of a confident wrong answer: ${COST} refusals\n`);
console.log('leave one set out (fitted on the other sets, threshold chosen on them):');
console.log('  set       examples  answered  right  wrong  refused-right');
for (const held of sets) {
  const train = examples.filter((e) => e.set !== held);
  const m = fit(train);
  const t = bestThreshold(train.map((e) => ({ p: prob(m, e.x), y: e.y })));
  const test = examples.filter((e) => e.set === held).map((e) => ({ p: prob(m, e.x), y: e.y, set: held }));
  outOfFold.push(...test);
  const answered = test.filter((s) => s.p >= t);
  const right = answered.filter((s) => s.y === 1).length;
  console.log(
    `  ${held.padEnd(9)} ${String(test.length).padStart(8)}  ${String(answered.length).padStart(8)}  ${String(right).padStart(5)}  ${String(answered.length - right).padStart(5)}  ${String(test.filter((s) => s.p < t && s.y === 1).length).padStart(13)}   (threshold ${t.toFixed(2)})`,
  );
}

console.log('\nrisk–coverage, out of fold (each case scored by the model that did not see its set):');
console.log('  threshold  answered  right  wrong  wrong/answered  refused-right');
for (const t of [0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]) {
  const answered = outOfFold.filter((s) => s.p >= t);
  const wrong = answered.filter((s) => s.y === 0).length;
  console.log(
    `  ${t.toFixed(2).padStart(9)}  ${String(answered.length).padStart(8)}  ${String(answered.length - wrong).padStart(5)}  ${String(wrong).padStart(5)}  ${(answered.length ? (100 * wrong) / answered.length : 0).toFixed(1).padStart(13)}%  ${String(outOfFold.filter((s) => s.p < t && s.y === 1).length).padStart(13)}`,
  );
}

const model = fit(examples);
const threshold = bestThreshold(examples.map((e) => ({ p: prob(model, e.x), y: e.y })));
console.log(`\nfinal model, fitted on all ${examples.length} examples: threshold ${threshold}`);
for (const [i, f] of FEATURES.entries()) console.log(`  ${f.padEnd(18)} ${model.weights[i]!.toFixed(3)}`);
console.log(`  ${'(bias)'.padEnd(18)} ${model.bias.toFixed(3)}`);
if (!process.argv.includes('--dry-run')) {
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  writeFileSync(
    MODEL_FILE,
    `${JSON.stringify(
      {
        note: 'Written by npm run calibrate; do not edit by hand. P(right) = sigmoid(bias + weights · features); answer at or above threshold.',
        fittedOn: sets,
        examples: examples.length,
        cost: COST,
        features: FEATURES,
        weights: model.weights.map(round),
        bias: round(model.bias),
        threshold,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`wrote ${MODEL_FILE}`);
}
if (process.argv.includes('--show')) {
  const ranked = examples.map((e) => ({ e, p: prob(model, e.x) })).sort((a, b) => b.p - a.p);
  console.log('\nwrong candidates above the threshold:');
  for (const r of ranked.filter((r) => r.e.y === 0 && r.p >= threshold))
    console.log(
      `  ${r.p.toFixed(2)} [${r.e.set}] ${r.e.input.slice(0, 100)}  ${r.e.x.map((v) => v.toFixed(2)).join(' ')}`,
    );
  console.log('\nright candidates refused:');
  for (const r of ranked.filter((r) => r.e.y === 1 && r.p < threshold).slice(0, 60))
    console.log(
      `  ${r.p.toFixed(2)} [${r.e.set}] ${r.e.input.slice(0, 100)}  ${r.e.x.map((v) => v.toFixed(2)).join(' ')}`,
    );
}
