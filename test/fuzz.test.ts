// Fuzzing with fast-check, bounded (a fixed number of runs per property, a time limit per
// property) and reproducible (a fixed seed; FUZZ_SEED=<n> to try another, and every failure
// prints its seed and path). Two targets:
//   - the dispatcher: every command and option, autocomplete and button presses, given random
//     and hostile text — the reply must always be a message Discord accepts, that pings no one,
//     shows no raw @everyone/@here, quotes the articles verbatim and echoes no control or
//     direction-override characters;
//   - the HTTP endpoint: random bodies, headers, methods and paths, signed and not — it must
//     never crash, answer only 200/400/401/404/405/413, and 200 only a correctly signed, valid
//     interaction.
import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooldown } from '../src/commands/cooldown.ts';
import { createDispatcher } from '../src/commands/dispatch.ts';
import { createDesk } from '../src/desk.ts';
import { createLogger } from '../src/log.ts';
import type { MessagePayload, Reply } from '../src/render/discord.ts';
import { createInteractionServer } from '../src/transports/http.ts';
import { assertDiscordValid, commands, core, isVerbatim, quotedPassages } from './helpers/bot.ts';
import { keyPair, signature } from './helpers/signed.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20191103);
/** FUZZ_SCALE=20 for a deeper hunt by hand (runs, time limits and timeouts scale; add --testTimeout=600000). */
const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1));
const RUNS = 250;
/** Per property: stops generating rather than overrun on a slow box (at least 50 runs must fit). */
const TIME_LIMIT_MS = 12_000 * SCALE;

/** Runs a property; throws fast-check's report (seed, path, counterexample) when it fails. */
async function check<T>(property: fc.IAsyncProperty<T> | fc.IProperty<T>, numRuns = RUNS): Promise<void> {
  const details = await fc.check(property as fc.IAsyncProperty<T>, {
    numRuns: numRuns * SCALE,
    seed: SEED,
    interruptAfterTimeLimit: TIME_LIMIT_MS,
    markInterruptAsFailure: false,
  });
  if (details.failed) {
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details) ?? `property failed (seed ${SEED})`}\nError: ${cause}`);
  }
  expect(details.numRuns, 'runs before the time limit').toBeGreaterThanOrEqual(Math.min(numRuns, 50));
}

// ---- hostile text ----------------------------------------------------------------------------

const FRAGMENTS = [
  '',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u202E',
  '\u202D',
  '\u200F',
  '\u200E',
  '\u2066',
  '\u2069',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '👩‍👩‍👧‍👦',
  '🇮🇳',
  '🏳️‍🌈',
  '😀',
  'é',
  'e\u0301',
  'a\u0300\u0301\u0302\u0303\u0304',
  'Z̵̡̛͓̈́a̸͉l̷g̶o̴',
  'ﬁ',
  'Ⅻ',
  '１２１',
  'ǅ',
  '**',
  '*',
  '_',
  '__',
  '~~',
  '`',
  '```',
  '```js\nconsole.log(1)\n```',
  '> ',
  '>>> ',
  '||spoiler||',
  '# heading',
  '-# small',
  '[link](https://evil.example)',
  '\\',
  '@everyone',
  '@here',
  '@EVERYONE',
  '@Here',
  '@\u200beveryone',
  '＠everyone',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&123>',
  '<#123>',
  '</ask:123>',
  '<t:0:R>',
  '<:emoji:123>',
  'https://discord.com/api/webhooks/1/x',
  'http://127.0.0.1:1/',
  'javascript:alert(1)',
  '{"type":1}',
  '{"__proto__":{"polluted":1}}',
  '[]',
  'null',
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  '%s%d%n',
  '${7*7}',
  '{{7*7}}',
  '../../etc/passwd',
  'constructor',
  '__proto__',
  'toString',
  '0',
  '-0',
  'NaN',
  'Infinity',
  '1e999',
  '0x10',
  '9007199254740993',
  '1,400',
  '121',
  '-1',
  '3.14',
  '2019-02-30',
  '2019-13-01',
  '2019-00-10',
  '31/02/2019',
  '00/00/0000',
  '9999-99-99',
  '0000-01-01',
  '6 Sep 2019',
  '06/09/2019',
  '17.05.2019',
  'Sept 6 2019',
  'yesterday',
  'next tuesday',
  '2019-09-06T25:61:00Z',
  '6 Sep 2019 to 7 Sep 2019',
  '32nd Smarch',
  'who made pegasus',
  'WhatsApp',
  'NSO',
  'CERT-In',
  'MeitY',
  'Ravi Shankar Prasad',
  '1,400 Indians were hacked',
  '|',
  '||',
  ':',
  '::',
  '\uD800',
  '\uDFFF',
  '\uD83D',
];

