// Autocomplete: the closest curated questions or claims to what the user has typed so far, best
// first; with nothing typed yet, the most useful ones (the first phrasing of each entry, in the
// curated order). Discord allows at most 25 choices of at most 100 characters each.
import { LIMITS } from '../discord-api.ts';
import type { DocKind } from '../search/search-index.ts';
import { fold } from '../search/normalize.ts';
import type { Core } from './core.ts';

const MAX_CHOICES = LIMITS.choices;
const MAX_CHOICE_CHARS = LIMITS.choiceName;

export function suggest(core: Core, kind: DocKind, typed: string): Array<{ name: string; value: string }> {
  const text = typed.trim().slice(0, 300);
  const all = core.index.labelsOf(kind);
  const out: Array<{ name: string; value: string }> = [];
  const offer = (label: string) => {
    if (label.length <= MAX_CHOICE_CHARS && !out.some((c) => c.value === label))
      out.push({ name: label, value: label });
    return out.length === MAX_CHOICES;
  };
  if (!text) {
    for (const l of all) if (offer(l.label)) break;
    return out;
  }
  for (const h of core.index.search(text, [kind]).hits) if (h.score > 0.15 && offer(h.label)) return out;
  // While a word is half typed ("peg"), plain substring matches are what people expect to see.
  const typedFolded = fold(text);
  for (const l of all) if (l.folded.includes(typedFolded) && offer(l.label)) break;
  return out;
}
