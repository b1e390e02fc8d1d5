// The one loader for knowledge/. It parses every YAML file, validates each entry against its
// zod schema, then checks what no single entry can: unique ids, references that resolve,
// quotes verbatim in their source body, and dates recomputed from the words they came from.
// Every problem names file, entry and field, e.g.
//   knowledge/events.yaml: events[7] (lawsuit-filed).quotes[0]: not found verbatim in source ie-2019-11-03
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { z } from 'zod';
import {
  FILES,
  schemas,
  type About,
  type Claim,
  type DateSpec,
  type Event,
  type Inconsistency,
  type Lexicon,
  type Party,
  type QaEntry,
  type Quote,
  type Source,
  type Transfer,
} from './schema.ts';
import { buildSourceText, locateQuote, SourceTextError, type SourceText } from './source-text.ts';
import { addDays, weekdayBefore } from './dates.ts';
import { cachedEntries, cachedParse, cachedValue } from './parse-cache.ts';
import { PROJECT_ROOT } from '../paths.ts';

export const DEFAULT_KNOWLEDGE_DIR = path.join(PROJECT_ROOT, 'knowledge');

/**
 * The YAML parser, loaded on first use: with the build's parse cache it is usually not needed, and
 * importing it costs 35 ms and several MB at start. require() because the loader is synchronous.
 */
let yamlModule: typeof import('yaml') | undefined;
const yaml = () => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

export interface KnowledgeBase {
  sources: Source[];
  texts: Map<string, SourceText>;
  parties: Party[];
  events: Event[];
  transfers: Transfer[];
  qa: QaEntry[];
  claims: Claim[];
  inconsistencies: Inconsistency[];
  lexicon: Lexicon;
  about: About;
  /** A short hash of every knowledge file: which knowledge base answered (for /about and logs). */
  version: string;
  party: Map<string, Party>;
  event: Map<string, Event>;
  source: Map<string, Source>;
}

export interface QuoteRef {
  where: string;
  quote: Quote;
  /** File offsets of each verbatim occurrence (empty when not found). */
  hits: Array<[number, number]>;
}

export interface LoadResult {
  kb: KnowledgeBase | null;
  problems: string[];
  quotes: QuoteRef[];
}

export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    // One problem is one line (file:line:col first), as an editor or a CI log links it.
    super(
      problems.length === 1
        ? `${problems[0]} (knowledge base not loaded)`
        : `knowledge base is invalid (${problems.length} problems):\n  ${problems.join('\n  ')}`,
    );
    this.name = 'KnowledgeError';
  }
}

type Collections = { [K in keyof typeof FILES]: Array<z.infer<(typeof FILES)[K]['schema']>> };

/** Loads and validates; throws KnowledgeError listing every problem. */
export function loadKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeBase {
  const result = readKnowledge(dir);
  if (!result.kb || result.problems.length > 0) throw new KnowledgeError(result.problems);
  return result.kb;
}

