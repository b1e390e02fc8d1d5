// The performance targets, in one place, and how each measurement is judged against them.
// A verdict is PASS, FAIL, or UNMEASURED when the run could not produce the number (e.g. the
// 1000× index was still building at its time box): never a silent PASS.
export type Verdict = 'PASS' | 'FAIL' | 'UNMEASURED';

/** Handler p99 budget (ms) by KB size factor; sizes without a target are measured only. */
export const HANDLER_P99_MS: Readonly<Record<number, number>> = { 1: 2, 100: 20, 1000: 300 };
/** End-to-end bot latency may be at most this multiple of the bare discord.js bot's. */
export const E2E_MAX_RATIO = 1.5;
export const STARTUP_MAX_MS = 500;
/** Start-up (process start → ready) at most this multiple of an empty script's, same run. */
export const STARTUP_MAX_RATIO = 3;
/** The one-shot CLI at most this multiple of `npm run --silent noop` (npm starting `node -e 0`). */
export const CLI_MAX_RATIO = 3;
/** A second `npm start` (nothing to build) at most this multiple of the compiled entry started directly. */
export const RESTART_MAX_RATIO = 1.5;
/** The HTTP endpoint's requests/s at least this share of a bare signature-checking server's. */
export const HTTP_MIN_RATIO = 0.5;
/** At 1000× the knowledge base: index build time and the index's own memory. */
export const BUILD_1000_MAX_MS = 10_000;
export const INDEX_1000_MAX_BYTES = 300 * 2 ** 20;
/** Recording on (the curator loop, SQLite) over off: handler mean and end-to-end p50. */
export const RECORDING_MAX_RATIO = 1.05;
export const RSS_MAX_BYTES = 100 * 2 ** 20;

export function atLeast(measured: number | null | undefined, limit: number): Verdict {
  if (measured === null || measured === undefined || !Number.isFinite(measured)) return 'UNMEASURED';
  return measured >= limit ? 'PASS' : 'FAIL';
}

export function atMost(measured: number | null | undefined, limit: number): Verdict {
  if (measured === null || measured === undefined || !Number.isFinite(measured)) return 'UNMEASURED';
  return measured <= limit ? 'PASS' : 'FAIL';
}