const fragment = fc.constantFrom(...FRAGMENTS);
const piece = fc.oneof(
  { weight: 4, arbitrary: fragment },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);
/** Long text: around the 60/80-character option limits and the 80-character echo, and up to and past Discord's 6,000 (and our 500). */
const long = fc
  .tuple(
    fc.oneof(fragment, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 })),
    fc.oneof(fc.integer({ min: 55, max: 200 }), fc.integer({ min: 400, max: 6000 })),
  )
  .map(([f, n]) => (f || 'x').repeat(Math.ceil(n / Math.max(1, (f || 'x').length))).slice(0, n));
/** Questions and claims the bot answers, so hostile decoration reaches the answer path too. */
const GOOD = [
  'who made pegasus',
  'when did whatsapp sue nso',
  'how many indians were targeted',
  'when did whatsapp tell cert-in',
  '1,400 Indians were hacked',
  '121 Indians were hacked',
  'WhatsApp sued NSO in a US court',
  'WhatsApp never told the government',
];
const decorated = fc
  .tuple(fc.constantFrom(...GOOD), fc.array(fragment, { maxLength: 3 }), fc.array(fragment, { maxLength: 3 }))
  .map(([text, before, after]) => [...before, text, ...after].join(' '));
const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fragment },
  { weight: 3, arbitrary: decorated },
  {
    weight: 6,
    arbitrary: fc
      .array(piece, { maxLength: 10 })
      .chain((parts) => fc.constantFrom(' ', '', '\n').map((sep) => parts.join(sep))),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 2, arbitrary: long },
  { weight: 1, arbitrary: fc.constant('x'.repeat(6000)) },
);

/** Values a STRING option could never hold but a forged or buggy payload might. */
const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

// ---- what every reply must be ----------------------------------------------------------------

/** No lone surrogate (String#isWellFormed is ES2024; with /u a lone surrogate is a \p{Cs} code point). */
function isWellFormed(text: string): boolean {
  return !/\p{Cs}/u.test(text);
}

const OUTCOMES = new Set(['answer', 'no-answer', 'invalid-input']);
/** C0/C1 controls (newline and tab are fine), bidi overrides/isolates and marks, zero-width characters. */
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

function visibleTexts(message: MessagePayload): string[] {
  const out: string[] = [message.content ?? ''];
  for (const e of message.embeds)
    out.push(
      e.title ?? '',
      e.description ?? '',
      e.footer?.text ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    );
  for (const row of message.components) for (const b of row.components) if ('label' in b) out.push(b.label ?? '');
  return out;
}

/** Everything a reply to any input must satisfy; `inputWellFormed`: the input had no lone surrogate. */
function assertGoodMessage(message: MessagePayload, inputWellFormed = true): void {
  assertDiscordValid(message);
  expect(message.allowed_mentions).toEqual({ parse: [] });
  for (const text of visibleTexts(message)) {
    // Pings are off anyway (allowed_mentions); these must not even look like one.
    expect(text, 'a visible @everyone/@here').not.toMatch(/@(everyone|here)/i);
    expect(text, 'a visible user or role mention').not.toMatch(/<@[!&]?\d+>/);
    // A word such as "constructor" once reached Object.prototype: "Your claim's function Object() { [native code] }".
    expect(text, 'a JavaScript function in the text').not.toContain('[native code]');
    // The bot's own words are the knowledge base's: nothing invisible, nothing that reorders them.
    // (Except the zero-width space the renderer itself puts after an @ to defuse a mention.)
    expect(text.replaceAll('@\u200b', '@'), 'an invisible or direction-changing character').not.toMatch(INVISIBLE);
    if (inputWellFormed) expect(isWellFormed(text), 'a lone surrogate (a character cut in half)').toBe(true);
  }
  for (const q of quotedPassages(message)) expect(isVerbatim(q), `not verbatim: ${q}`).toBe(true);
  for (const row of message.components) {
    for (const b of row.components)
      if ('custom_id' in b) expect(b.custom_id).toMatch(/^[-_a-z0-9]+:[a-z]+\d*:(\d+|-):/);
  }
}

