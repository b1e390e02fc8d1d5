import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError, loadKnowledge, readKnowledge } from '../src/kb/load.ts';
import { coverageOf, coverageProblems } from '../src/kb/coverage.ts';
import { copyKnowledge, editYaml } from './helpers/kb-fixture.ts';
import { roleProblems, wordingProblems } from '../src/answers/claim-checks.ts';
import { createCore } from '../src/answers/core.ts';

const kb = loadKnowledge();
const raw = new Map(kb.sources.map((s) => [s.id, readFileSync(path.join(DEFAULT_KNOWLEDGE_DIR, s.file), 'utf8')]));

describe('the real knowledge base', () => {
  it('loads with no problems and covers every sentence of both articles', () => {
    const result = readKnowledge();
    expect(result.problems).toEqual([]);
    expect(coverageProblems(result)).toEqual([]);
    for (const c of coverageOf(result)) expect(c.covered + c.excluded).toBe(c.sentences);
  });

  it('has the source articles exactly as received', () => {
    // Byte counts of the seeds as delivered; a changed article must be a deliberate, reviewed edit.
    expect(Buffer.byteLength(raw.get('ie-2019-11-03')!)).toBe(6152);
    expect(Buffer.byteLength(raw.get('wire-new-delhi')!)).toBe(2056);
  });

  it('records the publication dates the pages give, and none for the undated wire report', () => {
    expect(kb.source.get('ie-2019-11-03')!.published.date).toBe('2019-11-03');
    expect(kb.source.get('wire-new-delhi')!.published.date).toBeNull();
  });

  it('quotes every piece of evidence verbatim from its article (checked here independently of the loader)', () => {
    const quotes = allQuotes();
    expect(quotes.length).toBeGreaterThan(100);
    for (const q of quotes) expect(raw.get(q.source), `${q.source}: ${q.text}`).toContain(q.text);
  });

  it('never quotes the page furniture around the first article', () => {
    const quoted = allQuotes().map((q) => q.text);
    for (const b of kb.source.get('ie-2019-11-03')!.boilerplate) {
      expect(quoted.some((q) => q.includes(b.text.slice(0, 30)))).toBe(false);
    }
    expect(quoted.filter((q) => /Bridgerton|Merkel|Mamata|UPSC|2022|Follow Us/.test(q))).toEqual([]);
  });

  it('dates weekday references by counting back from the publication date (recomputed here)', () => {
    const dates = [...kb.events, ...kb.transfers].map((x) => x.date).filter((d) => d.basis === 'weekday');
    expect(dates.length).toBeGreaterThanOrEqual(5);
    const names = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    for (const d of dates) {
      const published = new Date(`${kb.source.get(d.source!)!.published.date}T00:00:00Z`);
      const day = new Date(`${d.start}T00:00:00Z`);
      const daysBefore = (published.getTime() - day.getTime()) / 86_400_000;
      expect(names[day.getUTCDay()]).toBe(d.weekday);
      expect(daysBefore).toBeGreaterThanOrEqual(1);
      expect(daysBefore).toBeLessThanOrEqual(7);
      expect(d.words).toContain(d.weekday);
    }
    expect(kb.event.get('whatsapp-sues-nso')!.date.start).toBe('2019-10-29');
  });

  it('dates nothing from the 2022 boilerplate: every date falls in 2019', () => {
    const all = JSON.stringify(kb);
    for (const m of all.matchAll(/"(?:start|end|date)":"(\d{4})-\d{2}-\d{2}"/g)) expect(m[1]).toBe('2019');
  });

  it('keeps contested knowledge contested, with each side attributed', () => {
    const letter = kb.transfers.find((t) => t.id === 'cert-in-gets-september-letter')!;
    expect(letter.status).toBe('contested');
    expect(new Set(letter.accounts.map((a) => a.by))).toEqual(
      new Set(['whatsapp-source', 'ravi-shankar-prasad', 'ministry-source']),
    );
  });
});

