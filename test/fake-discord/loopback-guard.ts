// Keeps a test process off the network: every TCP/TLS connection attempt (net, http, https, ws,
// undici — all go through net.Socket#connect) is recorded, and one to anything but the loopback
// address is refused before a packet leaves. Unix sockets and IPC are not affected.
import net from 'node:net';

export interface LoopbackGuard {
  /** host:port of every connection attempt. */
  readonly attempts: string[];
  /** The attempts that were refused (not loopback). */
  readonly refused: string[];
  restore(): void;
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3}|localhost)$/i;

export function guardLoopback(): LoopbackGuard {
  const attempts: string[] = [];
  const refused: string[] = [];
  const original = net.Socket.prototype.connect;
  const patched = function (this: net.Socket, ...args: unknown[]): net.Socket {
    // net.connect passes one pre-normalised [options, callback] array; direct calls pass (options|port, host?, cb?).
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const options = (
      typeof first === 'object' && first !== null
        ? first
        : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined }
    ) as { host?: string; port?: unknown; path?: string };
    if (typeof options.path !== 'string' && !(typeof first === 'string' && Number.isNaN(Number(first)))) {
      const host = options.host ?? 'localhost';
      const target = `${host}:${String(options.port)}`;
      attempts.push(target);
      if (!LOOPBACK.test(host.replace(/^\[|\]$/g, ''))) {
        refused.push(target);
        process.nextTick(() => this.destroy(new Error(`loopback guard: refused a connection to ${target}`)));
        return this;
      }
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  net.Socket.prototype.connect = patched as typeof original;
  return {
    attempts,
    refused,
    restore() {
      if (net.Socket.prototype.connect === (patched as typeof original)) net.Socket.prototype.connect = original;
    },
  };
}
