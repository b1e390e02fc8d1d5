// Answer, "did you mean", or "the articles don't say". Two stages:
// 1. Gates that no score can outweigh: an entry never answers a question naming an actor it never
//    mentions, an off-topic word it does not deal with, a kind of question it does not answer (a
//    date asked, a figure found), or with fewer than two words in common.
// 2. Among the entries that pass, the best is answered only when a small logistic model, fitted by
//    `npm run calibrate` on the tuning and dev sets with a confident wrong answer costing several
//    refusals, gives it a probability of being right above the chosen threshold. Its coefficients
//    are data (decision-model.json), not code; the features are what the index already measures.
import type { AnswerType } from '../kb/schema.ts';
import type { DocKind, Hit, SearchResult } from '../search/search-index.ts';
import model from './decision-model.json' with { type: 'json' };
import { questionSubject } from './question-subject.ts';

/** Kinds of question an entry of the wrong kind must never answer ("how" is not "when"). */
const GATED_TYPES: ReadonlySet<AnswerType> = new Set(['count', 'date', 'place', 'reason', 'manner', 'kind']);

/** Hits this close to the best count as ties, broken by kind priority. */
const TIE = 0.04;
/** The first kind in the priority (curated Q&A for /ask) wins within this margin, when it tells the same fact. */
const PREFER_FIRST_KIND = 0.2;
/** At or above: offered as "did you mean". */
export const SUGGEST_AT = 0.3;

export type Decision =
  | { kind: 'answer'; hit: Hit; confidence: number }
  | { kind: 'unsure'; suggestions: Hit[]; best: Hit | null; confidence: number };

export interface DecideOptions {
  /** Apply the question-type gate (questions); claims to check are statements and have no type. */
  questions: boolean;
  /**
   * Entries stating the same fact (a Q&A and the event it rests on): the margin that says one
   * entry clearly wins is measured to the next entry about something else, since agreeing
   * entries are not rivals.
   */
  related?: (a: Hit, b: Hit) => boolean;
  /** The parties a term names ("whatsapp" → whatsapp): who a "who did X…" question is about. */
  partiesOf?: (term: string) => readonly string[];
}

/** Whether the question asks for a kind of answer (a date, a figure…) the entry does not give. */
function barredByType(hit: Hit, a: SearchResult['analysis'], opts: DecideOptions): boolean {
  return opts.questions && hit.typeFit < 0 && !!a.type && GATED_TYPES.has(a.type);
}

/** Why a hit may not answer, or null when it passes every gate. */
export function gateOf(hit: Hit, a: SearchResult['analysis'], opts: DecideOptions): string | null {
  if (hit.entityMiss.length > 0) return 'names an actor the entry never mentions';
  if (hit.offTopicMiss.length > 0) return 'asks about something the entry does not deal with';
  if (barredByType(hit, a, opts)) return `asks for a ${a.type} the entry does not give`;
  if (opts.questions && opts.partiesOf && hit.kind === 'party' && a.type === 'person') {
    const subject = questionSubject(a);
    if (subject && opts.partiesOf(subject).includes(hit.id)) return 'is the one the question is about, not its answer';
  }
  // One shared word is not a match when the query says more ("the earth is flat" vs "flaw") —
  // unless it names one of the incident's actors and the phrasing is all about it ("what is
  // CERT-In's job?" → "What is CERT-In?").
  if (hit.shared < Math.min(2, hit.queryWords) && !(hit.sharedEntity && hit.docCoverage >= 0.9))
    return 'shares too few words';
  return null;
}

/** The model's inputs: what the index measures of a hit, and its margin over the next entry. */
export const FEATURES = [
  'score',
  'queryCoverage',
  'docCoverage',
  'nameCoverage',
  'domainCoverage',
  'margin',
  'typeMatch',
  'typeMismatch',
  'unknownShare',
  'unknownWords',
  'namedUnknown',
  'shared',
  'queryWords',
  'polarityMismatch',
  'extraEntities',
  'unexplainedShare',
  'event',
  'claim',
  'party',
] as const;

