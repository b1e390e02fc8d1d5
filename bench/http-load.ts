// HTTP endpoint throughput and latency under a loopback load, with autocannon. One request, signed
// once: a fixed timestamp (now, well inside the endpoint's 5-minute replay window for a 30 s run)
// and a fixed /ask body, so every request passes the real Ed25519 check and runs the real /ask.
// A sanity request first proves the signed request gets a 200 with a reply, so a run of fast 401s
// can never pass for throughput.
import { generateKeyPairSync, sign } from 'node:crypto';
import autocannon from 'autocannon';
import { forkCompiled, stop } from './child.ts';
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

export interface HttpResult extends LoadFigures {
  durationS: number;
  connections: number;
  question: string;
  sanity: { status: number; callbackType: number | null };
  /** The same load on a bare node:http server that only verifies the signature (http-floor-server.ts). */
  floor: LoadFigures;
  /** requests/s of the endpoint ÷ the floor's. */
  ratio: number;
}

const QUESTION = 'when did whatsapp sue nso';
const CONNECTIONS = 10;

function signedRequest() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The raw 32-byte key is the tail of its SPKI DER encoding; Discord shows it as 64 hex characters.
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const body = JSON.stringify({
    id: '1100000000000000001',
    application_id: '112233445566778899',
    type: 2,
    token: 'bench-interaction-token',
    version: 1,
    guild_id: '998877665544332211',
    channel_id: '998877665544332212',
    member: { user: { id: '223344556677889900', username: 'bench' }, roles: [], permissions: '0' },
    data: {
      id: '1100000000000000002',
      name: 'ask',
      type: 1,
      options: [{ name: 'question', type: 3, value: QUESTION }],
    },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  const headers = {
    'content-type': 'application/json',
    'x-signature-ed25519': signature,
    'x-signature-timestamp': timestamp,
  };
  return { publicKeyHex, body, headers };
}

/** Forks a server child and waits for the port it listens on. */
async function serverChild(file: string, publicKeyHex: string) {
  const child = forkCompiled(file, [publicKeyHex], START_FLAGS); // as `npm run serve` runs it
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`${file} exited with code ${String(code)} before listening`)));
  });
  return { child, url: `http://127.0.0.1:${port}/interactions` };
}

async function load(
  url: string,
  headers: Record<string, string>,
  body: string,
  durationS: number,
): Promise<LoadFigures> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers,
    body,
    connections: CONNECTIONS,
    duration: durationS,
  });
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

export async function benchHttp(durationS: number): Promise<HttpResult> {
  const { publicKeyHex, body, headers } = signedRequest();
  // The floor first, then the endpoint, one at a time: on two cores they would measure each other.
  const floorServer = await serverChild('./http-floor-server.ts', publicKeyHex);
  let floor: LoadFigures;
  try {
    const check = await fetch(floorServer.url, { method: 'POST', headers, body });
    if (check.status !== 200) throw new Error(`the floor server refused the signed request: HTTP ${check.status}`);
    floor = await load(floorServer.url, headers, body, durationS);
  } finally {
    await stop(floorServer.child);
  }
  const server = await serverChild('./http-server.ts', publicKeyHex);
  try {
    const check = await fetch(server.url, { method: 'POST', headers, body });
    const json = (await check.json()) as { type?: number };
    const sanity = { status: check.status, callbackType: typeof json.type === 'number' ? json.type : null };
    if (check.status !== 200 || json.type !== 4)
      throw new Error(`signed request was not answered: HTTP ${check.status} ${JSON.stringify(json).slice(0, 200)}`);
    const figures = await load(server.url, headers, body, durationS);
    return {
      durationS,
      connections: CONNECTIONS,
      question: QUESTION,
      ...figures,
      sanity,
      floor,
      ratio: figures.requestsPerSec / floor.requestsPerSec,
    };
  } finally {
    await stop(server.child);
  }
}