/** Loads and validates, returning every problem instead of throwing (for reports). */
export function readKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): LoadResult {
  const problems: string[] = [];
  const unreadable: string[] = [];
  // The folder's name once: a label is made for every reference checked (path.resolve each time was ~3 ms).
  const folder = path.basename(path.resolve(dir));
  const label = (file: string) => `${folder}/${file}`;
  const collections = {} as Collections;

  for (const [key, collection] of Object.entries(FILES) as Array<
    [keyof typeof FILES, (typeof FILES)[keyof typeof FILES]]
  >) {
    const file = collection.file;
    const read = readYaml(dir, file, label, problems, unreadable, cachedEntries);
    const entries: unknown[] = [];
    (collections as Record<string, unknown[]>)[key] = entries;
    if (read?.validated) {
      entries.push(...(read.validated as unknown[]));
      continue;
    }
    const doc = read?.doc;
    const list = doc?.[key];
    if (doc && !Array.isArray(list)) problems.push(`${label(file)}: top-level key "${key}" must hold a list`);
    (Array.isArray(list) ? list : []).forEach((raw, i) => {
      const parsed = collection.schema.safeParse(raw);
      const where = entryName(key, i, raw);
      if (parsed.success) entries.push(parsed.data);
      else
        for (const issue of parsed.error.issues)
          problems.push(`${label(file)}: ${where}${fieldPath(issue.path)}: ${issue.message}`);
    });
  }

  // The lexicon and about.yaml as the build validated them, when the text is the same; else checked here.
  const lexRead = readYaml(dir, 'lexicon.yaml', label, problems, unreadable, cachedValue);
  const lex = validated<Lexicon>(lexRead, () => schemas().Lexicon.safeParse(lexRead?.doc ?? {}));
  if (!lex.success)
    for (const issue of lex.error.issues)
      problems.push(`${label('lexicon.yaml')}: ${fieldPath(issue.path).slice(1) || '(root)'}: ${issue.message}`);
  const aboutRead = readYaml(dir, 'about.yaml', label, problems, unreadable, cachedValue);
  const aboutDoc = aboutRead?.doc;
  const about = validated<About>(aboutRead, () => schemas().About.safeParse(aboutDoc?.about ?? {}));
  if (aboutDoc && !about.success)
    for (const issue of about.error.issues)
      problems.push(`${label('about.yaml')}: about${fieldPath(issue.path)}: ${issue.message}`);
  // A file that could not be read or parsed leaves its entries out, and every reference to them
  // would be reported too (hundreds of lines for one typo): stop at the files themselves.
  if (unreadable.length > 0) return { kb: null, problems: unreadable, quotes: [] };

  // Source texts: the verbatim files and their bodies.
  const texts = new Map<string, SourceText>();
  collections.sources.forEach((s, i) => {
    const where = `${label('sources.yaml')}: sources[${i}] (${s.id})`;
    let raw: string;
    try {
      raw = readFileSync(path.join(dir, s.file), 'utf8');
    } catch {
      problems.push(`${where}.file: cannot read ${s.file}`);
      return;
    }
    try {
      texts.set(s.id, buildSourceText(s, raw));
    } catch (e) {
      if (e instanceof SourceTextError) problems.push(`${where}.body: ${e.message}`);
      else throw e;
    }
    if (s.published.date !== null) {
      if (!raw.includes(s.published.words)) problems.push(`${where}.published.words: not found in ${s.file}`);
      // The page writes dd-mm-yyyy; make sure the recorded date is that reading.
      const m = /(\d{2})-(\d{2})-(\d{4})/.exec(s.published.words);
      if (m && `${m[3]}-${m[2]}-${m[1]}` !== s.published.date) {
        problems.push(
          `${where}.published.date: ${s.published.date} does not match "${s.published.words}" read day-month-year`,
        );
      }
    }
  });

  checkUniqueIds(collections, label, problems);
  const ids = {
    sources: new Set(collections.sources.map((s) => s.id)),
    parties: new Set(collections.parties.map((p) => p.id)),
    events: new Set(collections.events.map((e) => e.id)),
  };
  const ref = (set: Set<string>, kind: string, where: string, id: string | null | undefined) => {
    if (id != null && !set.has(id)) problems.push(`${where}: unknown ${kind} "${id}"`);
  };
  const at = (key: keyof typeof FILES, i: number, id: string) => `${label(FILES[key].file)}: ${key}[${i}] (${id})`;

  collections.parties.forEach((p, i) => ref(ids.parties, 'party', `${at('parties', i, p.id)}.partOf`, p.partOf));
  collections.events.forEach((e, i) =>
    e.parties.forEach((p, j) => ref(ids.parties, 'party', `${at('events', i, e.id)}.parties[${j}]`, p)),
  );
  collections.transfers.forEach((t, i) => {
    const w = at('transfers', i, t.id);
    t.to.forEach((p, j) => ref(ids.parties, 'party', `${w}.to[${j}]`, p));
    ref(ids.parties, 'party', `${w}.from`, t.from);
    ref(ids.events, 'event', `${w}.event`, t.event);
    if (t.supersededBy && !collections.transfers.some((x) => x.id === t.supersededBy))
      problems.push(`${w}.supersededBy: unknown transfer "${t.supersededBy}"`);
    t.accounts.forEach((a, j) => {
      if (!ids.parties.has(a.by) && !ids.sources.has(a.by))
        problems.push(`${w}.accounts[${j}].by: unknown party or source "${a.by}"`);
    });
    t.restsOn.forEach((r, j) => {
      const other = collections.transfers.find((x) => x.id === r);
      if (!other) return problems.push(`${w}.restsOn[${j}]: unknown transfer "${r}"`);
      const earliest = other.date.start ?? other.date.end;
      if (!t.notBefore)
        problems.push(
          `${w}.notBefore: needed, since it rests on ${r} (it cannot be known before ${earliest ?? 'that'})`,
        );
      else if (earliest && t.notBefore < earliest)
        problems.push(`${w}.notBefore: ${t.notBefore} is before ${r} (${earliest}), which it rests on`);
    });
    if (t.notBefore && t.date.precision !== 'unknown')
      problems.push(`${w}.notBefore: only for undated transfers (this one is dated)`);
    if (t.status === 'contested' && new Set(t.accounts.map((a) => a.by)).size < 2) {
      problems.push(`${w}.accounts: a contested transfer needs accounts from at least two sides`);
    }
  });
  collections.claims.forEach((c, i) => {
    const w = at('claims', i, c.id);
    if (c.roles) {
      ref(ids.parties, 'party', `${w}.roles.agent`, c.roles.agent);
      ref(ids.parties, 'party', `${w}.roles.recipient`, c.roles.recipient);
    }
    c.heldBy.forEach((p, j) => ref(ids.parties, 'party', `${w}.heldBy[${j}]`, p));
    c.rejectedBy.forEach((p, j) => ref(ids.parties, 'party', `${w}.rejectedBy[${j}]`, p));
    const both = c.heldBy.filter((p) => c.rejectedBy.includes(p));
    if (both.length > 0) problems.push(`${w}.rejectedBy: ${both.join(', ')} cannot both hold and reject the claim`);
  });
  for (const key of ['qa', 'claims', 'inconsistencies'] as const) {
    (collections[key] as Array<{ id: string; events: string[] }>).forEach((x, i) =>
      x.events.forEach((e, j) => ref(ids.events, 'event', `${at(key, i, x.id)}.events[${j}]`, e)),
    );
  }

  // Quotes and dates wherever they occur in any entry.
  const quotes: QuoteRef[] = [];
  const publication = new Map(collections.sources.map((s) => [s.id, s.published.date]));
  const years = allowedYears(texts);
  for (const key of Object.keys(FILES) as Array<keyof typeof FILES>) {
    (collections[key] as Array<{ id: string }>).forEach((entry, i) => {
      walk(entry, `${at(key, i, entry.id)}`, (kind, value, where) => {
        if (kind === 'quote') {
          const q = value as Quote;
          const text = texts.get(q.source);
          if (!ids.sources.has(q.source)) {
            problems.push(`${where}: unknown source "${q.source}"`);
            return;
          }
          const hits = text ? locateQuote(text, q.text) : [];
          if (text && hits.length === 0) problems.push(`${where}: not found verbatim in source ${q.source}`);
          quotes.push({ where, quote: q, hits });
        } else {
          checkDate(value as DateSpec, where, texts, publication, years, problems);
        }
      });
    });
  }

  if (problems.length > 0 || !lex.success || !about.success) return { kb: null, problems, quotes };
  const kb: KnowledgeBase = {
    ...collections,
    texts,
    lexicon: lex.data,
    about: about.data,
    version: versionOf(dir),
    party: new Map(collections.parties.map((p) => [p.id, p])),
    event: new Map(collections.events.map((e) => [e.id, e])),
    source: new Map(collections.sources.map((s) => [s.id, s])),
  };
  return { kb, problems, quotes };
}

