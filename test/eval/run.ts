// npm run eval — accuracy per command, abstention on out-of-scope questions, verdict accuracy.
// Failures are listed for the tuning set only; the held-out set prints numbers, never cases,
// so tuning cannot drift towards it.
import { fileURLToPath } from 'node:url';
import { evaluate, pct, readCases } from './evaluate.ts';

const verbose = process.argv.includes('--verbose');
for (const [name, file, showFailures] of [
  ['tuning set', 'cases.yaml', true],
  ['dev set (second independent author, for calibration)', 'dev.yaml', true],
  ['dev2 set (third independent author, from the articles alone; for calibration)', 'dev2.yaml', true],
  ['held-out set', 'holdout.yaml', false],
] as const) {
  const report = await evaluate(readCases(fileURLToPath(new URL(file, import.meta.url))));
  console.log(`\n${name} (test/eval/${file}): ${report.passed}/${report.total} right (${pct(report.passed, report.total)})`);
  for (const [cmd, s] of Object.entries(report.byCommand)) console.log(`  /${cmd.padEnd(9)} ${String(s.passed).padStart(3)}/${String(s.total).padEnd(3)} ${pct(s.passed, s.total)}`);
  console.log(`  abstention on out-of-scope: ${report.abstention.declined}/${report.abstention.total} (${pct(report.abstention.declined, report.abstention.total)}); confident answers where none was due: ${report.falseAnswers}`);
  console.log(`  /source verdict accuracy: ${report.verdicts.right}/${report.verdicts.total} (${pct(report.verdicts.right, report.verdicts.total)})`);
  if (showFailures && verbose) {
    for (const r of report.results.filter((x) => !x.ok)) console.log(`  ✗ /${r.case.command} “${r.case.input.slice(0, 70)}” — ${r.why}; got ${r.got.slice(0, 90)}`);
  }
}
