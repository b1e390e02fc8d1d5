// The search core on a tiny knowledge base (test/fixtures/tiny-kb: one five-sentence article, four
// Q&A entries, two claims), so each rule of reading, scoring and deciding can be seen at work
// without the real base's thousands of terms.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createCore } from '../src/answers/core.ts';
import { doerOf, readAttribution } from '../src/answers/claim-structure.ts';
import { candidateOf, FEATURES, gateOf } from '../src/answers/decide.ts';
import { source } from '../src/answers/source.ts';
import { loadKnowledge } from '../src/kb/load.ts';
import { WEIGHTS } from '../src/search/search-index.ts';

const core = createCore(loadKnowledge(fileURLToPath(new URL('fixtures/tiny-kb', import.meta.url))));
const { reader, analyzer } = core.index;
const ASK = ['qa', 'event', 'claim', 'party'] as const;

describe('reading (one pipeline for curated texts and queries)', () => {
  it('reads a correctly spelt text the same way as a curated text and as a query, every time', () => {
    for (const text of ['Who did Acme sue?', 'How many users does Acme have?', 'The Acme letter was vague']) {
      const curated = reader.read(text).terms;
      expect(analyzer.analyze(text).terms).toEqual(curated);
      expect(reader.read(text).terms).toEqual(curated);
    }
  });

  it('gives a word its sense from its neighbours', () => {
    expect(reader.read('a firm from abroad').terms).toContain('company');
    // "not very, very firm" is the curated phrase for vague, and no company.
    const vague = reader.read('the letter was not very, very firm').terms;
    expect(vague).toContain('vague');
    expect(vague).not.toContain('company');
    // Users a company has are its users; users who were hit are people.
    expect(reader.read('How many users does Acme have?').terms).toContain('user');
    expect(reader.read('12 users were hit').terms).toContain('people');
    // "US" as written is the United States; the pronoun is not.
    expect(reader.read('a US court').terms).toContain('united states');
    expect(reader.read('tell us').terms).not.toContain('united states');
  });

  it('reads what a question asks for, and drops its frame, "not" included', () => {
    expect(reader.read('How many users did the tool hit?').type).toBe('count');
    expect(reader.read('Which company did Acme take to court?').type).toBe('person');
    expect(reader.read('Acme sued Zenco').type).toBeNull();
    const framed = reader.read('is it true that Acme sued Zenco');
    expect(framed.terms).toEqual(reader.read('Acme sued Zenco').terms);
    expect(framed.negated).toBe(false);
  });

  it('drops an opening frame only where the message opens', () => {
    // "^ping": "ping: who did Acme sue" is the question; "a ping from Acme" keeps its word.
    expect(reader.read('ok so ping: who did Acme sue').terms).toEqual(reader.read('who did Acme sue').terms);
    expect(reader.read('did Acme ping Zenco').terms).toEqual(expect.arrayContaining(['ping']));
  });

  it('marks figures as slots, so a wrong figure still meets the claim that has the right one', () => {
    expect(reader.read('Acme said 12 users were hit').terms).toContain('#figure');
    expect(analyzer.analyze('Acme said 99 users were hit').terms).toContain('#figure');
  });

  it('corrects misspellings against the record, before phrases are read', () => {
    expect(analyzer.analyze('who did acmee sue').terms).toContain('acme');
    expect(analyzer.analyze('zencoo group').terms).toEqual(['zenco']);
    // Never a four-letter word: too many are one letter from another.
    expect(analyzer.analyze('zenc').terms).not.toContain('zenco');
  });

  it('reads an inflection of a wording word as that word, not as a misspelt neighbour', () => {
    // "kinds" is one letter from the stopword "kinda": corrected, the question would lose its kind.
    expect(analyzer.analyze('what kinds of companies did Acme sue').type).toBe('kind');
    expect(analyzer.analyze('what sorts of companies did Acme sue').type).toBe('kind');
  });
});

