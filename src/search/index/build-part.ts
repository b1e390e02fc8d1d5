// What the build's worker thread does with its share of the entries (see parallel-build.ts): the
// same buildStore, with a reader and a term table of its own, and which phrasing each label is.
import { CompiledLexicon } from '../lexicon.ts';
import { TermReader } from '../reader.ts';
import { Column } from './column.ts';
import { buildStore } from './entries.ts';
import { type Job, type Result, unflat } from './parallel-build.ts';
import { scopeReader } from './scope.ts';
import { TermTable } from './terms.ts';

export function buildPart(job: Job): Result {
  const reader = new TermReader(new CompiledLexicon(job.lexicon));
  const table = new TermTable();
  const entry = new Column();
  const phrasing = new Column();
  const store = buildStore(unflat(job), reader, table, scopeReader(reader, table), { refs: { entry, phrasing } });
  // Strings stay behind: the waiting thread has the entries' own ids and phrasings.
  const { id: _ids, label: _labels, weight: _weight, ...columns } = store;
  return { ok: true, terms: table.names, columns, entry: entry.done(), phrasing: phrasing.done() };
}
