// Zod schemas for every file under knowledge/. The YAML files are the source of truth;
// these schemas only say what shape a curator's entry must have. Checks that need more
// than one entry (references, verbatim quotes, derived dates) live in validate.ts.
//
// They are made on first use, not when this module is imported: making them is about 10 ms, and a
// compiled start with the build's parse cache takes every file's validated form from it and needs
// none of them (see src/kb/parse-cache.ts).
import { z } from 'zod';

function define() {
  /** Free text. YAML reads a bare 1400 or 2019-09-05 as a number or date, so say how to fix it. */
  const Text = z.string({
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be text (put numbers and dates in "quotes")'),
  });

  const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug such as "lawsuit-filed"');

  /** A calendar date written YYYY-MM-DD that really exists (no 2019-02-30). */
  const IsoDate = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, 'is not a real calendar date');

  const Weekday = z.enum(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);

  /** Exact words from a source body. Never paraphrased: validate.ts proves each one verbatim. */
  const Quote = z.strictObject({
    source: Slug,
    text: Text.min(3, 'a quote needs at least 3 characters'),
  });

  /**
   * When something happened, as precisely as the sources allow.
   * - day: `start` (and `end`, if given, equal to it)
   * - range: between `start` and `end`, e.g. "early September"
   * - month: the whole month of `start`
   * - by: on or before `end` (the sources report it had happened by then)
   * - unknown: the sources give no date
   * `basis` says how the date was obtained; derived ones carry the words they came from
   * so the bot can show its working, and validate.ts recomputes them.
   */
  const DateSpec = z
    .strictObject({
      precision: z.enum(['day', 'range', 'month', 'by', 'unknown']),
      start: IsoDate.optional(),
      end: IsoDate.optional(),
      /** Human wording shown for ranges and months, e.g. "early September 2019". */
      label: Text.min(3).optional(),
      basis: z.enum(['stated', 'weekday', 'days-ago', 'inferred', 'none']),
      /** Verbatim words in `source` that give the date ("on Tuesday", "two days ago"). */
      words: Text.min(2).optional(),
      source: Slug.optional(),
      weekday: Weekday.optional(),
      daysAgo: z.number().int().positive().optional(),
      /** Why the date is what it is, shown to users when it is not plainly stated. */
      note: Text.min(3).optional(),
    })
    .superRefine((d, ctx) => {
      const need = (cond: boolean, path: string, message: string) => {
        if (!cond) ctx.addIssue({ code: 'custom', path: [path], message });
      };
      if (d.precision === 'by') {
        need(d.start === undefined, 'start', 'a "by" date has only an end');
        need(d.end !== undefined, 'end', 'a "by" date needs an end');
        need(d.label !== undefined, 'label', 'a "by" date needs a label such as "by 3 November 2019"');
      } else if (d.precision === 'unknown') {
        need(d.start === undefined && d.end === undefined, 'start', 'an unknown date has no start or end');
        need(d.basis === 'none', 'basis', 'an unknown date has basis "none"');
      } else {
        need(d.start !== undefined, 'start', `a ${d.precision} date needs a start`);
        need(d.basis !== 'none', 'basis', `a ${d.precision} date needs a basis other than "none"`);
      }
      if (d.precision === 'day')
        need(d.end === undefined || d.end === d.start, 'end', 'a day date ends when it starts');
      if (d.precision === 'range') {
        need(d.end !== undefined, 'end', 'a range needs an end');
        need(d.label !== undefined, 'label', 'a range needs a label such as "early September 2019"');
        if (d.start && d.end) need(d.start <= d.end, 'end', 'a range must not end before it starts');
      }
      if (d.precision === 'month') need(d.start?.endsWith('-01') ?? false, 'start', 'a month date starts on the 1st');
      if (d.basis === 'weekday') {
        need(d.weekday !== undefined, 'weekday', 'a weekday-derived date names its weekday');
        need(
          d.words !== undefined && d.source !== undefined,
          'words',
          'a derived date quotes the words it came from and their source',
        );
      }
      if (d.basis === 'days-ago') {
        need(d.daysAgo !== undefined, 'daysAgo', 'a days-ago date says how many days');
        need(
          d.words !== undefined && d.source !== undefined,
          'words',
          'a derived date quotes the words it came from and their source',
        );
      }
      if (d.words !== undefined) need(d.source !== undefined, 'source', 'words need the source they are quoted from');
    });

  const Source = z.strictObject({
    id: Slug,
    /** Path of the verbatim article file, relative to knowledge/. */
    file: Text.regex(/^sources\/[a-z0-9-]+\.txt$/, 'must be a file under sources/ ending in .txt'),
    title: Text.min(3).nullable(),
    /** How the bot names the source in a footer. */
    label: Text.min(3),
    publisher: Text.min(2).nullable(),
    dateline: Text.min(2).nullable(),
    published: z.union([
      z.strictObject({
        date: IsoDate,
        time: Text.regex(/^\d{2}:\d{2}(:\d{2})?$/).optional(),
        /** The verbatim words on the page that give the date. */
        words: Text.min(4),
        note: Text.min(3),
      }),
      z.strictObject({ date: z.null(), note: Text.min(3) }),
    ]),
    /** The article body runs from the first occurrence of `start` to the end of `end`. */
    body: z.strictObject({ start: Text.min(3), end: Text.min(3) }),
    /** Site furniture inside the body span: cut out, never quotable, never knowledge. */
    boilerplate: z.array(z.strictObject({ text: Text.min(3), reason: Text.min(3) })).default([]),
    /** Body sentences that are deliberately not knowledge, each with the reason. */
    notKnowledge: z.array(z.strictObject({ text: Text.min(3), reason: Text.min(3) })).default([]),
  });

  const Party = z.strictObject({
    id: Slug,
    name: Text.min(2),
    kind: z.enum(['organisation', 'person', 'group', 'agency']),
    /** Names users type: "MeitY", "the Centre", "CERT In". Matching is case- and accent-insensitive. */
    aliases: z.array(Text.min(2)).min(1),
    partOf: Slug.optional(),
    description: Text.min(3),
    quotes: z.array(Quote).min(1),
  });

  const Event = z.strictObject({
    id: Slug,
    date: DateSpec,
    title: Text.min(3).max(120),
    /** One line; shown in the timeline. */
    summary: Text.min(3).max(300),
    parties: z.array(Slug).min(1),
    quotes: z.array(Quote).min(1),
    keywords: z.array(Text.min(2)).default([]),
  });

  const Account = z.strictObject({
    /** A party id, or a source id when the article itself states it. */
    by: Slug,
    says: Text.min(3),
    quotes: z.array(Quote).min(1),
  });

  const Transfer = z.strictObject({
    id: Slug,
    /** Parties who learned it (or, for status "denied", who say they were not told). */
    to: z.array(Slug).min(1),
    /** Who they learned it from; null when the sources do not say. */
    from: Slug.nullable(),
    what: Text.min(3).max(200),
    date: DateSpec,
    /**
     * on-record: stated by the article or an undisputed party.
     * claimed: one side says so, nobody on record answers it.
     * contested: the sides disagree; every side is an account.
     * not-known: a party says it did not know this yet at that date.
     */
    status: z.enum(['on-record', 'claimed', 'contested', 'not-known']),
    event: Slug.optional(),
    /** For not-known: the transfer (by id) from whose date on the party did know. */
    supersededBy: Slug.optional(),
    /**
     * Other transfers this knowledge cannot predate (the minister's account names NSO, which
     * WhatsApp only learned in October): an undated transfer with `restsOn` needs `notBefore`, no
     * earlier than any of theirs (checked by the loader), and /who-knew shows it only from then on.
     */
    restsOn: z.array(Slug).default([]),
    notBefore: IsoDate.optional(),
    /** For contested knowledge: the dispute in a few words, for /who-knew's summary ("the ministry calls it too vague"). */
    dispute: Text.min(3).max(120).optional(),
    accounts: z.array(Account).min(1),
  });

  /** What a question asks for: a figure, a date, a party… "what"/"tell me about" questions have no type. */
  const AnswerType = z.enum(['count', 'date', 'person', 'place', 'reason', 'manner', 'kind', 'yesno']);

  const QaEntry = z.strictObject({
    id: Slug,
    /** Ways people ask it; several phrasings make matching robust. */
    questions: z.array(Text.min(3)).min(2),
    answer: Text.min(3).max(600),
    /** The articles do not answer this; `answer` says so and what they do say. Replies as no-answer. */
    notInArticles: z.boolean().default(false),
    quotes: z.array(Quote).min(1),
    /** Events the answer rests on; the first one dates the answer unless `date` is given. */
    events: z.array(Slug).default([]),
    date: DateSpec.optional(),
    keywords: z.array(Text.min(2)).default([]),
    /**
     * What kinds of question the answer answers, besides those its own `questions` ask (read from
     * their wording: "when…" is a date, "how many…" a count). A question of another kind never gets it.
     */
    answers: z.array(AnswerType).default([]),
  });

  const Verdict = z.enum(['supported', 'contradicted', 'disputed', 'unverified']);

  const Claim = z.strictObject({
    id: Slug,
    /** The statement as people make it, in several wordings. */
    claims: z.array(Text.min(3)).min(1),
    verdict: Verdict,
    explanation: Text.min(3).max(600),
    quotes: z.array(Quote).min(1),
    /** Said when a user's figures differ from the sources', e.g. 1,400 globally vs 121 in India. */
    numbersNote: Text.min(3).optional(),
    events: z.array(Slug).default([]),
    keywords: z.array(Text.min(2)).default([]),
    /**
     * Who does what to whom, for claims between two parties ("WhatsApp sued NSO"): a user's claim
     * that names them the other way round ("NSO sued WhatsApp") gets `swapped` as its verdict
     * (by default contradicted when this claim is supported, else unverified), never this one's.
     */
    roles: z
      .strictObject({ agent: Slug, recipient: Slug, swapped: Verdict.optional() })
      .refine((r) => r.agent !== r.recipient, 'agent and recipient must differ')
      .optional(),
    /**
     * Whose view the claim is (parties): "the ministry called the letter vague" is supported when
     * the ministry holds this claim, whatever the claim's own verdict; contradicted when it is a
     * party in `rejectedBy` that is said to hold it.
     */
    heldBy: z.array(Slug).default([]),
    rejectedBy: z.array(Slug).default([]),
  });

  const Inconsistency = z.strictObject({
    id: Slug,
    title: Text.min(3).max(120),
    explanation: Text.min(3).max(600),
    quotes: z.array(Quote).min(2),
    events: z.array(Slug).default([]),
  });

  const WordList = z.array(Text.min(1));
  const Context = z.strictObject({
    /** One of these words comes right before the word. */
    before: WordList.optional(),
    /** One of these words comes right after it. */
    after: WordList.optional(),
    /** One of these words is within three words of it, either side. */
    near: WordList.optional(),
  });

  /**
   * A word whose meaning depends on its neighbours: "firm" is a company, but not in "not very firm";
   * "got" is "received", but not in "got hacked". The sense applies when `if` holds (or is absent)
   * and `unless` does not; otherwise the word is read as it is. `means: null` drops the word.
   */
  const Sense = z.strictObject({
    word: Text.min(1),
    means: Text.min(1).nullable(),
    /** Match the word only as written ("US", not "us"). */
    caseSensitive: z.boolean().default(false),
    if: Context.optional(),
    unless: Context.optional(),
  });

  /** Words the matcher treats alike; data so curators can teach the bot new wordings. */
  const Lexicon = z.strictObject({
    synonyms: z.array(z.array(Text.min(1)).min(2)),
    stopwords: z.array(Text.min(1)),
    /** Words for topics the articles do not cover even though they sound close (prices, buying…). */
    offTopic: z.array(Text.min(2)).default([]),
    /** Names of the incident's actors and things: a question naming one is only answered by an entry about it. */
    entities: z.array(Text.min(2)).default([]),
    /**
     * Entities that are part of others: an entry about the IT ministry is about the government too,
     * so "what deadline did the government give?" may be answered by it.
     */
    partOf: z.record(Text.min(2), z.array(Text.min(2)).min(1)).default({}),
    /** Context-dependent words (see Sense); checked before synonyms and stopwords. */
    senses: z.array(Sense).default([]),
    /**
     * Wrappers around a question or claim that say nothing about its topic ("is it true that",
     * "I'm trying to find out"): dropped before matching, so their words (and their "not") do not count.
     * A leading "^" drops it only where the message opens ("^ping": "ping: when did…", not "a ping").
     */
    frames: WordList.default([]),
    /**
     * How each kind of question is worded: "how many" asks for a count, "when" for a date. A
     * leading "^" means only at the start of a sentence ("^did" asks yes or no).
     */
    questionTypes: z.partialRecord(AnswerType, WordList).default({}),
    /**
     * Words that make a typed wording ask for something else: "how did the ministry describe the
     * letter?" asks what it said, not how (manner). A question with one of them has no type.
     */
    questionTypeExceptions: z.partialRecord(AnswerType, WordList).default({}),
    /**
     * Entities that can stand in for one another in a claim (countries, companies): a claim that
     * puts one where the record has another ("NSO is a Chinese company") is contradicted.
     */
    entityClasses: z.record(Text.min(2), WordList).default({}),
    /** Verbs that attribute a claim to someone ("the ministry called…", "WhatsApp says…"). */
    attributionVerbs: WordList.default([]),
  });

  /** knowledge/about.yaml: what /about says of the knowledge base itself. */
  const About = z.strictObject({
    /** When a curator last changed the knowledge base (the version is computed from the files). */
    updated: IsoDate,
    /** How to report a wrong quote, a wrong verdict or a missing fact. */
    report: Text.min(3),
  });
  return {
    Text,
    Slug,
    IsoDate,
    Weekday,
    Quote,
    DateSpec,
    Source,
    Party,
    Event,
    Transfer,
    AnswerType,
    QaEntry,
    Verdict,
    Claim,
    Inconsistency,
    Sense,
    Lexicon,
    About,
  };
}

