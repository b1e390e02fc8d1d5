// The performance targets, in one place, and how each measurement is judged against them.
// A verdict is PASS, FAIL, or UNMEASURED when the run could not produce the number (e.g. the
// 1000× index was still building at its time box): never a silent PASS.
export type Verdict = 'PASS' | 'FAIL' | 'UNMEASURED';

/** Handler p99 budget (ms) by KB size factor; sizes without a target are measured only. */
export const HANDLER_P99_MS: Readonly<Record<number, number>> = { 1: 2, 100: 20, 1000: 300 };
/** End-to-end bot latency may be at most this multiple of the bare discord.js bot's. */
export const E2E_MAX_RATIO = 1.5;
export const STARTUP_MAX_MS = 500;
export const RSS_MAX_BYTES = 100 * 2 ** 20;

export function atMost(measured: number | null | undefined, limit: number): Verdict {
  if (measured === null || measured === undefined || !Number.isFinite(measured)) return 'UNMEASURED';
  return measured <= limit ? 'PASS' : 'FAIL';
}
