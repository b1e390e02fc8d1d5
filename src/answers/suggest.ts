// Autocomplete: the closest curated questions or claims to what the user has typed so far, best
// first; with nothing typed yet, the most useful ones (the first phrasing of each entry, in the
// curated order). Discord allows at most 25 choices of at most 100 characters each.
import type { DocKind } from '../search/index.ts';
import { fold } from '../search/normalize.ts';
import type { Core } from './core.ts';

export const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;

export function suggest(core: Core, kind: DocKind, typed: string): Array<{ name: string; value: string }> {
  const text = typed.trim().slice(0, 300);
  const all = core.index.labels(kind).map((l) => l.label);
  // While a word is half typed ("peg"), plain substring matches are what people expect to see.
  const typedFolded = fold(text);
  const labels = text
    ? [...core.index.search(text, [kind]).hits.filter((h) => h.score > 0.15).map((h) => h.label), ...all.filter((l) => fold(l).includes(typedFolded))]
    : all;
  const out: Array<{ name: string; value: string }> = [];
  for (const label of labels) {
    if (label.length > MAX_CHOICE_CHARS || out.some((c) => c.value === label)) continue;
    out.push({ name: label, value: label });
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}