/** Commands with no `private` option answer privately, always (the moderators' /gaps, a message check). */
const ALWAYS_PRIVATE = new Set(
  [...commands.entries()].filter(([, c]) => !c.data.options?.some((o) => o.name === 'private')).map(([k]) => k),
);

/**
 * `options`: the command's options, when it was a command: refusals and invalid input are private,
 * answers public, unless `private` said otherwise (a boolean; anything else is no answer to it).
 */
function assertGoodReply(reply: Reply, inputWellFormed = true, options?: Record<string, unknown>, name?: string): void {
  expect(OUTCOMES.has(reply.outcome), reply.outcome).toBe(true);
  if (options) {
    const hidden =
      (name !== undefined && ALWAYS_PRIVATE.has(name)) ||
      options.private === true ||
      (options.private !== false && reply.outcome !== 'answer');
    expect(reply.message.flags === 64, `private: ${typeof options.private}, ${reply.outcome}`).toBe(hidden);
  }
  assertGoodMessage(reply.message, inputWellFormed);
}

function assertGoodChoices(choices: Array<{ name: string; value: string }>): void {
  expect(Array.isArray(choices)).toBe(true);
  expect(choices.length).toBeLessThanOrEqual(25);
  for (const c of choices) {
    expect(typeof c.name === 'string' && c.name.length >= 1 && c.name.length <= 100, JSON.stringify(c)).toBe(true);
    expect(typeof c.value === 'string' && c.value.length <= 100, JSON.stringify(c)).toBe(true);
  }
}

// ---- the dispatcher --------------------------------------------------------------------------

