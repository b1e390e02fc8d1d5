// Scores the bot on a question set written by someone who never saw the knowledge base.
// Each case runs through the real dispatcher and renderer, exactly as a Discord user's would.
//
// A case is right when the outcome is the expected one (answer / no-answer / invalid input) and,
// for an answer: the entry it came from is one of the case's gold entries (when it has any), the
// reply mentions one of the expected strings, /source gives the expected verdict and /who-knew
// reads the expected date. Retrieval is scored on its own from the gold entries: MRR of the first
// gold entry among the search's candidates, and recall@3 of "did you mean" when the bot declined.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { createCore, type Core } from '../../src/answers/core.ts';
import { createDispatcher, type Dispatcher } from '../../src/commands/dispatch.ts';
import { loadCommands } from '../../src/commands/load.ts';
import { formatDay } from '../../src/kb/dates.ts';
import type { Reply } from '../../src/render/discord.ts';
import { toText } from '../../src/render/text.ts';
import { acceptable } from './gold.ts';

const Case = z.object({
  command: z.enum(['ask', 'source', 'who-knew', 'timeline']),
  input: z.string(),
  expect: z.enum(['answer', 'no-answer', 'invalid-input']),
  mention: z.array(z.coerce.string()).optional(),
  verdict: z.enum(['supported', 'contradicted', 'disputed', 'unverified']).optional(),
  date: z.string().optional(),
  ambiguous: z.boolean().optional(),
  /** Entries ("qa:who-made-pegasus") that answer the case correctly, annotated from the knowledge base. */
  gold: z.array(z.string().regex(/^(qa|claim|event|party):[a-z0-9-]+$/)).optional(),
});
export type Case = z.infer<typeof Case>;

export interface CaseResult {
  case: Case;
  ok: boolean;
  got: string;
  why?: string;
  /** Answered (a verdict, for /source) and wrong: the costly error. */
  confidentWrong: boolean;
}

