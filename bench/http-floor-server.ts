// Child process: the floor for the HTTP endpoint's throughput — a bare node:http server that only
// reads the body, verifies Discord's signature with the same pure function the endpoint calls
// (src/transports/verify.ts), and returns a fixed reply. What is left between it and the real
// endpoint is the bot's own work: JSON, the dispatcher, rendering, logging.
//
// argv: publicKeyHex
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ed25519PublicKey, verifyInteraction } from '../src/transports/verify.ts';

const key = ed25519PublicKey(process.argv[2]!);
const REPLY = JSON.stringify({ type: 4, data: { content: 'ok', allowed_mentions: { parse: [] } } });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const verdict = verifyInteraction(
      {
        signature: req.headers['x-signature-ed25519'] as string | undefined,
        timestamp: req.headers['x-signature-timestamp'] as string | undefined,
      },
      Buffer.concat(chunks),
      key,
    );
    const body = verdict.ok ? REPLY : '{"error":"invalid request signature"}';
    res.writeHead(verdict.ok ? 200 : 401, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
