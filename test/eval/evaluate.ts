// Scores the bot on a question set written by someone who never saw the knowledge base.
// Each case runs through the real dispatcher and renderer, exactly as a Discord user's would.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { createCore, type Core } from '../../src/answers/core.ts';
import { createDispatcher, type Dispatcher } from '../../src/commands/dispatch.ts';
import { loadCommands } from '../../src/commands/load.ts';
import { formatDay } from '../../src/kb/dates.ts';
import { toText } from '../../src/render/text.ts';

const Case = z.object({
  command: z.enum(['ask', 'source', 'who-knew', 'timeline']),
  input: z.string(),
  expect: z.enum(['answer', 'no-answer', 'invalid-input']),
  mention: z.array(z.coerce.string()).optional(),
  verdict: z.enum(['supported', 'contradicted', 'disputed', 'unverified']).optional(),
  date: z.string().optional(),
  ambiguous: z.boolean().optional(),
});
export type Case = z.infer<typeof Case>;

export interface CaseResult {
  case: Case;
  ok: boolean;
  got: string;
  why?: string;
}

export interface Report {
  total: number;
  passed: number;
  byCommand: Record<string, { total: number; passed: number }>;
  /** Expected no-answer: how many the bot declined. */
  abstention: { total: number; declined: number };
  /** Answered when it should have declined: the costly error. */
  falseAnswers: number;
  /** /source cases expecting a verdict: how many got the right one. */
  verdicts: { total: number; right: number };
  results: CaseResult[];
}

export function readCases(file: string): Case[] {
  const doc = parse(readFileSync(file, 'utf8')) as { cases: unknown[] };
  return doc.cases.map((c, i) => {
    const r = Case.safeParse(c);
    if (!r.success) throw new Error(`${file}: cases[${i}]: ${r.error.issues[0]?.message}`);
    return r.data;
  });
}

let shared: Promise<{ core: Core; dispatcher: Dispatcher }> | undefined;
export function bot() {
  shared ??= (async () => {
    const core = createCore();
    const dispatcher = createDispatcher(await loadCommands(), core, { error: () => undefined });
    return { core, dispatcher };
  })();
  return shared;
}

function optionsFor(c: Case): Record<string, string> {
  if (c.command === 'timeline') {
    const o: Record<string, string> = {};
    for (const m of c.input.matchAll(/(from|to|party)=(\S+(?:\s+(?!\w+=)\S+)*)/g)) o[m[1]!] = m[2]!;
    return o;
  }
  const main = { ask: 'question', source: 'claim', 'who-knew': 'date' }[c.command];
  return { [main]: c.input };
}

export async function evaluate(cases: Case[]): Promise<Report> {
  const { dispatcher } = await bot();
  const report: Report = { total: 0, passed: 0, byCommand: {}, abstention: { total: 0, declined: 0 }, falseAnswers: 0, verdicts: { total: 0, right: 0 }, results: [] };
  for (const c of cases) {
    const reply = dispatcher.run(c.command, optionsFor(c));
    const text = toText(reply.message);
    let ok = reply.outcome === c.expect;
    let why = ok ? undefined : `expected ${c.expect}, got ${reply.outcome}`;
    if (ok && c.expect === 'answer') {
      if (c.command === 'source' && c.verdict && reply.verdict !== c.verdict) {
        ok = false;
        why = `verdict ${reply.verdict}, expected ${c.verdict}`;
      }
      if (c.command === 'who-knew' && c.date && !text.includes(formatDay(c.date))) {
        ok = false;
        why = `did not read the date as ${c.date}`;
      }
      if (c.command !== 'source' && c.mention?.length && !c.mention.some((m) => text.toLowerCase().includes(m.toLowerCase()))) {
        ok = false;
        why = `mentions none of ${c.mention.join(' | ')}`;
      }
    }
    if (c.expect === 'no-answer') {
      report.abstention.total++;
      if (reply.outcome === 'no-answer') report.abstention.declined++;
      if (reply.outcome === 'answer') report.falseAnswers++;
    }
    if (c.command === 'source' && c.expect === 'answer' && c.verdict) {
      report.verdicts.total++;
      if (reply.verdict === c.verdict) report.verdicts.right++;
    }
    const slot = (report.byCommand[c.command] ??= { total: 0, passed: 0 });
    slot.total++;
    report.total++;
    if (ok) {
      slot.passed++;
      report.passed++;
    }
    const title = reply.message.embeds[0]?.title ?? '';
    report.results.push({ case: c, ok, got: `${reply.outcome}${reply.verdict ? `/${reply.verdict}` : ''}: ${title}`, ...(why ? { why } : {}) });
  }
  return report;
}

export function pct(n: number, d: number): string {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`;
}
