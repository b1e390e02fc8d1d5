// The article body of a source file: the span between its start and end markers with the
// site boilerplate cut out. Quotes must sit inside one segment, so no quote can stitch an
// article sentence to a teaser or span a piece of boilerplate.
import type { Source } from './schema.ts';

export interface Segment {
  /** Offsets into the full file text. */
  start: number;
  end: number;
  text: string;
}

export interface SourceText {
  source: Source;
  /** The whole file, exactly as received. */
  raw: string;
  /** Article text only, in reading order. */
  segments: Segment[];
}

export class SourceTextError extends Error {}

export function buildSourceText(source: Source, raw: string): SourceText {
  const bodyStart = raw.indexOf(source.body.start);
  if (bodyStart < 0) throw new SourceTextError(`body.start not found in ${source.file}: "${source.body.start}"`);
  const endAt = raw.indexOf(source.body.end, bodyStart);
  if (endAt < 0)
    throw new SourceTextError(`body.end not found after body.start in ${source.file}: "${source.body.end}"`);
  const bodyEnd = endAt + source.body.end.length;

  // Cut each boilerplate occurrence out of the body span, leaving the article's own pieces.
  const cuts: Array<[number, number]> = [];
  source.boilerplate.forEach((b, i) => {
    let at = raw.indexOf(b.text, bodyStart);
    if (at < 0 || at + b.text.length > bodyEnd) {
      throw new SourceTextError(`boilerplate[${i}] not found inside the body of ${source.file}: "${b.text}"`);
    }
    while (at >= 0 && at + b.text.length <= bodyEnd) {
      cuts.push([at, at + b.text.length]);
      at = raw.indexOf(b.text, at + b.text.length);
    }
  });
  cuts.sort((a, b) => a[0] - b[0]);

  const segments: Segment[] = [];
  let cursor = bodyStart;
  for (const [from, to] of [...cuts, [bodyEnd, bodyEnd] as [number, number]]) {
    if (from > cursor) segments.push({ start: cursor, end: from, text: raw.slice(cursor, from) });
    cursor = Math.max(cursor, to);
  }
  return { source, raw, segments: segments.filter((s) => s.text.trim().length > 0) };
}

/** Every place `quote` occurs verbatim inside one body segment, as file offsets. */
export function locateQuote(text: SourceText, quote: string): Array<[number, number]> {
  const hits: Array<[number, number]> = [];
  for (const seg of text.segments) {
    let at = seg.text.indexOf(quote);
    while (at >= 0) {
      hits.push([seg.start + at, seg.start + at + quote.length]);
      at = seg.text.indexOf(quote, at + 1);
    }
  }
  return hits;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** Body sentences, split by the runtime's ICU sentence rules (line breaks end sentences too). */
export function sentencesOf(text: SourceText): Sentence[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const out: Sentence[] = [];
  for (const seg of text.segments) {
    for (const s of segmenter.segment(seg.text)) {
      const trimmed = s.segment.trim();
      if (trimmed.length < 2) continue;
      const lead = s.segment.indexOf(trimmed);
      const start = seg.start + s.index + lead;
      out.push({ start, end: start + trimmed.length, text: trimmed });
    }
  }
  return out;
}
