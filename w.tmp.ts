import { createCore } from './src/answers/core.ts';
import { matchClaim } from './src/answers/source.ts';
import { gateOf } from './src/answers/decide.ts';
const core = createCore();
for (const q of process.argv.slice(2)) {
  const m = matchClaim(core, q);
  const a = m.result.analysis;
  console.log(`\n${q}\n  terms=${a.terms.join(',')} ents=${a.entities} p=${m.decision.confidence.toFixed(2)} kind=${m.decision.kind}`);
  for (const h of m.result.hits.slice(0, 6)) console.log(`   ${h.id} s=${h.score.toFixed(2)} qc=${h.queryCoverage.toFixed(2)} dc=${h.docCoverage.toFixed(2)} miss=${h.entityMiss} gate=${gateOf(h, a, {questions:false})} | ${h.matched}`);
  console.log(core.index.reader.classOf('china'), core.index.reader.classOf('israel'), core.index.reader.classOf('nso'));
}
