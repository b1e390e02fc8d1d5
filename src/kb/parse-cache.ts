// A parse cache for the knowledge files, filled by the build (npm run build).
//
// Why: parsing YAML was the largest part of start-up — about 200 ms for 250 KB, mostly the `yaml`
// parser warming up — while JSON.parse reads the same data in 2 ms. So the build stores each
// knowledge file's parsed form keyed by the SHA-256 of its text. At start the loader still reads
// every file and hashes it; it takes the stored form only when the hash matches, so an edited file
// is always parsed afresh and the cache can never serve stale knowledge. Validation (schemas,
// verbatim quotes, dates) runs on every start either way; only the parsing is skipped.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CODE_ROOT } from '../paths.ts';

/** Next to the compiled code: dist/knowledge.parsed.json. Absent when running the sources. */
export const PARSE_CACHE_FILE = path.join(CODE_ROOT, 'knowledge.parsed.json');

interface CacheFile {
  format: 1;
  /** sha256 of a file's text → its parsed form. */
  docs: Record<string, unknown>;
}

/** Cache files read so far (normally just the one), by path. */
const caches = new Map<string, Map<string, unknown>>();

function readCache(file: string): Map<string, unknown> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    if (data.format === 1 && data.docs && typeof data.docs === 'object') return new Map(Object.entries(data.docs));
  } catch {
    // No build, or an unreadable cache: parse everything, as when running the sources.
  }
  return new Map();
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The stored parse of exactly this text, or undefined. */
export function cachedParse(text: string, file: string = PARSE_CACHE_FILE): unknown {
  let cache = caches.get(file);
  if (!cache) caches.set(file, (cache = readCache(file)));
  return cache.get(textHash(text));
}

/**
 * Writes the cache for these (text, parsed) pairs. A document is stored only if JSON gives it
 * back unchanged, so a YAML feature JSON can't carry (dates, say) would be parsed at start instead.
 */
export function writeParseCache(file: string, parsed: Array<{ text: string; doc: unknown }>): number {
  const docs: Record<string, unknown> = {};
  for (const { text, doc } of parsed) {
    if (isDeepStrictEqual(JSON.parse(JSON.stringify(doc)) as unknown, doc)) docs[textHash(text)] = doc;
  }
  const data: CacheFile = { format: 1, docs };
  writeFileSync(file, JSON.stringify(data));
  caches.delete(file);
  return Object.keys(docs).length;
}
