// The second thread of a large index build (see parallel-build.ts). Only a loader: the module that
// reads is imported here, so that any failure — to load it as much as to read — is answered on the
// port at once and the waiting thread reads the entries itself, instead of waiting out a deadline.
import { workerData } from 'node:worker_threads';
import type { Job, Result, WorkerStart } from './parallel-build.ts';

const { port, signal, module } = workerData as WorkerStart;
port.once('message', async (job: Job) => {
  let result: Result;
  try {
    const { buildPart } = (await import(module)) as { buildPart: (job: Job) => Result };
    result = buildPart(job);
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  const arrays = result.ok ? [...Object.values(result.columns), result.entry, result.phrasing] : [];
  port.postMessage(
    result,
    arrays.flatMap((v) => (ArrayBuffer.isView(v) ? [v.buffer as ArrayBuffer] : [])),
  );
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
