// A parse cache for the knowledge files, filled by the build (npm run build).
//
// Why: parsing YAML was the largest part of start-up — about 200 ms for 250 KB, mostly the `yaml`
// parser warming up — while JSON.parse reads the same data in 2 ms. So the build stores each
// knowledge file's parsed form keyed by the SHA-256 of its text. At start the loader still reads
// every file and hashes it; it takes the stored form only when the hash matches, so an edited file
// is always parsed afresh and the cache can never serve stale knowledge.
//
// The build also stores, by the same hash, each file's entries as its zod schemas returned them
// (they had just passed), and the lexicon and about.yaml likewise as wholes: the schemas are the
// other 50 ms of a start, and the same build wrote both the schemas' code and this file, so for
// the same text they would give the same answer. A file stored so has no parse stored beside it:
// it is not needed, and the cache is half the size to read.
// Everything that looks across entries and files (ids, references, verbatim quotes, dates) still
// runs on every start.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CODE_ROOT } from '../paths.ts';

/** Next to the compiled code: dist/knowledge.parsed.json. Absent when running the sources. */
export const PARSE_CACHE_FILE = path.join(CODE_ROOT, 'knowledge.parsed.json');

interface CacheFile {
  format: 3;
  /** sha256 of a file's text → its parsed form (a file in neither of the others). */
  docs: Record<string, unknown>;
  /** sha256 of a file's text → its entries as validated by their schemas. */
  entries: Record<string, unknown[]>;
  /** sha256 of a file's text → the file as a whole validated by its schema (lexicon, about). */
  values: Record<string, unknown>;
}

interface Cache {
  docs: Map<string, unknown>;
  entries: Map<string, unknown[]>;
  values: Map<string, unknown>;
}

/** Cache files read so far (normally just the one), by path. */
const caches = new Map<string, Cache>();

function readCache(file: string): Cache {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    if (
      data.format === 3 &&
      data.docs &&
      typeof data.docs === 'object' &&
      data.entries &&
      typeof data.entries === 'object' &&
      data.values &&
      typeof data.values === 'object'
    ) {
      return {
        docs: new Map(Object.entries(data.docs)),
        entries: new Map(Object.entries(data.entries)),
        values: new Map(Object.entries(data.values)),
      };
    }
  } catch {
    // No build, or an unreadable cache: parse everything, as when running the sources.
  }
  return { docs: new Map(), entries: new Map(), values: new Map() };
}

function cacheAt(file: string): Cache {
  let cache = caches.get(file);
  if (!cache) caches.set(file, (cache = readCache(file)));
  return cache;
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The stored parse of exactly this text, or undefined. */
export function cachedParse(text: string, file: string = PARSE_CACHE_FILE): unknown {
  return cacheAt(file).docs.get(textHash(text));
}

/** The validated entries of exactly this text, or undefined. */
export function cachedEntries(text: string, file: string = PARSE_CACHE_FILE): unknown[] | undefined {
  return cacheAt(file).entries.get(textHash(text));
}

/** The validated form of exactly this text (a file validated as a whole), or undefined. */
export function cachedValue(text: string, file: string = PARSE_CACHE_FILE): unknown {
  return cacheAt(file).values.get(textHash(text));
}

/**
 * Writes the cache for these (text, parsed) pairs: each as its validated entries or whole when
 * given, else as its parse. Stored only if JSON gives it back unchanged, so a YAML feature JSON
 * can't carry (dates, say) would be parsed at start instead. Returns how many files it holds.
 */
export function writeParseCache(
  file: string,
  parsed: Array<{ text: string; doc: unknown; entries?: unknown[]; value?: unknown }>,
): number {
  const docs: Record<string, unknown> = {};
  const entries: Record<string, unknown[]> = {};
  const values: Record<string, unknown> = {};
  const survivesJson = (x: unknown) => isDeepStrictEqual(JSON.parse(JSON.stringify(x)) as unknown, x);
  for (const p of parsed) {
    if (!survivesJson(p.doc)) continue;
    const hash = textHash(p.text);
    if (p.entries && survivesJson(p.entries)) entries[hash] = p.entries;
    else if (p.value !== undefined && survivesJson(p.value)) values[hash] = p.value;
    else docs[hash] = p.doc;
  }
  const data: CacheFile = { format: 3, docs, entries, values };
  writeFileSync(file, JSON.stringify(data));
  caches.delete(file);
  return Object.keys(docs).length + Object.keys(entries).length + Object.keys(values).length;
}