type Checked<T> = { success: true; data: T } | { success: false; error: z.ZodError };

/** The build's validated form of the file read (see parse-cache.ts), or what `check` says of it. */
function validated<T>(read: Read | null, check: () => Checked<T>): Checked<T> {
  return read?.validated === undefined ? check() : { success: true, data: read.validated as T };
}

/** sha256 over every file of the knowledge base (names and bytes), first 12 hex digits. */
function versionOf(dir: string): string {
  const hash = createHash('sha256');
  const walkDir = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walkDir(full, `${rel}${name}/`);
      else hash.update(`${rel}${name}\u0000`).update(readFileSync(full)).update('\u0000');
    }
  };
  walkDir(dir, '');
  return hash.digest('hex').slice(0, 12);
}

/** A knowledge file larger than this is refused before it is parsed (a 50 MB list hung start-up). */
export const MAX_KNOWLEDGE_FILE_BYTES = 5 * 1024 * 1024;
/** YAML aliases per file at most: an alias bomb (a billion laughs) is refused, not expanded. */
const MAX_ALIASES = 100;

/**
 * A file read: its text, and either its parse or — when the build's parse cache has this exact
 * text validated (see parse-cache.ts) — that validated form, and then no parse at all (doc null).
 */
interface Read {
  text: string;
  doc: Record<string, unknown> | null;
  validated?: unknown;
}

