// Answers of pure commands (Command.pure), remembered by command and options: a bounded LRU in
// front of `execute`. The same question in the same words — an autocomplete pick, a question
// that is going round, a member asking again — then skips the search and the decision (most of
// an /ask: ~0.2-0.3 ms of its ~0.6).
//
// Only the Answer is kept, never a reply: everything that belongs to one interaction still
// happens for each one, after the cache — the cooldown and the question log (the desk), the
// reply's owner in its custom_ids, its language, visibility and feedback buttons (the
// dispatcher's render), the log line and the metrics (the transport). A cache belongs to one
// dispatcher, which has one core for its whole life: a new knowledge base is a new core, a new
// dispatcher and an empty cache, so no answer outlives the knowledge it came from.
//
// A remembered answer is shared by every reply made from it, so it is frozen, deep: code that
// tried to change one would throw (and the dispatcher turn that into an error reply with an id)
// instead of quietly changing what the next member is told.
import type { Answer } from '../answers/model.ts';

export interface AnswerCache {
  /** The answer for these options: remembered, or `compute()`d (and remembered unless it throws). */
  get(command: string, options: Readonly<Record<string, unknown>>, compute: () => Answer): Answer;
  stats(): { size: number; capacity: number; hits: number; misses: number };
}

/** Answers remembered by default: a few MB (an /ask answer is 1-3 KB of strings and small objects). */
export const ANSWER_CACHE_SIZE = 1_000;
/** Options longer than this (as a key) are answered every time: a pasted essay is rarely sent twice. */
const MAX_KEY_CHARS = 1_000;

/**
 * The cache key of a command's options: names in order, values with their types (1 and "1"
 * differ), undefined ones left out as execute sees no difference. Null when a value is not a
 * string, number or boolean (no transport sends one; it is then not cached) or the key is too long.
 */
export function optionsKey(command: string, options: Readonly<Record<string, unknown>>): string | null {
  // Strings carry their length, so the key reads back one way only (no escaping to scan for):
  // `<n>:<command>` then `|<n>:<name>` and `s<n>:<text>`, or `n<number>` / `b<true|false>`.
  const names = Object.keys(options);
  if (names.length > 1) names.sort();
  let key = `${command.length}:${command}`;
  for (const name of names) {
    const v = options[name];
    if (v === undefined) continue;
    if (typeof v === 'string') key += `|${name.length}:${name}s${v.length}:${v}`;
    else if (typeof v === 'number') key += `|${name.length}:${name}n${v}`;
    else if (typeof v === 'boolean') key += `|${name.length}:${name}b${v}`;
    else return null;
    if (key.length > MAX_KEY_CHARS) return null;
  }
  return key;
}

export function createAnswerCache(capacity = ANSWER_CACHE_SIZE): AnswerCache {
  // A Map keeps insertion order: a hit is moved to the end, the first key is the least recent.
  const entries = new Map<string, Answer>();
  let hits = 0;
  let misses = 0;
  return {
    get(command, options, compute) {
      const key = capacity > 0 ? optionsKey(command, options) : null;
      if (key === null) return compute();
      const known = entries.get(key);
      if (known) {
        hits++;
        entries.delete(key);
        entries.set(key, known);
        return known;
      }
      misses++;
      const answer = deepFreeze(compute());
      entries.set(key, answer);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
      return answer;
    },
    stats: () => ({ size: entries.size, capacity, hits, misses }),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}
