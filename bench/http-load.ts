// HTTP endpoint throughput and latency under a loopback load, with autocannon, in two workloads:
//   fixed — one /ask request signed once, sent over and over (what this bench always measured);
//   mix   — every distinct /ask question of the eval sets (test/eval/*.yaml, written by people who
//           never saw the knowledge base), each signed once, from a hundred different users: a
//           fixed request is the best case for anything that remembers, the mix is closer to
//           what Discord sends, and it is the one the target is judged on;
//   uncached — the mix again, on an endpoint that remembers no answers (the answer cache off):
//           every request searched and decided afresh, the cost of a question never asked before.
// Each workload runs on the endpoint and, in the same run, on a bare node:http server that only
// verifies the signature (http-floor-server.ts): same connections, same requests, same node flags.
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
  durationS: number;
  warmupS: number;
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
/** Seconds of the same load before each measured one. */
export const WARMUP_S = 3;

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

async function load(url: string, requests: readonly Signed[], durationS: number): Promise<LoadFigures> {
  let client = 0;
  const options: autocannon.Options & { warmup: { connections: number; duration: number } } = {
    url,
    method: 'POST',
    headers: requests[0]!.headers,
    body: requests[0]!.body,
    connections: CONNECTIONS,
    duration: durationS,
    // The same load first, not counted, on both servers alike: the measurement is of a running
    // server, not of V8 compiling it (the endpoint's code takes ~500 optimisations, several seconds
    // of a 10 s run; the floor's a handful).
    warmup: { connections: CONNECTIONS, duration: WARMUP_S },
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
  };
  const result = await autocannon(options);
  return {
    requests: result.requests.total,
    requestsPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/** One load on a fresh child of `file`; `check` runs first, against the same child. */
async function measure(
  file: string,
  args: string[],
  requests: readonly Signed[],
  durationS: number,
  check: (url: string) => Promise<void>,
): Promise<{ figures: LoadFigures; stats: unknown }> {
  const server = await serverChild(file, args);
  try {
    await check(server.url);
    const figures = await load(server.url, requests, durationS);
    // What the endpoint says it did (the floor says nothing: it keeps no figures).
    const stats = await new Promise<unknown>((resolve) => {
      const timer = setTimeout(() => resolve(null), 2_000);
      server.child.once('message', (m: { stats?: unknown }) => (clearTimeout(timer), resolve(m.stats ?? null)));
      server.child.send({ stats: true });
    });
    return { figures, stats };
  } finally {
    await stop(server.child);
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
  const floorCheck = (requests: readonly Signed[]) => async (url: string) => {
    for (const r of requests) {
      const { status } = await post(url, r);
      if (status !== 200) throw new Error(`the floor server refused a signed request: HTTP ${status}`);
    }
  };
  let sanity: HttpResult['sanity'] = { status: 0, callbackType: null };
  const endpointCheck = (requests: readonly Signed[]) => async (url: string) => {
    for (const r of requests) {
      const answer = await post(url, r);
      sanity = { status: answer.status, callbackType: answer.type };
      if (answer.status !== 200 || answer.type !== 4)
        throw new Error(`signed request was not answered: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
    }
  };
  // One server at a time: on two cores they would measure each other. Each workload measures the
  // floor, then the endpoint, each in a fresh process; each endpoint gets its own records directory.
  const floorOf = async (requests: readonly Signed[]) =>
    (await measure('./http-floor-server.ts', [publicKeyHex], requests, durationS, floorCheck(requests))).figures;
  const endpointOf = async (requests: readonly Signed[], name: string, extra: string[] = []) => {
    const dir = mkdtempSync(path.join(dataDir, `${name}-`));
    // Checked on a few requests only: each one answered is also one remembered.
    const checks = requests.slice(0, 3);
    const { figures, stats } = await measure(
      './http-server.ts',
      [publicKeyHex, dir, ...extra],
      requests,
      durationS,
      endpointCheck(checks),
    );
    const s = stats as { answers: EndpointFigures['answers']; records: { written: number; pending: number } } | null;
    if (!s) throw new Error('the endpoint did not report what it did');
    return {
      ...figures,
      logLines: interactionLines(dir),
      answers: s.answers,
      records: s.records.written + s.records.pending,
    } satisfies EndpointFigures;
  };
  const ratio = (endpoint: LoadFigures, floor: LoadFigures) => endpoint.requestsPerSec / floor.requestsPerSec;
  try {
    const fixedFloor = await floorOf([fixed]);
    const fixedEndpoint = await endpointOf([fixed], 'fixed');
    const mixFloor = await floorOf(mix);
    const mixEndpoint = await endpointOf(mix, 'mix');
    const uncached = await endpointOf(mix, 'uncached', ['0']);
    return {
      durationS,
      warmupS: WARMUP_S,
      connections: CONNECTIONS,
      question,
      sanity,
      fixed: { distinct: 1, floor: fixedFloor, endpoint: fixedEndpoint, ratio: ratio(fixedEndpoint, fixedFloor) },
      mix: { distinct: mix.length, users, floor: mixFloor, endpoint: mixEndpoint, ratio: ratio(mixEndpoint, mixFloor) },
      uncached: { endpoint: uncached, ratio: ratio(uncached, mixFloor) },
      ratio: ratio(mixEndpoint, mixFloor),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
