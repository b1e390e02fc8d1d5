// Parent side of the recording benchmark: forks bench/recording-probe.ts (compiled, npm start's
// flags) and returns what it measured.
import { forkCompiled, stop } from './child.ts';
import type { RecordingMessage } from './recording-probe.ts';
import { START_FLAGS } from './startup.ts';

export async function benchRecording(rounds: number): Promise<RecordingMessage> {
  const child = forkCompiled('./recording-probe.ts', [String(rounds)], START_FLAGS);
  try {
    return await new Promise<RecordingMessage>((resolve, reject) => {
      child.on('message', (m: RecordingMessage) => resolve(m));
      child.once('exit', (code) => reject(new Error(`recording probe exited with code ${String(code)}`)));
    });
  } finally {
    await stop(child);
  }
}