export type Schemas = ReturnType<typeof define>;

let made: Schemas | undefined;
/** Every schema, made on the first call. */
export const schemas = (): Schemas => (made ??= define());

export type About = z.infer<Schemas['About']>;
export type Quote = z.infer<Schemas['Quote']>;
export type DateSpec = z.infer<Schemas['DateSpec']>;
export type Source = z.infer<Schemas['Source']>;
export type Party = z.infer<Schemas['Party']>;
export type Event = z.infer<Schemas['Event']>;
export type Transfer = z.infer<Schemas['Transfer']>;
export type QaEntry = z.infer<Schemas['QaEntry']>;
export type Verdict = z.infer<Schemas['Verdict']>;
export type Claim = z.infer<Schemas['Claim']>;
export type Inconsistency = z.infer<Schemas['Inconsistency']>;
export type Lexicon = z.infer<Schemas['Lexicon']>;
export type Sense = z.infer<Schemas['Sense']>;
export type AnswerType = z.infer<Schemas['AnswerType']>;

/** One file a collection: file name → top-level key → entry schema. */
export const FILES = {
  sources: collection('sources.yaml', 'Source'),
  parties: collection('parties.yaml', 'Party'),
  events: collection('events.yaml', 'Event'),
  transfers: collection('transfers.yaml', 'Transfer'),
  qa: collection('qa.yaml', 'QaEntry'),
  claims: collection('claims.yaml', 'Claim'),
  inconsistencies: collection('inconsistencies.yaml', 'Inconsistency'),
} as const;

/** A collection's file, and its entries' schema (made when first asked for). */
function collection<K extends keyof Schemas>(
  file: string,
  name: K,
): { readonly file: string; readonly schema: Schemas[K] } {
  return {
    file,
    get schema() {
      return schemas()[name];
    },
  };
}
