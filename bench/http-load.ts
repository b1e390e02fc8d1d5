// HTTP endpoint throughput and latency under a loopback load, with autocannon, in two workloads:
//   fixed — one /ask request signed once, sent over and over (what this bench always measured);
//   mix   — every distinct /ask question of the eval sets (test/eval/*.yaml, written by people who
//           never saw the knowledge base), each signed once, from a hundred different users: a
//           fixed request is the best case for anything that remembers, the mix is closer to
//           what Discord sends, and it is the one the target is judged on;
//   uncached — the mix again, on an endpoint that remembers no answers (the answer cache off):
//           every request searched and decided afresh, the cost of a question never asked before.
// Each workload runs on the endpoint and, in the same run, on a bare node:http server that only
// verifies the signature (http-floor-server.ts): same connections, same requests, same node flags,
// the same warm-up, and the measured load in turns between them (contest()).
// Timestamps are fixed at signing (now, well inside the endpoint's 5-minute replay window for the
// phase), so every request passes the real Ed25519 check and runs the real command. Sanity
// requests first prove the signed requests get a 200 with a reply, so a run of fast 401s can never
// pass for throughput; afterwards each endpoint reports what it did (log lines, answers it
// remembered, records queued for the question log), so a run that skipped work shows it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { forkCompiled, stop } from './child.ts';
import { type Signed, signedRequests } from './http-requests.ts';
import { START_FLAGS } from './startup.ts';

export interface LoadFigures {
  requests: number;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export interface EndpointFigures extends LoadFigures {
  /** "interaction" info lines it logged, sanity requests included: one per interaction answered. */
  logLines: number;
  /** Its answer cache at the end. */
  answers: { size: number; capacity: number; hits: number; misses: number };
  /** Question-log records it queued (written to SQLite, or still waiting for the next batch). */
  records: number;
}

export interface Workload {
  /** Distinct signed requests, sent in turn (each connection starts at its own place in the list). */
  distinct: number;
  endpoint: EndpointFigures;
  /** The same load on the bare signature-checking server. */
  floor: LoadFigures;
  /** requests/s of the endpoint ÷ the floor's. */
  ratio: number;
}

export interface HttpResult {
  /** Seconds of measured load per server, in `slices` turns. */
  durationS: number;
  warmupS: number;
  slices: number;
  connections: number;
  question: string;
  sanity: { status: number; callbackType: number | null };
  fixed: Workload;
  mix: Workload & { users: number };
  /** The mix again on an endpoint that remembers no answers (answerCache 0), ÷ the mix's floor. */
  uncached: { endpoint: EndpointFigures; ratio: number };
  /** The mix's ratio: what the target is judged on. */
  ratio: number;
}

const CONNECTIONS = 10;
/** Seconds of the same load on each server before it is measured. */
export const WARMUP_S = 3;
/** Turns each server gets of the measured load. */
const SLICES = 3;

/** Forks a server child and waits for the port it listens on. */
async function serverChild(file: string, args: string[]) {
  const child = forkCompiled(file, args, START_FLAGS); // as `npm run serve` runs it
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`${file} exited with code ${String(code)} before listening`)));
  });
  return { child, url: `http://127.0.0.1:${port}/interactions` };
}

async function post(url: string, r: Signed): Promise<{ status: number; type: number | null; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: r.headers, body: r.body });
  const text = await res.text();
  let type: number | null = null;
  try {
    const json = JSON.parse(text) as { type?: unknown };
    type = typeof json.type === 'number' ? json.type : null;
  } catch {}
  return { status: res.status, type, text };
}

/** One autocannon run; `warmup` first, not counted. */
async function load(
  url: string,
  requests: readonly Signed[],
  durationS: number,
): Promise<LoadFigures & { durationS: number }> {
  let client = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: requests[0]!.headers,
    body: requests[0]!.body,
    connections: CONNECTIONS,
    duration: durationS,
    // Each connection walks the list from its own starting point, so the same request is not sent
    // by all ten at once: a request comes round again only after the whole list has been sent.
    ...(requests.length > 1
      ? {
          setupClient: (c: { setRequests(r: object[]): void }) => {
            const start = Math.floor(((client++ % CONNECTIONS) * requests.length) / CONNECTIONS);
            const turn = [...requests.slice(start), ...requests.slice(0, start)];
            c.setRequests(turn.map((r) => ({ method: 'POST', headers: r.headers, body: r.body })));
          },
        }
      : {}),
  });
  return {
    requests: result.requests.total,
    requestsPerSec: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    durationS: result.duration,
  };
}

