// npm run eval — per set: accuracy per command, abstention on out-of-scope questions, confident
// wrong answers (a false "supported" on its own), /source verdicts, and retrieval (MRR, recall@3).
// `--verbose` lists the failures of the tuning and calibration sets. Held-out sets print totals
// only and never their cases, so tuning cannot drift towards them; `--no-holdout` skips them.
import { fileURLToPath } from 'node:url';
import { evaluate, pct, readCases } from './evaluate.ts';
import { EVAL_SETS } from './sets.ts';

const verbose = process.argv.includes('--verbose');
const only = process.argv.find((a) => a.startsWith('--set='))?.slice(6);
const rows: string[][] = [];
for (const set of EVAL_SETS) {
  if (only && set.file !== only && set.name !== only) continue;
  if (set.role === 'held-out' && process.argv.includes('--no-holdout')) continue;
  const r = await evaluate(readCases(fileURLToPath(new URL(set.file, import.meta.url))));
  const cmd = (c: string) => (r.byCommand[c] ? pct(r.byCommand[c].passed, r.byCommand[c].total) : '—');
  rows.push([
    `${set.name} (${set.role})`,
    String(r.total),
    pct(r.passed, r.total),
    cmd('ask'),
    cmd('source'),
    `${pct(r.abstention.declined, r.abstention.total)} (${r.abstention.declined}/${r.abstention.total})`,
    String(r.falseAnswers + r.wrongAnswers),
    String(r.falseSupported),
    pct(r.verdicts.right, r.verdicts.total),
    r.mrr.cases ? (r.mrr.sum / r.mrr.cases).toFixed(3) : '—',
    r.recall3.cases ? `${pct(r.recall3.hit, r.recall3.cases)} (${r.recall3.hit}/${r.recall3.cases})` : '—',
  ]);
  if (verbose && set.role !== 'held-out') {
    console.log(`\n${set.name} (test/eval/${set.file}) failures:`);
    for (const x of r.results.filter((y) => !y.ok))
      console.log(
        `  ${x.confidentWrong ? '✗!' : '✗ '} /${x.case.command} “${x.case.input.slice(0, 80)}” — ${x.why}; got ${x.got.slice(0, 110)}`,
      );
  }
}
const head = [
  'set',
  'cases',
  'right',
  '/ask',
  '/source',
  'abstention',
  'conf. wrong',
  'false supported',
  'verdicts',
  'MRR',
  'recall@3',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(`\n${line(head)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}`);
console.log(
  '\nconf. wrong: answers or verdicts given where none, or another, was due (false answers to out-of-scope questions included).',
);