describe('the dispatcher, fuzzed', () => {
  const handlerErrors: unknown[] = [];
  // No user ids are passed, so no cooldown applies; a handler that throws is logged here.
  const dispatcher = createDispatcher(commands, core, {
    error: (obj: unknown) => void handlerErrors.push(obj),
  } as never);
  // A message command's "options" are the checked message's text and id.
  const specs = [...commands.entries()].map(([key, c]) => ({
    name: key,
    options: c.data.type === 3 ? ['message', 'messageId'] : (c.data.options ?? []).map((o) => o.name),
  }));
  /** The handler errors logged while fn ran: each run is judged on its own errors only. */
  const newErrors = (fn: () => void): string[] => {
    const before = handlerErrors.length;
    fn();
    return handlerErrors.slice(before).map((e) => String((e as { err?: unknown }).err));
  };
  const wellFormed = (values: Record<string, unknown>) =>
    Object.values(values).every((v) => typeof v !== 'string' || isWellFormed(v));

  /** A command with hostile values for any subset of its options (plus, sometimes, an unknown one). */
  const invocation = (values: fc.Arbitrary<unknown>) =>
    fc.constantFrom(...specs).chain((spec) =>
      fc.record({
        name: fc.constant(spec.name),
        options: fc.record(Object.fromEntries([...spec.options, 'unexpected'].map((o) => [o, values])), {
          requiredKeys: [],
        }),
      }),
    );

  it('run: every command, hostile strings in every option → a valid reply, no handler error', async () => {
    // Every loaded command is fuzzed (the list itself is checked once, in commands.test.ts).
    expect(specs.map((s) => s.name).sort()).toEqual([...commands.keys()].sort());
    expect(specs.length).toBeGreaterThanOrEqual(8);
    const seen = new Set<string>();
    await check(
      fc.property(invocation(hostile), ({ name, options }) => {
        expect(
          newErrors(() => {
            const reply = dispatcher.run(name, options);
            assertGoodReply(reply, wellFormed(options), options, name);
            seen.add(`${name} ${reply.outcome}`);
          }),
        ).toEqual([]);
      }),
      300,
    );
    // The generator reaches every command, and the matcher's every outcome (for /timeline and
    // /who-knew answers, see the button property below: random text is never a date or party).
    for (const name of ['ask', 'source', 'who-knew', 'timeline']) expect(seen, name).toContain(`${name} invalid-input`);
    for (const outcome of ['ask answer', 'ask no-answer', 'source answer', 'source no-answer', 'help answer'])
      expect(seen).toContain(outcome);
  });

  it('run: values no STRING option can hold (numbers, null, arrays, objects) → still a valid reply', () =>
    check(
      fc.property(invocation(fc.oneof(hostile, notAString)), ({ name, options }) => {
        expect(
          newErrors(() => assertGoodReply(dispatcher.run(name, options), wellFormed(options), options, name)),
        ).toEqual([]);
      }),
    ));

  it('run: text the reply repeats back (an unknown party, an unreadable date), any characters, any length', () =>
    check(
      fc.property(
        // size 'max': lengths spread over the whole range, not fast-check's default of a few units.
        fc.oneof(
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120, size: 'max' }),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 120, size: 'max' }),
          fc.array(fragment, { minLength: 1, maxLength: 40, size: 'max' }).map((a) => a.join('')),
        ),
        fc.constantFrom(['timeline', 'party'], ['timeline', 'from'], ['timeline', 'to'], ['who-knew', 'date']),
        (text, [name, option]) => {
          const options = { [option!]: text };
          expect(
            newErrors(() => assertGoodReply(dispatcher.run(name!, options), wellFormed(options), options, name)),
          ).toEqual([]);
        },
      ),
      200,
    ));

  it('run: unknown command names → an ephemeral error, never a throw', () =>
    check(
      fc.property(hostile, (name) => {
        fc.pre(!commands.has(name));
        const reply = dispatcher.run(name, { question: name });
        expect(reply.message.flags).toBe(64);
        assertGoodReply(reply);
      }),
      150,
    ));

  it('autocomplete: any command, option and typed text → at most 25 choices of 1-100 characters', () =>
    check(
      fc.property(
        fc.oneof(fc.constantFrom(...specs.map((s) => s.name)), hostile),
        fc.oneof(fc.constantFrom('question', 'claim', 'date', 'party', 'from'), hostile),
        hostile,
        (name, option, value) => {
          expect(newErrors(() => assertGoodChoices(dispatcher.autocomplete(name, option, value)))).toEqual([]);
        },
      ),
    ));

  /** custom_ids: random text, and well-formed ones carrying random actions, owners and state. */
  const owner = fc.oneof(fc.constantFrom('-', '223456789012345678'), hostile);
  const action = fc.oneof(
    fc.nat(30).map((n) => `p${n}`),
    fc.nat(5).map((n) => `ctx${n}`),
    fc.constantFrom('go', 'dated', 'event', 'party', 'n0', 'p-1', 'p99999999', 'noop'),
    hostile,
  );
  const customId = fc.oneof(
    hostile,
    fc
      .tuple(fc.constantFrom('timeline', 'who-knew', 'ask', 'source', 'help', 'about', 'nope'), action, owner, hostile)
      .map(([c, a, o, s]) => `${c}:${a}:${o}:${s}`),
    fc
      .tuple(
        action,
        owner,
        fc.oneof(hostile, fc.constantFrom('2019-09-01', '', 'garbage')),
        fc.oneof(hostile, fc.constantFrom('2019-11-04', '')),
        fc.oneof(hostile, fc.constantFrom('nso-group', 'cert-in', 'whatsapp', '', '*', 'e=whatsapp-sues-nso')),
      )
      .map(([a, o, f, t, party]) => `timeline:${a}:${o}:${f}|${t}|${party}`),
    fc
      .tuple(action, owner, fc.oneof(hostile, fc.constantFrom('2019-09-06', '2019-11-03')))
      .map(([a, o, d]) => `who-knew:${a}:${o}:${d}`),
    fc
      .tuple(
        fc.constantFrom('ask', 'source'),
        action,
        owner,
        fc.constantFrom('qa', 'claim', 'event', 'party', 'near:qa', 'constructor'),
        fc.oneof(hostile, fc.constantFrom('who-made-pegasus', 'whatsapp-sued-nso', '__proto__')),
      )
      .map(([c, a, o, k, id]) => `${c}:${a}:${o}:${k}:${id}`),
  );
  const values = fc.oneof(
    fc.constant([] as string[]),
    fc.array(fc.oneof(hostile, fc.constantFrom('whatsapp-sues-nso', 'cert-in', '*', 'constructor')), { maxLength: 3 }),
  );

  it('press: any custom_id, any menu values, from anyone → a valid reply (a page, a private copy, or a private error)', () =>
    check(
      fc.property(
        customId,
        fc.option(fc.constantFrom('223456789012345678', '323456789012345678'), { nil: undefined }),
        values,
        (id, user, chosen) => {
          expect(newErrors(() => assertGoodReply(dispatcher.press(id, user, chosen), isWellFormed(id)))).toEqual([]);
        },
      ),
      300,
    ));

  it('a reply to hostile /timeline and /who-knew input: every button on it, pressed, gives a valid page', async () => {
    const seen = new Set<string>();
    await check(
      fc.property(
        fc.oneof(
          fc.record({
            name: fc.constant('timeline'),
            options: fc.record(
              {
                from: fc.oneof(hostile, fc.constantFrom('1 Sep 2019', '2019-05-01')),
                to: fc.oneof(hostile, fc.constantFrom('2019-11-04', '')),
                party: fc.oneof(hostile, fc.constantFrom('NSO', 'cert in', 'govt', '')),
              },
              { requiredKeys: [] },
            ),
          }),
          fc.record({
            name: fc.constant('who-knew'),
            options: fc.record({
              date: fc.oneof(hostile, fc.constantFrom('2019-09-06', '5 Sep 2019', '06/09/2019', '2019-11-03')),
            }),
          }),
        ),
        ({ name, options }) => {
          const errors = newErrors(() => {
            const reply = dispatcher.run(name, options);
            assertGoodReply(reply, wellFormed(options), options, name);
            seen.add(`${name} ${reply.outcome}${reply.message.components.length > 0 ? ' with buttons' : ''}`);
            for (const b of reply.message.components.flatMap((r) => r.components)) {
              if (!('custom_id' in b) || ('disabled' in b && b.disabled)) continue;
              const chosen = b.type === 3 ? [b.options[0]!.value] : [];
              const page = dispatcher.press(b.custom_id, undefined, chosen);
              assertGoodReply(page);
              // Pages, menus and suggestions update the message; context and dating answer privately.
              if (/:(ctx\d+|dated):/.test(b.custom_id)) expect(page.message.flags, `pressing ${b.custom_id}`).toBe(64);
              else expect(page.mode, `pressing ${b.custom_id}`).toBe('update');
            }
          });
          expect(errors).toEqual([]);
        },
      ),
      200,
    );
    for (const outcome of [
      'timeline answer with buttons',
      'timeline invalid-input',
      'who-knew answer',
      'who-knew invalid-input',
    ]) {
      expect(
        [...seen].some((s) => s.startsWith(outcome)),
        `${outcome} in ${[...seen].join(', ')}`,
      ).toBe(true);
    }
  });
});