/** Reads one file; what stops it being read at all (size, missing, YAML syntax, aliases) also goes to `unreadable`. */
function readYaml(
  dir: string,
  file: string,
  label: (f: string) => string,
  problems: string[],
  unreadable: string[],
  validatedOf: (text: string) => unknown,
): Read | null {
  const before = problems.length;
  const read = readYamlFile(dir, file, label, problems, validatedOf);
  if (read === null && problems.length > before)
    unreadable.push(...problems.slice(before).filter((p) => !p.includes('must be a mapping')));
  return read;
}

function readYamlFile(
  dir: string,
  file: string,
  label: (f: string) => string,
  problems: string[],
  validatedOf: (text: string) => unknown,
): Read | null {
  let text: string;
  try {
    const size = statSync(path.join(dir, file)).size;
    if (size > MAX_KNOWLEDGE_FILE_BYTES) {
      problems.push(
        `${label(file)}: ${(size / 1024 / 1024).toFixed(1)} MB is more than the ${MAX_KNOWLEDGE_FILE_BYTES / 1024 / 1024} MB a knowledge file may have`,
      );
      return null;
    }
    text = readFileSync(path.join(dir, file), 'utf8');
  } catch {
    problems.push(`${label(file)}: file is missing`);
    return null;
  }
  const validated = validatedOf(text);
  if (validated !== undefined) return { text, doc: null, validated };
  try {
    const doc: unknown = cachedParse(text) ?? yaml().parse(text, { prettyErrors: true, maxAliasCount: MAX_ALIASES });
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      problems.push(`${label(file)}: must be a mapping with a top-level key`);
      return null;
    }
    return { doc: doc as Record<string, unknown>, text };
  } catch (e) {
    const pos = e instanceof yaml().YAMLError && e.linePos ? `:${e.linePos[0].line}:${e.linePos[0].col}` : '';
    const message = (e as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const what = /alias/i.test(message)
      ? `too many YAML aliases (more than ${MAX_ALIASES}): ${message}`
      : `YAML syntax error: ${message}`;
    problems.push(`${label(file)}${pos}: ${what}`);
    return null;
  }
}