export interface Report {
  total: number;
  passed: number;
  byCommand: Record<string, { total: number; passed: number }>;
  /** Expected no-answer: how many the bot declined. */
  abstention: { total: number; declined: number };
  /** Answered when it should have declined. */
  falseAnswers: number;
  /** Answered (or gave a verdict) when a different answer or verdict was due. */
  wrongAnswers: number;
  /** /source said "supported" for a claim that is not. */
  falseSupported: number;
  /** /source cases expecting a verdict: how many got the right one. */
  verdicts: { total: number; right: number };
  /** Answerable cases with gold entries: mean reciprocal rank of the first gold entry among the candidates. */
  mrr: { cases: number; sum: number };
  /** Answerable cases the bot declined: how many offered a gold entry among their first three suggestions (the "what the articles do say" entry first). */
  recall3: { cases: number; hit: number };
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

/** The case's options: timeline's are written name=value; the others fill the command's main option. */
function optionsFor(c: Case, dispatcher: Dispatcher): Record<string, string> {
  if (c.command === 'timeline') {
    const o: Record<string, string> = {};
    for (const m of c.input.matchAll(/(from|to|party)=(\S+(?:\s+(?!\w+=)\S+)*)/g)) o[m[1]!] = m[2]!;
    return o;
  }
  const main = dispatcher.commands.get(c.command)?.mainOption;
  if (!main) throw new Error(`/${c.command} has no main option to put the case's input in`);
  return { [main]: c.input };
}

export async function evaluate(cases: Case[]): Promise<Report> {
  return evaluateWith(await bot(), cases);
}

/** The same, with a given core and dispatcher (a variant knowledge base, say). */
export async function evaluateWith(
  { core, dispatcher }: { core: Core; dispatcher: Dispatcher },
  cases: Case[],
): Promise<Report> {
  const report: Report = {
    total: 0,
    passed: 0,
    byCommand: {},
    abstention: { total: 0, declined: 0 },
    falseAnswers: 0,
    wrongAnswers: 0,
    falseSupported: 0,
    verdicts: { total: 0, right: 0 },
    mrr: { cases: 0, sum: 0 },
    recall3: { cases: 0, hit: 0 },
    results: [],
  };
  for (const c of cases) {
    const reply = dispatcher.run(c.command, optionsFor(c, dispatcher));
    const text = toText(reply.message);
    const gold = new Set(c.gold ?? []);
    const entry = reply.entry ? `${reply.entry.kind}:${reply.entry.id}` : null;
    let ok = reply.outcome === c.expect;
    let why = ok ? undefined : `expected ${c.expect}, got ${reply.outcome}`;
    if (ok && c.expect === 'answer') {
      if (c.command === 'source' && c.verdict && reply.verdict !== c.verdict) {
        ok = false;
        why = `verdict ${reply.verdict}, expected ${c.verdict}`;
      }
      const ok2 = entry !== null && acceptable(core, c.command, entry, gold);
      if (ok && (c.command === 'ask' || c.command === 'source') && gold.size > 0 && entry && !ok2) {
        ok = false;
        why = `answered from ${entry}, not ${[...gold].join(' | ')}`;
      }
      if (ok && c.command === 'who-knew' && c.date && !text.includes(formatDay(c.date))) {
        ok = false;
        why = `did not read the date as ${c.date}`;
      }
      if (
        ok &&
        c.command !== 'source' &&
        c.mention?.length &&
        !c.mention.some((m) => text.toLowerCase().includes(m.toLowerCase()))
      ) {
        ok = false;
        why = `mentions none of ${c.mention.join(' | ')}`;
      }
    }
    // A confident wrong reply: an answer (or a verdict) given where it was not due, or not this one.
    // "Unverified" is no confident verdict: it says the articles do not settle the claim.
    const answered = reply.outcome === 'answer' && !(c.command === 'source' && reply.verdict === 'unverified');
    const confidentWrong = answered && !ok && c.expect !== 'invalid-input';
    if (c.expect === 'no-answer') {
      report.abstention.total++;
      if (reply.outcome === 'no-answer') report.abstention.declined++;
      if (answered) report.falseAnswers++;
    } else if (confidentWrong) report.wrongAnswers++;
    if (c.command === 'source' && answered && reply.verdict === 'supported' && !ok) report.falseSupported++;
    if (c.command === 'source' && c.expect === 'answer' && c.verdict) {
      report.verdicts.total++;
      if (reply.verdict === c.verdict) report.verdicts.right++;
    }
    if (c.expect === 'answer' && gold.size > 0 && (c.command === 'ask' || c.command === 'source')) {
      const ranked = (reply.candidates ?? []).map((x) => `${x.kind}:${x.id}`);
      const rank = ranked.findIndex((x) => gold.has(x));
      report.mrr.cases++;
      if (rank >= 0) report.mrr.sum += 1 / (rank + 1);
      if (reply.outcome === 'no-answer') {
        report.recall3.cases++;
        if (
          suggestedEntries(reply)
            .slice(0, 3)
            .some((x) => gold.has(x))
        )
          report.recall3.hit++;
      }
    }
    const slot = (report.byCommand[c.command] ??= { total: 0, passed: 0 });
    slot.total++;
    report.total++;
    if (ok) {
      slot.passed++;
      report.passed++;
    }
    const title = reply.message.embeds[0]?.title ?? '';
    report.results.push({
      case: c,
      ok,
      confidentWrong,
      got: `${reply.outcome}${reply.verdict ? `/${reply.verdict}` : ''}${entry ? ` [${entry}]` : ''}: ${title}`,
      ...(why ? { why } : {}),
    });
  }
  return report;
}

/** The entries a declined reply suggests, in order. */
function suggestedEntries(reply: Reply): string[] {
  return [...(reply.nearby ? [reply.nearby] : []), ...(reply.suggestions ?? [])].map((s) => `${s.kind}:${s.id}`);
}

export function pct(n: number, d: number): string {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`;
}