describe('claim wordings', () => {
  it("each get their own claim's verdict when checked with /source", () => {
    const { checked, problems } = wordingProblems(createCore(kb));
    expect(checked).toBeGreaterThan(400);
    expect(problems).toEqual([]);
  });

  it('report a wording that another claim decides', () => {
    const dir = copyKnowledge();
    const i = kb.claims.findIndex((c) => c.id === 'whatsapp-sued-nso');
    editYaml(dir, 'claims.yaml', (d) => d.claims[i].claims.push('NSO sued WhatsApp'));
    const { problems } = wordingProblems(createCore(loadKnowledge(dir)));
    expect(problems.some((p) => p.includes('"NSO sued WhatsApp" checked with /source gets contradicted'))).toBe(true);
  });
});

describe('claims with roles', () => {
  it('read with the curated doer in every wording', () => {
    const { checked, problems } = roleProblems(createCore(kb));
    expect(checked).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });

  it('report a wording that has the roles the other way round', () => {
    const dir = copyKnowledge();
    const i = kb.claims.findIndex((c) => c.id === 'whatsapp-sued-nso');
    editYaml(dir, 'claims.yaml', (d) => d.claims[i].claims.push('NSO sued WhatsApp'));
    const { problems } = roleProblems(createCore(loadKnowledge(dir)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      `claims[${i}] (whatsapp-sued-nso).claims[${kb.claims[i]!.claims.length}]: "NSO sued WhatsApp" reads as NSO Group doing it`,
    );
  });
});

describe('a broken knowledge file is refused precisely', () => {
  const problemsAfter = (file: string, edit: (doc: any) => void) => {
    const dir = copyKnowledge();
    editYaml(dir, file, edit);
    const result = readKnowledge(dir);
    expect(() => loadKnowledge(dir)).toThrow(KnowledgeError);
    return result.problems;
  };

  it('names file, entry, field for a quote that is not verbatim', () => {
    const i = kb.events.findIndex((e) => e.id === 'whatsapp-sues-nso');
    const problems = problemsAfter('events.yaml', (d) => {
      d.events[i].quotes[0].text = d.events[i].quotes[0].text.replace('Tuesday', 'Wednesday');
    });
    expect(problems).toContain(
      `knowledge/events.yaml: events[${i}] (whatsapp-sues-nso).quotes[0]: not found verbatim in source ie-2019-11-03`,
    );
  });

  it('refuses a quote taken from the boilerplate, or one spanning it', () => {
    const problems = problemsAfter('claims.yaml', (d) => {
      d.claims[0].quotes[0] = { source: 'ie-2019-11-03', text: 'Explained: The CBI’s Delhi excise case' };
      d.claims[0].quotes[1] = { source: 'ie-2019-11-03', text: 'communications.\n\nSubscriber Only Stories' };
    });
    expect(problems).toContain(
      'knowledge/claims.yaml: claims[0] (india-121-targeted).quotes[0]: not found verbatim in source ie-2019-11-03',
    );
    expect(problems).toContain(
      'knowledge/claims.yaml: claims[0] (india-121-targeted).quotes[1]: not found verbatim in source ie-2019-11-03',
    );
  });

  it('names an unknown party in roles or heldBy, and one that both holds and rejects a claim', () => {
    const i = kb.claims.findIndex((c) => c.id === 'september-letter-vague');
    const problems = problemsAfter('claims.yaml', (d) => {
      d.claims[i].roles = { agent: 'nobody', recipient: 'whatsapp' };
      d.claims[i].heldBy = ['whatsapp-source', 'ministry-source'];
    });
    expect(problems).toContain(
      `knowledge/claims.yaml: claims[${i}] (september-letter-vague).roles.agent: unknown party "nobody"`,
    );
    expect(problems).toContain(
      `knowledge/claims.yaml: claims[${i}] (september-letter-vague).rejectedBy: whatsapp-source cannot both hold and reject the claim`,
    );
  });

  it('names a missing field', () => {
    const problems = problemsAfter('events.yaml', (d) => {
      delete d.events[2].summary;
    });
    expect(problems).toContain(`knowledge/events.yaml: events[2] (${problemsId('events', 2)}).summary: is required`);
  });

  it('names a dangling reference', () => {
    const problems = problemsAfter('events.yaml', (d) => {
      d.events[0].parties.push('nobody-at-all');
    });
    expect(
      problems.some(
        (p) =>
          p.startsWith(`knowledge/events.yaml: events[0] (${problemsId('events', 0)}).parties[`) &&
          p.endsWith('unknown party "nobody-at-all"'),
      ),
    ).toBe(true);
  });

  it('refuses an impossible date and a weekday that does not match its words', () => {
    const problems = problemsAfter('events.yaml', (d) => {
      d.events[1].date.start = '2019-02-30';
      const sued = d.events.find((e: any) => e.id === 'whatsapp-sues-nso');
      sued.date.start = '2019-10-30';
    });
    expect(problems).toContain(
      `knowledge/events.yaml: events[1] (${problemsId('events', 1)}).date.start: is not a real calendar date`,
    );
    expect(
      problems.some((p) =>
        p.includes(
          '(whatsapp-sues-nso).date.start: Tuesday before publication 2019-11-03 is 2019-10-29, not 2019-10-30',
        ),
      ),
    ).toBe(true);
  });

  it('refuses a date taken from the 2022 page stamp', () => {
    const problems = problemsAfter('events.yaml', (d) => {
      d.events[0].date.start = '2022-08-01';
    });
    expect(
      problems.some((p) =>
        p.endsWith('.date.start: year 2022 appears in no article body or publication date (boilerplate?)'),
      ),
    ).toBe(true);
  });

  it('refuses duplicate ids and bare numbers where text is expected', () => {
    const problems = problemsAfter('claims.yaml', (d) => {
      d.claims[1].id = d.claims[0].id;
      d.claims[2].keywords = [1400];
    });
    expect(problems.some((p) => p.includes('.id: duplicate id, first used by claims[0]'))).toBe(true);
    expect(problems).toContain(
      `knowledge/claims.yaml: claims[2] (global-1400-targeted).keywords[0]: must be text (put numbers and dates in "quotes")`,
    );
  });

  it('reports a YAML syntax error as file:line:column, on one line', () => {
    const dir = copyKnowledge();
    writeFileSync(path.join(dir, 'parties.yaml'), 'parties:\n  - id: x\n   name: [unclosed\n');
    const problems = readKnowledge(dir).problems;
    const line = problems.find((x) => x.startsWith('knowledge/parties.yaml:'))!;
    expect(line).toMatch(/^knowledge\/parties\.yaml:\d+:\d+: YAML syntax error: \S/);
    expect(line).not.toContain('\n');
  });

  it('refuses an alias bomb and a file over 5 MB, quickly, naming the file', () => {
    const dir = copyKnowledge();
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
      'events: []',
    ].join('\n');
    writeFileSync(path.join(dir, 'events.yaml'), bomb);
    writeFileSync(path.join(dir, 'qa.yaml'), `qa:\n${'  - x\n'.repeat(1_100_000)}`);
    const t = performance.now();
    const problems = readKnowledge(dir).problems;
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(
      problems.some((x) => /^knowledge\/events\.yaml: too many YAML aliases/.test(x)),
      problems.join('\n'),
    ).toBe(true);
    expect(problems).toContain(
      `knowledge/qa.yaml: ${(statSync(path.join(dir, 'qa.yaml')).size / 1024 / 1024).toFixed(1)} MB is more than the 5 MB a knowledge file may have`,
    );
  });
});

function allQuotes(): Array<{ source: string; text: string }> {
  const quotes: Array<{ source: string; text: string }> = [];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'quotes' && Array.isArray(v)) quotes.push(...(v as typeof quotes));
        else collect(v);
      }
    }
  };
  collect([kb.parties, kb.events, kb.transfers, kb.qa, kb.claims, kb.inconsistencies]);
  return quotes;
}

function problemsId(key: 'events', i: number): string {
  return kb[key][i]!.id;
}
