// The query mix: the realistic user inputs of test/eval/*.yaml (written by someone who never saw
// the knowledge base), replayed through the dispatcher exactly as Discord would deliver them.
// Autocomplete has no eval set of its own, so it gets what people send while typing: seeded
// random prefixes of the same /ask and /source inputs, and of the dates and party names people
// type into /who-knew and /timeline. The same mix (same seed, same order) is used at every size.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PROJECT_ROOT } from '../src/paths.ts';
import { prng } from './stats.ts';

export type Group = 'ask' | 'source' | 'who-knew' | 'timeline' | 'autocomplete';
export const GROUPS: readonly Group[] = ['ask', 'source', 'who-knew', 'timeline', 'autocomplete'];

export type Query =
  | { group: Exclude<Group, 'autocomplete'>; kind: 'run'; command: string; options: Record<string, string> }
  | { group: 'autocomplete'; kind: 'autocomplete'; command: string; option: string; value: string };

// Through the project root, since the start-up probe runs this compiled, from dist/bench/.
const EVAL_FILES = ['cases.yaml', 'holdout.yaml'].map((f) => path.join(PROJECT_ROOT, 'test', 'eval', f));
const MAIN_OPTION: Record<string, string> = { ask: 'question', source: 'claim', 'who-knew': 'date' };

/** Options as test/eval/evaluate.ts builds them ("from=2019-05-01 party=NSO" for /timeline). */
function optionsFor(command: string, input: string): Record<string, string> {
  if (command === 'timeline') {
    const o: Record<string, string> = {};
    for (const m of input.matchAll(/(from|to|party)=(\S+(?:\s+(?!\w+=)\S+)*)/g)) o[m[1]!] = m[2]!;
    return o;
  }
  return { [MAIN_OPTION[command]!]: input };
}

export function readEvalInputs(): Array<{ command: string; input: string }> {
  return EVAL_FILES.flatMap((file) => {
    // Required here, not imported: the start-up probe imports runQuery and must not load a YAML parser.
    const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
    const doc = parse(readFileSync(file, 'utf8')) as { cases: Array<{ command: string; input: unknown }> };
    return doc.cases.map((c) => ({ command: c.command, input: String(c.input ?? '') }));
  });
}

/** The whole mix, shuffled once with a fixed seed so a time-boxed run still samples every command. */
export function queryMix(seed = 42): Query[] {
  const random = prng(seed);
  const out: Query[] = [];
  const prefix = (s: string) => s.slice(0, Math.max(1, Math.ceil(s.length * (0.2 + 0.8 * random()))));
  for (const { command, input } of readEvalInputs()) {
    out.push({
      group: command as Exclude<Group, 'autocomplete'>,
      kind: 'run',
      command,
      options: optionsFor(command, input),
    });
    // About every other /ask and /source input is also typed through autocomplete on the way.
    if ((command === 'ask' || command === 'source') && random() < 0.5) {
      out.push({
        group: 'autocomplete',
        kind: 'autocomplete',
        command,
        option: MAIN_OPTION[command]!,
        value: prefix(input),
      });
    }
    if (command === 'who-knew' && random() < 0.3)
      out.push({ group: 'autocomplete', kind: 'autocomplete', command, option: 'date', value: prefix(input) });
    const party = optionsFor(command, input).party;
    if (command === 'timeline' && party)
      out.push({ group: 'autocomplete', kind: 'autocomplete', command, option: 'party', value: prefix(party) });
  }
  // Opening the picker before typing anything.
  for (const [command, option] of [
    ['ask', 'question'],
    ['source', 'claim'],
    ['who-knew', 'date'],
    ['timeline', 'party'],
  ] as const) {
    out.push({ group: 'autocomplete', kind: 'autocomplete', command, option, value: '' });
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Runs one query through the dispatcher, as each transport does. */
export function runQuery(
  dispatcher: {
    run(name: string, options: Record<string, unknown>): unknown;
    autocomplete(name: string, option: string, value: string): unknown;
  },
  q: Query,
): unknown {
  return q.kind === 'run'
    ? dispatcher.run(q.command, q.options)
    : dispatcher.autocomplete(q.command, q.option, q.value);
}

/** One line for a report: `/ask who made pegasus`, `autocomplete /source claim: "WhatsA"`. */
export function describe(q: Query): string {
  if (q.kind === 'autocomplete') return `autocomplete /${q.command} ${q.option}: "${q.value}"`;
  const opts = Object.entries(q.options).map(([k, v]) =>
    Object.keys(q.options).length === 1 && k !== 'party' && k !== 'from' && k !== 'to' ? v : `${k}:${v}`,
  );
  return `/${q.command} ${opts.join(' ')}`.trim();
}
