// npm run eval:ablate — what each matching mechanism gains: the evaluation rerun with one
// mechanism switched off at a time, on a copy of knowledge/ where the mechanism is data (question
// types, frames, senses, roles, attribution) or in process where it is a weight (whole-entry
// evidence). The decision model is not refitted for each variant, so a number here is what that
// mechanism adds to the bot as it stands. Prints totals per set only (held-out sets included, as
// totals: nothing here is tuned on them).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { createCore } from '../../src/answers/core.ts';
import { createDispatcher } from '../../src/commands/dispatch.ts';
import { loadCommands } from '../../src/commands/load.ts';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from '../../src/kb/load.ts';
import { WEIGHTS } from '../../src/search/search-index.ts';
import { evaluateWith, pct, readCases } from './evaluate.ts';
import { EVAL_SETS } from './sets.ts';

type Edit = (file: string, doc: any) => void;
const VARIANTS: Array<{ name: string; edit?: Edit; weights?: Partial<typeof WEIGHTS> }> = [
  { name: 'all mechanisms' },
  { name: 'no question types (and no type gate)', edit: (f, d) => f === 'lexicon.yaml' && (d.questionTypes = {}) },
  { name: 'no frames', edit: (f, d) => f === 'lexicon.yaml' && (d.frames = []) },
  { name: 'no senses', edit: (f, d) => f === 'lexicon.yaml' && (d.senses = []) },
  { name: 'no whole-entry evidence (names 0, body 0)', weights: { names: 0, body: 0 } },
  {
    name: 'no roles (who did what)',
    edit: (f, d) => f === 'claims.yaml' && d.claims.forEach((c: any) => delete c.roles),
  },
  {
    name: 'no attribution (heldBy/rejectedBy, verbs)',
    edit: (f, d) =>
      f === 'claims.yaml'
        ? d.claims.forEach((c: any) => (delete c.heldBy, delete c.rejectedBy))
        : f === 'lexicon.yaml' && (d.attributionVerbs = []),
  },
  { name: 'no stand-ins (entity classes)', edit: (f, d) => f === 'lexicon.yaml' && (d.entityClasses = {}) },
];

const commands = await loadCommands();
const header = ['variant', ...EVAL_SETS.map((s) => s.name)];
const rows: string[][] = [];
for (const v of VARIANTS) {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ablate-')), 'knowledge');
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  if (v.edit) {
    for (const file of ['lexicon.yaml', 'claims.yaml']) {
      const p = path.join(dir, file);
      const doc = parse(readFileSync(p, 'utf8'));
      v.edit(file, doc);
      writeFileSync(p, stringify(doc));
    }
  }
  const saved = { ...WEIGHTS };
  Object.assign(WEIGHTS, v.weights ?? {});
  const core = createCore(loadKnowledge(dir));
  const dispatcher = createDispatcher(commands, core, { error: () => undefined });
  const cells = [v.name];
  for (const set of EVAL_SETS) {
    const r = await evaluateWith({ core, dispatcher }, readCases(fileURLToPath(new URL(set.file, import.meta.url))));
    cells.push(`${pct(r.passed, r.total)} / ${r.falseAnswers + r.wrongAnswers}`);
  }
  Object.assign(WEIGHTS, saved);
  rows.push(cells);
  process.stderr.write(`${v.name} done\n`);
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(
  `right / confident wrong, per set\n\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}`,
);
