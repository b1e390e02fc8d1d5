// The commonest words of English (stopwords-iso's English list, 1,298 words: "roughly", "amongst",
// "even", "thing"): when the record never uses one it says nothing about the topic, and when it
// does, it still says less than a rarer word.
//
// stopwords-iso ships every language in one 200 KB JSON file; the build keeps only the English
// list in dist/vendor/stopwords-en.json, which the compiled bot reads instead (about 8 ms less at
// start).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CODE_ROOT, COMPILED } from '../paths.ts';

export const VENDORED_STOPWORDS = path.join(CODE_ROOT, 'vendor', 'stopwords-en.json');

let common: ReadonlySet<string> | undefined;

/** stopwords-iso's English list, as the package has it. */
export function englishStopwords(): string[] {
  return (createRequire(import.meta.url)('stopwords-iso/stopwords-iso.json') as { en: string[] }).en;
}

function englishList(): string[] {
  if (COMPILED) {
    try {
      return JSON.parse(readFileSync(VENDORED_STOPWORDS, 'utf8')) as string[];
    } catch {
      // an older build without it: read the package
    }
  }
  return englishStopwords();
}

export function commonWords(): ReadonlySet<string> {
  common ??= new Set(englishList().map((w) => w.toLowerCase().replace(/'/g, '')));
  return common;
}
