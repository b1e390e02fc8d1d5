// The gap report: what members asked that the bot could not answer well, grouped by the question's
// folded text and its nearest entry, with counts and distinct askers; the answers members voted
// down, by entry; and their problem reports. For each group it names the entry a curator would
// most likely extend — a Q&A's `questions` for a question, a claim's `claims` for a claim — and
// the file it is in. Pure: rows in, a report out; src/curator/gaps-text.ts prints it.
import type { KnowledgeBase } from '../kb/load.ts';
import type { GapData } from './store.ts';

export interface EntryInfo {
  kind: string;
  id: string;
  label: string;
  /** Where a curator adds a phrasing: "knowledge/qa.yaml → questions". */
  extend: string;
}

export interface GapGroup {
  /** The phrasing asked most often in the group, as typed. */
  question: string;
  /** Up to three other phrasings of it. */
  variants: string[];
  command: string;
  count: number;
  askers: number;
  outcomes: Record<string, number>;
  lastAt: number;
  /** The entry the search came closest to, if any. */
  nearest?: EntryInfo;
  /** The entry whose phrasings to extend (often the nearest; for /ask, the nearest Q&A). */
  suggest?: EntryInfo;
}

export interface VotedEntry extends EntryInfo {
  up: number;
  down: number;
}

export interface ReportItem {
  at: number;
  entry?: EntryInfo;
  replyTitle?: string;
  text: string;
}

export interface GapReport {
  since: number;
  until: number;
  totals: { asked: number; votes: number; reports: number };
  groups: GapGroup[];
  /** Entries with at least one 👎, most down-votes first. */
  downvoted: VotedEntry[];
  reports: ReportItem[];
}

const FIELD: Record<string, { file: string; field: string }> = {
  qa: { file: 'qa.yaml', field: 'questions' },
  claim: { file: 'claims.yaml', field: 'claims' },
  event: { file: 'events.yaml', field: 'keywords' },
  party: { file: 'parties.yaml', field: 'aliases' },
};

export function entryInfo(kb: KnowledgeBase, kind: string | null, id: string | null): EntryInfo | undefined {
  if (!kind || !id || !FIELD[kind]) return undefined;
  let label: string | undefined;
  if (kind === 'qa') label = kb.qa.find((e) => e.id === id)?.questions[0];
  else if (kind === 'claim') label = kb.claims.find((e) => e.id === id)?.claims[0];
  else if (kind === 'event') label = kb.event.get(id)?.title;
  else if (kind === 'party') label = kb.party.get(id)?.name;
  // An entry removed since the record was made is still worth naming.
  return {
    kind,
    id,
    label: label ?? `(no longer in the knowledge base) ${id}`,
    extend: `knowledge/${FIELD[kind]!.file} → ${FIELD[kind]!.field}`,
  };
}

/** The command's own kind of entry: a question is extended in Q&A, a claim in claims. */
const PREFERRED: Record<string, string> = { ask: 'qa', source: 'claim' };

export function gapReport(kb: KnowledgeBase, data: GapData, since: number, until = Date.now(), top = 50): GapReport {
  const groups = new Map<string, GapGroup & { phrasings: Map<string, number>; hashes: Set<string> }>();
  for (const r of data.asked) {
    const key = `${r.command}|${r.folded}|${r.nearestKind ?? ''}:${r.nearestId ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      const preferred = r.candidates.find((c) => c.kind === PREFERRED[r.command]);
      const nearest = entryInfo(kb, r.nearestKind, r.nearestId);
      const suggest = preferred ? entryInfo(kb, preferred.kind, preferred.id) : nearest;
      g = {
        question: r.question,
        variants: [],
        command: r.command,
        count: 0,
        askers: 0,
        outcomes: {},
        lastAt: r.at,
        ...(nearest ? { nearest } : {}),
        ...(suggest ? { suggest } : {}),
        phrasings: new Map(),
        hashes: new Set(),
      };
      groups.set(key, g);
    }
    g.count++;
    g.outcomes[r.outcome] = (g.outcomes[r.outcome] ?? 0) + 1;
    g.lastAt = Math.max(g.lastAt, r.at);
    g.hashes.add(r.userHash ?? 'local');
    g.phrasings.set(r.question, (g.phrasings.get(r.question) ?? 0) + 1);
  }
  const list: GapGroup[] = [...groups.values()]
    .map(({ phrasings, hashes, ...g }) => {
      const byUse = [...phrasings.entries()].sort((a, b) => b[1] - a[1]);
      return { ...g, question: byUse[0]![0], variants: byUse.slice(1, 4).map(([q]) => q), askers: hashes.size };
    })
    .sort((a, b) => b.askers - a.askers || b.count - a.count || b.lastAt - a.lastAt)
    .slice(0, top);

  const votes = new Map<string, VotedEntry>();
  for (const v of data.votes) {
    const key = `${v.entryKind}:${v.entryId}`;
    let e = votes.get(key);
    if (!e) {
      const info = entryInfo(kb, v.entryKind, v.entryId);
      if (!info) continue;
      e = { ...info, up: 0, down: 0 };
      votes.set(key, e);
    }
    if (v.vote > 0) e.up++;
    else e.down++;
  }
  const downvoted = [...votes.values()].filter((e) => e.down > 0).sort((a, b) => b.down - a.down || a.up - b.up);

  const reports: ReportItem[] = data.reports.slice(0, top).map((r) => {
    const entry = entryInfo(kb, r.entryKind, r.entryId);
    return {
      at: r.at,
      ...(entry ? { entry } : {}),
      ...(r.replyTitle ? { replyTitle: r.replyTitle } : {}),
      text: r.text,
    };
  });
  return {
    since,
    until,
    totals: { asked: data.asked.length, votes: data.votes.length, reports: data.reports.length },
    groups: list,
    downvoted,
    reports,
  };
}

/** "7d", "12h", "30m", "2w" as milliseconds; null when it is not one of those. */
export function parseSince(text: string): number | null {
  const m = /^\s*(\d{1,5})\s*([mhdw])\s*$/i.exec(text);
  if (!m) return null;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2]!.toLowerCase() as 'm' | 'h' | 'd' | 'w'];
  const ms = Number(m[1]) * unit;
  return ms > 0 ? ms : null;
}
