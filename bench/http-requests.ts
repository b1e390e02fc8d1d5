// The signed requests of the HTTP bench (http-load.ts): one fixed /ask, and the mix — every
// distinct /ask input of the eval sets, each from one of MIX_USERS users. Kept apart from the load
// generator so in-process tools can replay exactly the same interactions.
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PROJECT_ROOT } from '../src/paths.ts';
import { EVAL_SETS } from '../test/eval/sets.ts';

const QUESTION = 'when did whatsapp sue nso';
const MIX_USERS = 100;

export interface Signed {
  body: string;
  headers: Record<string, string>;
}

function askInteraction(question: string, user: number) {
  return {
    id: '1100000000000000001',
    application_id: '112233445566778899',
    type: 2,
    token: 'bench-interaction-token',
    version: 1,
    guild_id: '998877665544332211',
    channel_id: '998877665544332212',
    member: {
      user: { id: String(223344556677889900n + BigInt(user)), username: 'bench' },
      roles: [],
      permissions: '0',
    },
    data: {
      id: '1100000000000000002',
      name: 'ask',
      type: 1,
      options: [{ name: 'question', type: 3, value: question }],
    },
  };
}

function signed(privateKey: KeyObject, interaction: object, timestamp: string): Signed {
  const body = JSON.stringify(interaction);
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
  };
}

/** Every distinct /ask input of the eval sets, in file order. */
export function mixQuestions(): string[] {
  const seen = new Set<string>();
  for (const set of EVAL_SETS) {
    const doc = parseYaml(readFileSync(path.join(PROJECT_ROOT, 'test', 'eval', set.file), 'utf8')) as {
      cases: Array<{ command: string; input: unknown }>;
    };
    for (const c of doc.cases) if (c.command === 'ask' && typeof c.input === 'string') seen.add(c.input);
  }
  return [...seen];
}

/** A fresh key pair, and the fixed request and the mix signed with it (timestamp: now). */
export function signedRequests() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The raw 32-byte key is the tail of its SPKI DER encoding; Discord shows it as 64 hex characters.
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const fixed = signed(privateKey, askInteraction(QUESTION, 0), timestamp);
  const mix = mixQuestions().map((q, i) => signed(privateKey, askInteraction(q, i % MIX_USERS), timestamp));
  return { publicKeyHex, question: QUESTION, fixed, mix, users: MIX_USERS };
}