describe('scoring (evidence from the whole entry)', () => {
  const hitFor = (query: string, id: string) => core.index.search(query, ['qa']).hits.find((h) => h.id === id)!;
  const w = (t: string) => core.index.weightOf(t);

  it('counts a query word by where the entry has it: its phrasing, another name, or its body', () => {
    // "acme" and "lawsuit" are in the phrasing "Who did Acme sue?"; "zenco" only in the answer.
    const body = hitFor('Acme sue Zenco', 'who-sued');
    expect(body.queryCoverage).toBeCloseTo(
      (w('acme') + w('lawsuit') + WEIGHTS.body * w('zenco')) / (w('acme') + w('lawsuit') + w('zenco')),
      6,
    );
    // "litigation" is one of the entry's keywords, not in its phrasing: WEIGHTS.names of its weight.
    const other = hitFor('Who did Acme sue, litigation?', 'who-sued');
    expect(other.matched).toBe('Who did Acme sue?');
    const total = w('?person') + w('acme') + w('lawsuit') + w('litigation');
    expect(other.queryCoverage).toBeCloseTo(
      (w('?person') + w('acme') + w('lawsuit') + WEIGHTS.names * w('litigation')) / total,
      6,
    );
  });

  it('scores the phrasing the query names best as the entry', () => {
    const hit = hitFor('Which company did Acme take to court?', 'who-sued');
    expect(hit.matched).toBe('Which company did Acme take to court?');
    expect(hit.docCoverage).toBeCloseTo(1, 9);
  });
});

describe('deciding (gates no score outweighs)', () => {
  it('never answers a question of a kind the entry does not answer', () => {
    const r = core.index.search('When did Acme sue Zenco?', ASK);
    const who = r.hits.find((h) => h.id === 'who-sued')!;
    expect(gateOf(who, r.analysis, { questions: true })).toMatch(/date/);
    // The event, which has a date, may answer it.
    expect(candidateOf(r, ASK, { questions: true })?.hit.id).toBe('acme-sues-zenco');
    // "What kind of" asks for a kind: the Q&A about who was sued does not give one; a party does.
    const kind = core.index.search('What kind of company did Acme sue?', ASK);
    expect(kind.analysis.type).toBe('kind');
    expect(gateOf(kind.hits.find((h) => h.id === 'who-sued')!, kind.analysis, { questions: true })).toMatch(/kind/);
  });

  it('measures the margin to the next entry about something else, not to one saying the same', () => {
    // The Q&A, the event and the claim about the lawsuit quote the same words: they agree.
    const r = core.index.search('acme lawsuit', ASK);
    const margin = FEATURES.indexOf('margin');
    const alone = candidateOf(r, ASK, { questions: true })!;
    const agreeing = candidateOf(r, ASK, { questions: true, related: core.related })!;
    expect(agreeing.hit.id).toBe(alone.hit.id);
    expect(core.related(r.hits[0]!, r.hits[1]!)).toBe(true);
    const rival = r.hits.find((h) => h !== agreeing.hit && !core.related(agreeing.hit, h))!;
    expect(agreeing.features[margin]).toBeCloseTo(agreeing.hit.score - rival.score);
    expect(agreeing.features[margin]!).toBeGreaterThan(alone.features[margin]!);
  });

  it('does not count an entry barred by the question type as a rival', () => {
    // "When…" finds the Q&A about who sued, which gives no date: it cannot answer, so it does
    // not make the event (which has the date) look less certain.
    const r = core.index.search('When did Acme sue Zenco?', ASK);
    const opts = { questions: true };
    const c = candidateOf(r, ASK, opts)!;
    expect(r.analysis.type).toBe('date');
    const barred = r.hits.filter((h) => h.typeFit < 0);
    expect(barred.map((h) => h.id)).toContain('who-sued');
    const rival = r.hits.find((h) => h !== c.hit && !barred.includes(h));
    expect(c.features[FEATURES.indexOf('margin')]).toBeCloseTo(c.hit.score - (rival?.score ?? 0));
    const who = r.hits.find((h) => h.id === 'who-sued')!;
    if (rival) expect(who.score).toBeGreaterThan(rival.score);
  });

  it('never answers "who did X sue?" with X itself, but answers "who is X?" with X', () => {
    const opts = { questions: true, partiesOf: (t: string) => core.parties.partiesOf(t) };
    const sued = core.index.search('Which company did Acme sue?', ASK);
    const acme = sued.hits.find((h) => h.kind === 'party' && h.id === 'acme')!;
    expect(gateOf(acme, sued.analysis, opts)).toMatch(/about, not its answer/);
    expect(gateOf(acme, sued.analysis, { questions: true })).toBeNull();
    const who = core.index.search('Who is Acme?', ASK);
    const same = who.hits.find((h) => h.kind === 'party' && h.id === 'acme')!;
    expect(gateOf(same, who.analysis, opts)).toBeNull();
  });

  it('does not answer "how many users does it have" with the number of people hit', () => {
    const r = core.index.search('How many users does Acme have?', ASK);
    expect(candidateOf(r, ASK, { questions: true })?.hit.id).toBe('user-base');
  });

  it('never answers a question naming an actor the entry never mentions', () => {
    const r = core.index.search('How many users does the regulator have?', ASK);
    const base = r.hits.find((h) => h.id === 'user-base')!;
    expect(base.entityMiss).toEqual(['regulator']);
    expect(gateOf(base, r.analysis, { questions: true })).toMatch(/actor/);
  });
});

