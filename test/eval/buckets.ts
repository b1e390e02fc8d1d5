// Where /ask's answerable failures come from, on the tuning and calibration sets only (held-out
// sets are never read): no entry past the gates, the right entry chosen but refused by the model,
// a wrong entry chosen (with the right one among the next passing candidates or not).
import { fileURLToPath } from 'node:url';
import { askOptions, matchQuestion, PRIORITY } from '../../src/answers/ask.ts';
import { candidateOf, gateOf, probability } from '../../src/answers/decide.ts';
import { cleanQuery } from '../../src/answers/text-input.ts';
import model from '../../src/answers/decision-model.json' with { type: 'json' };
import { bot, readCases } from './evaluate.ts';
import { acceptable } from './gold.ts';
import { EVAL_SETS } from './sets.ts';

const { core } = await bot();
const verbose = process.argv.includes('--verbose');
const counts: Record<string, number> = {};
for (const set of EVAL_SETS.filter((s) => s.role !== 'held-out')) {
  for (const c of readCases(fileURLToPath(new URL(set.file, import.meta.url)))) {
    if (c.command !== 'ask' || c.expect !== 'answer' || !c.gold?.length) continue;
    const input = cleanQuery(c.input, '', '');
    if (!input.ok) continue;
    const gold = new Set(c.gold);
    const { result } = matchQuestion(core, input.text);
    const cand = candidateOf(result, PRIORITY, askOptions(core));
    const ok = (k: string) => acceptable(core, 'ask', k, gold);
    let bucket: string;
    if (!cand) bucket = 'no candidate';
    else if (ok(`${cand.hit.kind}:${cand.hit.id}`))
      bucket = probability(cand.features) >= model.threshold ? 'answered right' : 'right entry, refused';
    else {
      const passing = result.hits.filter((h) => gateOf(h, result.analysis, { questions: true }) === null).slice(0, 4);
      const inTop = passing.some((h) => ok(`${h.kind}:${h.id}`));
      const gated = result.hits.slice(0, 5).find((h) => ok(`${h.kind}:${h.id}`));
      bucket = inTop
        ? 'wrong entry, right one passing in top 4'
        : gated
          ? `wrong entry, right one gated (${gateOf(gated, result.analysis, { questions: true })})`
          : 'wrong entry, right one not in top 5';
    }
    counts[bucket] = (counts[bucket] ?? 0) + 1;
    if (verbose && bucket !== 'answered right')
      console.log(
        `[${set.name}] ${bucket}: ${c.input.slice(0, 90)}  → ${cand ? `${cand.hit.kind}:${cand.hit.id}` : '-'} (gold ${c.gold.join(' ')})`,
      );
  }
}
for (const [k, v] of Object.entries(counts).sort((a, b) => b[1] - a[1])) console.log(`${String(v).padStart(5)}  ${k}`);
