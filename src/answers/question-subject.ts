// The one a "who did X …" question is about: "what company did WhatsApp sue?" asks for someone
// WhatsApp sued, so WhatsApp's own entry is no answer to it — while "who is Will Cathcart?" (no
// auxiliary verb) asks about Cathcart and his entry answers.
import type { Reading } from '../search/reader.ts';
import { ARTICLES } from './claim-structure.ts';

const WH = new Set(['who', 'whom', 'what', 'which']);
const AUXILIARIES = new Set(['did', 'does', 'do', 'has', 'have', 'had', 'will', 'would', 'should', 'can', 'could']);
/** Words between the question word and its auxiliary: "which Indian company did…". */
const MAX_BETWEEN = 3;

/** The term naming the subject of a "who/what/which … did X …" question, or null. */
export function questionSubject(r: Pick<Reading, 'raw' | 'mentions'>): string | null {
  const raw = r.raw;
  const wh = raw.findIndex((w) => WH.has(w));
  if (wh < 0) return null;
  for (let j = wh + 1; j <= Math.min(raw.length - 1, wh + 1 + MAX_BETWEEN); j++) {
    if (!AUXILIARIES.has(raw[j]!)) continue;
    let k = j + 1;
    while (k < raw.length && ARTICLES.has(raw[k]!)) k++;
    return r.mentions.find((m) => m.start === k)?.term ?? null;
  }
  return null;
}
