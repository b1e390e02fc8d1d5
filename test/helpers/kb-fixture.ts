// Copies of the real knowledge base that a test can break on purpose.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/kb/load.ts';

/** A fresh copy of knowledge/ in a temp folder also named "knowledge", so messages read the same. */
export function copyKnowledge(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'kb-')), 'knowledge');
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

/** Edits one YAML file of a copy through a callback on its parsed data. */
export function editYaml(dir: string, file: string, edit: (doc: any) => void): void {
  const p = path.join(dir, file);
  const doc = parse(readFileSync(p, 'utf8'));
  edit(doc);
  writeFileSync(p, stringify(doc));
}
