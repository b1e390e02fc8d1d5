// The commonest words of English (stopwords-iso's English list, 1,298 words: "roughly", "amongst",
// "even", "thing"): when the record never uses one it says nothing about the topic, and when it
// does, it still says less than a rarer word.
import { createRequire } from 'node:module';

let common: ReadonlySet<string> | undefined;

export function commonWords(): ReadonlySet<string> {
  common ??= new Set((createRequire(import.meta.url)('stopwords-iso/stopwords-iso.json') as { en: string[] }).en.map((w) => w.toLowerCase().replace(/'/g, '')));
  return common;
}
