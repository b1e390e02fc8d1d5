// How much of each article the knowledge base actually uses. A sentence counts as covered when
// quotes (from any entry) cover at least half of it, so a stray three-word quote does not
// "cover" a long sentence whose facts were never curated; sentences marked notKnowledge count
// as deliberately excluded.
import type { LoadResult } from './load.ts';
import { locateQuote, sentencesOf } from './source-text.ts';

export const MIN_SENTENCE_SHARE = 0.5;

export interface SourceCoverage {
  source: string;
  sentences: number;
  covered: number;
  excluded: number;
  uncovered: string[];
}

export function coverageOf(result: LoadResult): SourceCoverage[] {
  const kb = result.kb;
  if (!kb) return [];
  return kb.sources.map((source) => {
    const text = kb.texts.get(source.id)!;
    const marked = new Uint8Array(text.raw.length);
    for (const q of result.quotes) {
      if (q.quote.source !== source.id) continue;
      for (const [a, b] of q.hits) marked.fill(1, a, b);
    }
    const excludedRanges = source.notKnowledge.flatMap((n) => locateQuote(text, n.text));
    const out: SourceCoverage = { source: source.id, sentences: 0, covered: 0, excluded: 0, uncovered: [] };
    for (const s of sentencesOf(text)) {
      out.sentences++;
      if (excludedRanges.some(([a, b]) => a < s.end && b > s.start)) {
        out.excluded++;
        continue;
      }
      let chars = 0;
      let hit = 0;
      for (let i = s.start; i < s.end; i++) {
        if (/\s/.test(text.raw[i]!)) continue;
        chars++;
        hit += marked[i]!;
      }
      if (chars > 0 && hit / chars >= MIN_SENTENCE_SHARE) out.covered++;
      else out.uncovered.push(s.text);
    }
    return out;
  });
}

export function coverageProblems(result: LoadResult): string[] {
  const problems: string[] = [];
  for (const c of coverageOf(result)) {
    for (const s of c.uncovered) {
      problems.push(
        `knowledge/sources.yaml: source ${c.source}: sentence neither quoted nor listed in notKnowledge: "${s.slice(0, 120)}"`,
      );
    }
  }
  // notKnowledge entries must name real body text, or they silently exclude nothing.
  for (const source of result.kb?.sources ?? []) {
    const text = result.kb!.texts.get(source.id)!;
    source.notKnowledge.forEach((n, i) => {
      if (locateQuote(text, n.text).length === 0)
        problems.push(`knowledge/sources.yaml: source ${source.id}.notKnowledge[${i}]: not found verbatim in the body`);
    });
  }
  return problems;
}