// ---- the HTTP endpoint -----------------------------------------------------------------------

const discord = keyPair();
const stranger = keyPair();
const MAX_BODY = 64 * 1024;
const ALLOWED = new Set([200, 400, 401, 404, 405, 413]);

type Signing = 'valid' | 'none' | 'other-key' | 'tampered' | 'stale' | 'garbage';

interface Fuzzed {
  method: string;
  path: string;
  contentType: string | null;
  body: Buffer;
  signing: Signing;
  garbage: { signature: string; timestamp: string };
}

/** Interaction-shaped JSON: real types and commands, with random (often malformed) parts. */
const interactionLike = fc.record(
  {
    id: fc.oneof(fc.constant('123456789012345678'), fc.jsonValue()),
    type: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(1, 2, 3, 4) },
      { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)) },
    ),
    token: fc.string(),
    member: fc.oneof(fc.record({ user: fc.record({ id: fc.oneof(fc.string(), fc.jsonValue()) }) }), fc.jsonValue()),
    user: fc.jsonValue(),
    data: fc.oneof(
      fc.record(
        {
          name: fc.oneof(fc.constantFrom('ask', 'source', 'who-knew', 'timeline', 'help', 'about'), fc.jsonValue()),
          custom_id: fc.oneof(
            fc.constantFrom('timeline:p1:-:||', 'who-knew:p0:-:2019-09-06', 'timeline:event:-:||'),
            hostile,
            fc.jsonValue(),
          ),
          values: fc.oneof(fc.array(fc.oneof(hostile, fc.jsonValue()), { maxLength: 3 }), fc.jsonValue()),
          options: fc.oneof(
            fc.array(
              fc.record(
                {
                  name: fc.oneof(fc.constantFrom('question', 'claim', 'date', 'from', 'to', 'party'), fc.jsonValue()),
                  type: fc.constantFrom(3, 4, 5),
                  value: fc.oneof(hostile, fc.jsonValue()),
                  focused: fc.oneof(fc.boolean(), fc.jsonValue()),
                },
                { requiredKeys: ['name'] },
              ),
              { maxLength: 4 },
            ),
            fc.jsonValue(),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: ['type'] },
);

/** A well-formed interaction of each kind the bot handles. */
const validInteraction = fc
  .tuple(
    fc.constantFrom('ask', 'source', 'who-knew', 'timeline', 'help'),
    hostile,
    fc.constantFrom(1, 2, 3, 4),
    fc.nat(10),
  )
  .map(([name, text, type, page]) => {
    const option = { ask: 'question', source: 'claim', 'who-knew': 'date', timeline: 'party', help: 'question' }[name]!;
    const base = {
      id: '123456789012345678',
      application_id: '112233445566778899',
      token: 'fuzz-token',
      version: 1,
      member: { user: { id: '223456789012345678' } },
    };
    if (type === 1) return { ...base, type };
    if (type === 3)
      return { ...base, type, data: { custom_id: `timeline:p${page}:223456789012345678:||`, component_type: 2 } };
    return {
      ...base,
      type,
      data: {
        id: '1',
        name,
        type: 1,
        options: [{ name: option, type: 3, value: text, ...(type === 4 ? { focused: true } : {}) }],
      },
    };
  });

const bodyArb: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)) },
  { weight: 2, arbitrary: fc.json().map((s) => Buffer.from(s)) },
  { weight: 4, arbitrary: interactionLike.map((o) => Buffer.from(JSON.stringify(o))) },
  { weight: 4, arbitrary: validInteraction.map((o) => Buffer.from(JSON.stringify(o))) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: MAX_BODY - 64, max: MAX_BODY * 2 })
      .map((n) => Buffer.from(JSON.stringify({ type: 1, pad: 'x'.repeat(n) }))),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }).map((s) => Buffer.from(s)) },
);

