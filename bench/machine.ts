// What the numbers were measured on: latency targets only mean something next to the CPU,
// its core count and the Node version, so the table header and results.json both carry them.
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  totalMemoryGB: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}