const median = (xs: readonly number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;

/** Slices of one server's load as one measurement: totals, and the slices' median latencies. */
function merged(slices: ReadonlyArray<LoadFigures & { durationS: number }>): LoadFigures {
  const sum = (f: (x: LoadFigures & { durationS: number }) => number) => slices.reduce((n, x) => n + f(x), 0);
  return {
    requests: sum((x) => x.requests),
    requestsPerSec: sum((x) => x.requests) / sum((x) => x.durationS),
    p50: median(slices.map((x) => x.p50)),
    p99: median(slices.map((x) => x.p99)),
    errors: sum((x) => x.errors),
    timeouts: sum((x) => x.timeouts),
    non2xx: sum((x) => x.non2xx),
  };
}

interface Contender {
  file: string;
  args: string[];
  check: (url: string) => Promise<void>;
}

/**
 * The same load on each contender, in turns: every one is started, checked and warmed up (WARMUP_S
 * of the load, not counted: the measurement is of a running server, not of V8 compiling it — the
 * endpoint's code takes ~500 optimisations, the floor's a handful), then each gets SLICES turns of
 * durationS / SLICES, round-robin. A machine shared with other work drifts; in turns, a drift
 * weighs on every contender alike instead of on whichever happened to run then. Only the loaded
 * one works meanwhile (the others wait for requests); afterwards each endpoint reports what it did.
 */
async function contest(
  contenders: readonly Contender[],
  requests: readonly Signed[],
  durationS: number,
): Promise<Array<{ figures: LoadFigures; stats: unknown }>> {
  const servers: Array<Awaited<ReturnType<typeof serverChild>>> = [];
  try {
    for (const c of contenders) servers.push(await serverChild(c.file, c.args));
    for (const [i, c] of contenders.entries()) await c.check(servers[i]!.url);
    for (const server of servers) await load(server.url, requests, WARMUP_S);
    const slices: Array<Array<LoadFigures & { durationS: number }>> = servers.map(() => []);
    for (let turn = 0; turn < SLICES; turn++)
      for (let k = 0; k < servers.length; k++) {
        const i = (turn + k) % servers.length; // each turn starts with the next contender
        slices[i]!.push(await load(servers[i]!.url, requests, durationS / SLICES));
      }
    const out: Array<{ figures: LoadFigures; stats: unknown }> = [];
    for (const [i, server] of servers.entries()) {
      const stats = await new Promise<unknown>((resolve) => {
        const timer = setTimeout(() => resolve(null), 2_000);
        server.child.once('message', (m: { stats?: unknown }) => (clearTimeout(timer), resolve(m.stats ?? null)));
        server.child.send({ stats: true });
      });
      out.push({ figures: merged(slices[i]!), stats });
    }
    return out;
  } finally {
    for (const server of servers) await stop(server.child);
  }
}

/** The "interaction" info lines in an endpoint's log: one per interaction it answered. */
function interactionLines(dir: string): number {
  const text = readFileSync(path.join(dir, 'serve.log'), 'utf8');
  let n = 0;
  for (const line of text.split('\n')) if (line.includes('"msg":"interaction"')) n++;
  return n;
}

export async function benchHttp(durationS: number): Promise<HttpResult> {
  const { publicKeyHex, question, fixed, mix, users } = signedRequests();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'incident-desk-http-'));
  let sanity: HttpResult['sanity'] = { status: 0, callbackType: null };
  const floor = (requests: readonly Signed[]): Contender => ({
    file: './http-floor-server.ts',
    args: [publicKeyHex],
    check: async (url) => {
      for (const r of requests) {
        const { status } = await post(url, r);
        if (status !== 200) throw new Error(`the floor server refused a signed request: HTTP ${status}`);
      }
    },
  });
  // Each endpoint has its own records directory; it is checked on a few requests only (each
  // one answered is also one remembered).
  const endpoint = (requests: readonly Signed[], name: string, extra: string[] = []): Contender & { dir: string } => {
    const dir = mkdtempSync(path.join(dataDir, `${name}-`));
    return {
      dir,
      file: './http-server.ts',
      args: [publicKeyHex, dir, ...extra],
      check: async (url) => {
        for (const r of requests.slice(0, 3)) {
          const answer = await post(url, r);
          sanity = { status: answer.status, callbackType: answer.type };
          if (answer.status !== 200 || answer.type !== 4)
            throw new Error(`signed request was not answered: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
        }
      },
    };
  };
  const endpointFigures = (r: { figures: LoadFigures; stats: unknown }, dir: string): EndpointFigures => {
    const s = r.stats as { answers: EndpointFigures['answers']; records: { written: number; pending: number } } | null;
    if (!s) throw new Error('the endpoint did not report what it did');
    return {
      ...r.figures,
      logLines: interactionLines(dir),
      answers: s.answers,
      records: s.records.written + s.records.pending,
    };
  };
  const ratio = (e: LoadFigures, f: LoadFigures) => e.requestsPerSec / f.requestsPerSec;
  try {
    const fixedEndpoint = endpoint([fixed], 'fixed');
    const [fixedFloor, fixedRun] = await contest([floor([fixed]), fixedEndpoint], [fixed], durationS);
    const mixEndpoint = endpoint(mix, 'mix');
    const uncachedEndpoint = endpoint(mix, 'uncached', ['0']);
    const [mixFloor, mixRun, uncachedRun] = await contest([floor(mix), mixEndpoint, uncachedEndpoint], mix, durationS);
    const f = { floor: fixedFloor!.figures, endpoint: endpointFigures(fixedRun!, fixedEndpoint.dir) };
    const m = { floor: mixFloor!.figures, endpoint: endpointFigures(mixRun!, mixEndpoint.dir) };
    const u = endpointFigures(uncachedRun!, uncachedEndpoint.dir);
    return {
      durationS,
      warmupS: WARMUP_S,
      slices: SLICES,
      connections: CONNECTIONS,
      question,
      sanity,
      fixed: { distinct: 1, ...f, ratio: ratio(f.endpoint, f.floor) },
      mix: { distinct: mix.length, users, ...m, ratio: ratio(m.endpoint, m.floor) },
      uncached: { endpoint: u, ratio: ratio(u, m.floor) },
      ratio: ratio(m.endpoint, m.floor),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