if (model.features.length !== FEATURES.length || model.features.some((f, i) => f !== FEATURES[i])) {
  throw new Error('src/answers/decision-model.json was fitted on other features: run npm run calibrate');
}

export function featuresOf(hit: Hit, next: Hit | undefined, a: SearchResult['analysis']): number[] {
  const values: Record<(typeof FEATURES)[number], number> = {
    score: hit.score,
    queryCoverage: hit.queryCoverage,
    docCoverage: hit.docCoverage,
    nameCoverage: hit.nameCoverage,
    domainCoverage: hit.domainCoverage,
    margin: hit.score - (next?.score ?? 0),
    typeMatch: hit.typeFit > 0 ? 1 : 0,
    typeMismatch: hit.typeFit < 0 ? 1 : 0,
    unknownShare: hit.unknownShare,
    unknownWords: Math.min(a.unknown.length, 3) / 3,
    namedUnknown: a.namedUnknown.length > 0 ? 1 : 0,
    shared: Math.min(hit.shared, 6) / 6,
    queryWords: Math.min(hit.queryWords, 12) / 12,
    polarityMismatch: hit.polarityMismatch ? 1 : 0,
    extraEntities: Math.min(hit.extraEntities, 2) / 2,
    unexplainedShare: hit.unexplained.share,
    event: hit.kind === 'event' ? 1 : 0,
    claim: hit.kind === 'claim' ? 1 : 0,
    party: hit.kind === 'party' ? 1 : 0,
  };
  return FEATURES.map((f) => values[f]);
}

export function probability(
  features: readonly number[],
  m: { weights: readonly number[]; bias: number } = model,
): number {
  let z = m.bias;
  for (let i = 0; i < features.length; i++) z += m.weights[i]! * features[i]!;
  return 1 / (1 + Math.exp(-z));
}

/**
 * The hit the bot would answer with, if any passes the gates: the best-scoring one, preferring
 * earlier kinds in `priority` among near-ties (a curated Q&A answer beats an event summary that
 * scores a shade higher), with the features the model reads (its margin is to the next entry).
 */
export function candidateOf(
  result: SearchResult,
  priority: readonly DocKind[],
  opts: DecideOptions,
): { hit: Hit; features: number[] } | null {
  const passing = result.hits.filter((h) => gateOf(h, result.analysis, opts) === null);
  const top = passing[0];
  if (!top) return null;
  const rank = (h: Hit) => priority.indexOf(h.kind);
  // A curated Q&A entry wins within PREFER_FIRST_KIND only when it tells the same fact as the
  // best entry (it answers in its own words); an unrelated Q&A entry is a rival like any other.
  const ties = passing.filter((h) => {
    const gap = top.score - h.score;
    if (gap <= TIE) return true;
    return h.kind === priority[0] && gap <= PREFER_FIRST_KIND && (!opts.related || opts.related(top, h));
  });
  ties.sort((a, b) => rank(a) - rank(b) || b.score - a.score);
  const hit = ties[0]!;
  // An entry the gates bar from answering is no rival: a date found for a "how" question does
  // not make the entry that tells how less certain.
  const next = result.hits.find((h) => h !== hit && !opts.related?.(hit, h) && !barredByType(h, result.analysis, opts));
  return { hit, features: featuresOf(hit, next, result.analysis) };
}

export function decide(result: SearchResult, priority: readonly DocKind[], opts: DecideOptions): Decision {
  const c = candidateOf(result, priority, opts);
  const confidence = c ? probability(c.features) : 0;
  if (c && confidence >= model.threshold) return { kind: 'answer', hit: c.hit, confidence };
  return { kind: 'unsure', suggestions: suggestionsFrom(result.hits), best: c?.hit ?? null, confidence };
}

export function suggestionsFrom(hits: readonly Hit[], max = 3): Hit[] {
  const out: Hit[] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    if (h.score < SUGGEST_AT || out.length >= max) break;
    const key = h.label.toLowerCase();
    if (seen.has(key) || seen.has(`${h.kind}:${h.id}`)) continue;
    seen.add(key);
    seen.add(`${h.kind}:${h.id}`);
    out.push(h);
  }
  return out;
}