function entryName(key: string, i: number, raw: unknown): string {
  const id = raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string' ? ` (${raw.id})` : '';
  return `${key}[${i}]${id}`;
}

function fieldPath(p: ReadonlyArray<PropertyKey>): string {
  return p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
}

function checkUniqueIds(c: Collections, label: (f: string) => string, problems: string[]) {
  for (const key of Object.keys(FILES) as Array<keyof typeof FILES>) {
    const seen = new Map<string, number>();
    (c[key] as Array<{ id: string }>).forEach((e, i) => {
      const first = seen.get(e.id);
      if (first !== undefined)
        problems.push(
          `${label(FILES[key].file)}: ${key}[${i}] (${e.id}).id: duplicate id, first used by ${key}[${first}]`,
        );
      else seen.set(e.id, i);
    });
  }
}

/**
 * Visits every quote (items of a `quotes` list) and every date (`date` field) in an entry. Only
 * objects are descended into: the text and numbers that most fields hold have neither, and making
 * their path names was most of the walk's time.
 */
function walk(
  node: unknown,
  where: string,
  visit: (kind: 'quote' | 'date', value: unknown, where: string) => void,
): void {
  if (Array.isArray(node)) {
    node.forEach((x, i) => isObject(x) && walk(x, `${where}[${i}]`, visit));
    return;
  }
  if (!isObject(node)) return;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'quotes' && Array.isArray(v)) v.forEach((q, i) => visit('quote', q, `${where}.quotes[${i}]`));
    else if (k === 'date' && v && typeof v === 'object') visit('date', v, `${where}.date`);
    else if (isObject(v)) walk(v, `${where}.${k}`, visit);
  }
}

const isObject = (x: unknown): x is object => x !== null && typeof x === 'object';

/** Years an article body itself mentions or was published in; anything else came from boilerplate. */
function allowedYears(texts: Map<string, SourceText>): Set<string> {
  const years = new Set<string>();
  for (const t of texts.values()) {
    if (t.source.published.date) years.add(t.source.published.date.slice(0, 4));
    for (const seg of t.segments) for (const m of seg.text.matchAll(/\b(19|20)\d{2}\b/g)) years.add(m[0]);
  }
  return years;
}

function checkDate(
  d: DateSpec,
  where: string,
  texts: Map<string, SourceText>,
  publication: Map<string, string | null>,
  years: Set<string>,
  problems: string[],
) {
  for (const [field, value] of [
    ['start', d.start],
    ['end', d.end],
  ] as const) {
    if (value && years.size > 0 && !years.has(value.slice(0, 4))) {
      problems.push(
        `${where}.${field}: year ${value.slice(0, 4)} appears in no article body or publication date (boilerplate?)`,
      );
    }
  }
  if (d.words && d.source) {
    const text = texts.get(d.source);
    if (text && locateQuote(text, d.words).length === 0)
      problems.push(`${where}.words: "${d.words}" not found verbatim in source ${d.source}`);
  }
  if (d.basis !== 'weekday' && d.basis !== 'days-ago') return;
  const pub = d.source ? publication.get(d.source) : null;
  if (!pub) {
    problems.push(`${where}.source: a ${d.basis} date must come from a source with a publication date`);
    return;
  }
  if (d.basis === 'weekday' && d.weekday) {
    if (!d.words?.includes(d.weekday))
      problems.push(`${where}.words: "${d.words}" does not contain the weekday ${d.weekday}`);
    const expected = weekdayBefore(pub, d.weekday);
    if (d.start !== expected)
      problems.push(`${where}.start: ${d.weekday} before publication ${pub} is ${expected}, not ${d.start}`);
  }
  if (d.basis === 'days-ago' && d.daysAgo) {
    const expected = addDays(pub, -d.daysAgo);
    if (d.start !== expected)
      problems.push(`${where}.start: ${d.daysAgo} days before publication ${pub} is ${expected}, not ${d.start}`);
  }
}