describe('claims: who did what, and who said so', () => {
  const roles = { agent: 'acme', recipient: 'zenco' };
  const doer = (text: string) => doerOf(analyzer.analyze(text), roles, core.parties);

  it('reads the doer from word order, "by"/"from", and the passive', () => {
    expect(doer('Acme sued Zenco')).toBe('agent');
    expect(doer('Zenco sued Acme')).toBe('recipient');
    expect(doer('Zenco was sued by Acme')).toBe('agent');
    expect(doer('Acme was sued by Zenco')).toBe('recipient');
    // One side named, after other words: it is not said to be the doer.
    expect(doer('the lawsuit went to court against Zenco')).toBeNull();
  });

  it("reads Hindi's role marks after the name (ne: the doer, ko: the one done to)", () => {
    expect(doer('zenco ko acme ne sue kiya')).toBe('agent');
    expect(doer('zenco ne acme ko sue kiya')).toBe('recipient');
    expect(doer('ज़ेनको को acme ने sue किया')).toBe('agent');
  });

  it('gives a swapped claim the opposite verdict, never "supported"', () => {
    expect(source(core, 'Acme sued Zenco').verdict).toBe('supported');
    // Only partly a false claim, with a word the record never uses: not that claim.
    expect(source(core, 'Acme filed a case against the regulator').verdict).toBe('contradicted');
    expect(source(core, 'the Acme case was filed in narnia').verdict).not.toBe('contradicted');
    expect(source(core, 'Zenco sued Acme').verdict).toBe('contradicted');
  });

  it('judges "X said Y" by whether X holds Y', () => {
    const a = readAttribution(
      analyzer.analyze('The regulator called the Acme letter vague'),
      reader.lexicon.attributionVerbs,
      core.parties,
      (t) => reader.isCurated(t),
    );
    expect(a?.speakers).toContain('regulator');
    expect(a?.content).toBe('the acme letter vague');
    // The claim itself is disputed; that the regulator holds it is on record.
    expect(source(core, 'The Acme letter was vague').verdict).toBe('disputed');
    expect(source(core, 'The regulator called the Acme letter vague').verdict).toBe('supported');
    expect(source(core, 'Acme said the Acme letter was vague').verdict).toBe('contradicted');
  });
});

describe('the index reads the real knowledge base the way queries are read', () => {
  it('gives the same terms on its fast paths (phrasings, other texts) as the full reading', async () => {
    const { core: real } = await import('./helpers/bot.ts');
    const reader = real.index.reader;
    const sorted = (xs: readonly string[]) => [...xs].sort();
    const texts = [
      ...real.kb.qa.flatMap((q) => [...q.questions, q.answer]),
      ...real.kb.claims.flatMap((c) => [...c.claims, c.explanation]),
      ...real.kb.events.map((e) => e.summary),
    ];
    for (const text of texts) {
      const full = reader.read(text);
      expect(sorted(reader.readPhrasing(text).terms), text).toEqual(sorted(full.terms));
      expect(sorted(reader.terms(text)), text).toEqual(sorted(full.terms.filter((t) => !t.startsWith('?'))));
      expect(reader.readPhrasing(text).negated, text).toBe(full.negated);
    }
  });

  it("reads the real lexicon's senses: the Pegasus case is the affair, the court case a lawsuit", async () => {
    const { core: real } = await import('./helpers/bot.ts');
    const terms = (t: string) => real.index.reader.read(t).terms;
    expect(terms('Is Facebook involved in the Pegasus case?')).not.toContain('lawsuit');
    expect(terms('in any case, who owns WhatsApp?')).not.toContain('lawsuit');
    expect(terms('which court has the case')).toContain('lawsuit');
    expect(terms("WhatsApp's case against NSO")).toContain('lawsuit');
  });
});