const requestArb: fc.Arbitrary<Fuzzed> = fc.record({
  method: fc.oneof(
    { weight: 8, arbitrary: fc.constant('POST') },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') },
  ),
  path: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('/', '/interactions', '/interactions?x=1') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('/nope', '/interactions/', '//', '/%00', '/api/v10/interactions', '/INTERACTIONS'),
    },
  ),
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    null,
  ),
  body: bodyArb,
  signing: fc.oneof(
    { weight: 6, arbitrary: fc.constant<Signing>('valid') },
    { weight: 1, arbitrary: fc.constantFrom<Signing>('none', 'other-key', 'tampered', 'stale', 'garbage') },
  ),
  garbage: fc.record({
    signature: fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 140 }),
      fc.stringMatching(/^[0-9a-f]{128}$/),
      fc.constant(''),
    ),
    timestamp: fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 20 }), fc.nat().map(String), fc.constant('')),
  }),
});

/** Header values Node refuses to send (CR, LF, NUL, non-Latin-1) are replaced by a placeholder. */
function headerSafe(v: string): string {
  return /^[\t\u0020-\u007e\u0080-\u00ff]*$/.test(v) ? v : 'not-a-header-value';
}

function headersFor(r: Fuzzed): Record<string, string> {
  const headers: Record<string, string> = { 'content-length': String(r.body.length) };
  if (r.contentType) headers['content-type'] = r.contentType;
  const now = Math.floor(Date.now() / 1000);
  const sign = signature;
  switch (r.signing) {
    case 'valid':
      return {
        ...headers,
        'x-signature-timestamp': String(now),
        'x-signature-ed25519': sign(discord.privateKey, String(now), r.body),
      };
    case 'other-key':
      return {
        ...headers,
        'x-signature-timestamp': String(now),
        'x-signature-ed25519': sign(stranger.privateKey, String(now), r.body),
      };
    case 'tampered':
      return {
        ...headers,
        'x-signature-timestamp': String(now),
        'x-signature-ed25519': sign(discord.privateKey, String(now), Buffer.concat([r.body, Buffer.from(' ')])),
      };
    case 'stale':
      return {
        ...headers,
        'x-signature-timestamp': String(now - 3600),
        'x-signature-ed25519': sign(discord.privateKey, String(now - 3600), r.body),
      };
    case 'garbage':
      return {
        ...headers,
        'x-signature-timestamp': headerSafe(r.garbage.timestamp),
        'x-signature-ed25519': headerSafe(r.garbage.signature),
      };
    case 'none':
      return headers;
  }
}

