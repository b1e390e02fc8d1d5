// The custom_ids of the feedback buttons and the problem-report form, written by the render layer
// and read back by the desk (src/desk.ts). Like every custom_id here they carry their own state —
// `<vote|report>:<action>:-:<kind>:<id>:<kb version>` — so any process can record a press. A
// forged or stale id parses to null and gets a polite reply, never a record.
import type { EntryRef } from '../answers/model.ts';
import { LIMITS } from '../discord-api.ts';

const KINDS = new Set(['qa', 'claim', 'event', 'party']);
const ID = /^[-a-z0-9]{1,64}$/;
const VERSION = /^[0-9a-f]{4,12}$/;
/** Eight hex digits of the knowledge base's version are plenty to tell versions apart in a report. */
const short = (version: string) => version.slice(0, 8);

export interface FeedbackIds {
  up: string | null;
  down: string | null;
  report: string | null;
}

const fits = (id: string): string | null => (id.length <= LIMITS.customId ? id : null);

export function feedbackIds(entry: EntryRef | undefined, version: string): FeedbackIds {
  const about = entry ? `${entry.kind}:${entry.id}` : 'none:-';
  const v = short(version);
  return {
    up: entry ? fits(`vote:up:-:${about}:${v}`) : null,
    down: entry ? fits(`vote:down:-:${about}:${v}`) : null,
    report: fits(`report:open:-:${about}:${v}`),
  };
}

/** The form's own id: the same entry and version, so the submission knows what it is about. */
export function reportFormId(entry: EntryRef | undefined, version: string): string {
  return `report:send:-:${entry ? `${entry.kind}:${entry.id}` : 'none:-'}:${short(version)}`;
}

export interface Feedback {
  action: 'up' | 'down' | 'open' | 'send';
  entry?: EntryRef;
  version: string;
}

const FEEDBACK = /^(vote|report):(up|down|open|send):-:([a-z]{1,8}):([-a-z0-9]{1,64}):([0-9a-f]{4,12})$/;

/** null for anything that is not one of ours (a forged id, another command's button). */
export function parseFeedbackId(customId: string): Feedback | null {
  const m = FEEDBACK.exec(customId);
  if (!m) return null;
  const [, family, action, kind, id, version] = m as unknown as [
    string,
    string,
    Feedback['action'],
    string,
    string,
    string,
  ];
  if ((family === 'vote') !== (action === 'up' || action === 'down')) return null;
  if (kind === 'none') return id === '-' && family === 'report' ? { action, version } : null;
  if (!KINDS.has(kind) || !ID.test(id) || !VERSION.test(version)) return null;
  return { action, entry: { kind: kind as EntryRef['kind'], id }, version };
}

/** Is this custom_id one of the feedback family (then only parseFeedbackId decides what it is)? */
export const isFeedbackId = (customId: string): boolean => /^(vote|report):/.test(customId);