function send(base: string, agent: Agent, r: Fuzzed): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(base + r.path, { method: r.method, agent, headers: headersFor(r) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

/** The status the endpoint must give, or null when only "200 or 400" can be said (see below). */
function expectedStatus(r: Fuzzed): number | null {
  const pathname = r.path.split('?', 1)[0]!;
  if (pathname !== '/' && pathname !== '/interactions') return 404;
  if (r.method !== 'POST') return 405;
  if (r.body.length > MAX_BODY) return 413;
  if (r.signing !== 'valid') return 401;
  let json: unknown;
  try {
    json = JSON.parse(r.body.toString('utf8'));
  } catch {
    return 400;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 400;
  const type = (json as { type?: unknown }).type;
  if (typeof type !== 'number' || ![1, 2, 3, 4].includes(type)) return 400;
  // A signed interaction of a known type: 200, or 400 when its fields have impossible shapes
  // (only Discord can sign, so these never arrive; either answer is fine, a 500 is not).
  return null;
}

function assertGoodResponse(r: Fuzzed, status: number, text: string): void {
  const expected = expectedStatus(r);
  expect(ALLOWED.has(status), `status ${status}: ${text}`).toBe(true);
  if (expected !== null) expect(status, text).toBe(expected);
  const json = JSON.parse(text) as { type?: number; data?: unknown; error?: string };
  if (status !== 200) return void expect(typeof json.error).toBe('string');
  expect(expected, 'a 200 for a request that is not a correctly signed interaction').toBeNull();
  const sentType = (JSON.parse(r.body.toString('utf8')) as { type: number }).type;
  if (sentType === 1) return void expect(json).toEqual({ type: 1 });
  if (sentType === 4) {
    expect(json.type).toBe(8);
    return assertGoodChoices((json.data as { choices: Array<{ name: string; value: string }> }).choices);
  }
  expect(sentType === 3 ? [4, 7] : [4]).toContain(json.type);
  const message = json.data as MessagePayload;
  assertGoodMessage({ ...message, components: message.components ?? [] }, false);
}

describe('the HTTP endpoint, fuzzed', () => {
  const logged: string[] = [];
  const dispatcher = createDispatcher(commands, core, {
    error: (obj: unknown) => void logged.push(JSON.stringify(obj)),
  } as never);
  const log = createLogger(
    'warn',
    new Writable({ write: (chunk, _enc, done) => (logged.push(String(chunk)), done()) }),
  );
  const server: Server = createInteractionServer({
    publicKey: discord.publicHex,
    desk: createDesk({ dispatcher, core, log, cooldown: createCooldown({ limit: 1_000_000 }) }),
    log,
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it(
    'random requests: never a crash, only 200/400/401/404/405/413, and 200 only for a signed, valid interaction',
    async () => {
      const statuses = new Set<number>();
      await check(
        fc.asyncProperty(requestArb, async (r) => {
          const { status, text } = await send(base, agent, r);
          assertGoodResponse(r, status, text);
          statuses.add(status);
        }),
        300,
      );
      // The generator reaches every answer the endpoint has.
      expect([...statuses].sort()).toEqual([...ALLOWED].sort());
      // Still serving, and nothing went wrong inside (a 500 or a handler error would be logged).
      const ping = JSON.stringify({ id: '1', type: 1, token: 't', version: 1 });
      const { status, text } = await send(base, agent, {
        method: 'POST',
        path: '/',
        contentType: 'application/json',
        body: Buffer.from(ping),
        signing: 'valid',
        garbage: { signature: '', timestamp: '' },
      });
      expect([status, text]).toEqual([200, '{"type":1}']);
      expect(logged).toEqual([]);
    },
    40_000 * SCALE,
  );

  it(
    'signed valid interactions of every kind with hostile text: always 200 and a valid answer',
    () =>
      check(
        fc.asyncProperty(validInteraction, fc.constantFrom('/', '/interactions'), async (interaction, path) => {
          const r: Fuzzed = {
            method: 'POST',
            path,
            contentType: 'application/json',
            body: Buffer.from(JSON.stringify(interaction)),
            signing: 'valid',
            garbage: { signature: '', timestamp: '' },
          };
          const { status, text } = await send(base, agent, r);
          expect(status, text).toBe(200);
          assertGoodResponse(r, status, text);
        }),
        200,
      ),
    30_000 * SCALE,
  );
});
