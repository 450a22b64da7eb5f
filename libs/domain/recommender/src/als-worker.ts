import type { createAlsKernel } from './als-kernel';
import type { AlsLayout } from './als-state';

/** What each ALS worker receives once, in its first message. */
export interface AlsWorkerData {
  readonly module: WebAssembly.Module;
  /** Shared: every worker's kernel instance works on the same bytes. */
  readonly memory: WebAssembly.Memory;
  readonly layout: AlsLayout;
  /** This worker's scratch slot in layout.scratch. */
  readonly slot: number;
  readonly regularization: number;
  /** Next free block per side (0 users, 1 items), advanced with Atomics.add. */
  readonly counters: Int32Array;
}

/** Sent to a worker after its AlsWorkerData, to run one half-sweep. */
export interface AlsWorkerCommand {
  readonly side: 0 | 1;
}

/**
 * Body of an ALS worker thread. It is serialised with toString and run with
 * `new Worker(source, {eval: true})`, so it reaches everything through its
 * argument and `require` (an eval'd worker is a CommonJS script): no worker
 * file has to exist on disk, whether the library runs from TypeScript sources
 * under vitest or from SWC's CommonJS output in dist/.
 *
 * Example: alsWorkerSource() contains 'runPhase' (the worker drives the shared kernel).
 */
export function alsWorkerMain(createKernel: typeof createAlsKernel): void {
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const port = threads.parentPort;
  if (port === null) throw new Error('alsWorkerMain must run in a worker thread');
  // The worker is started before the training data is laid out, so that its
  // start-up overlaps that work; the data arrives as the first message.
  let data: AlsWorkerData | null = null;
  let kernel: ReturnType<typeof createAlsKernel> | null = null;
  port.on('message', (message: AlsWorkerData | AlsWorkerCommand) => {
    try {
      if (data === null || kernel === null) {
        data = message as AlsWorkerData;
        kernel = createKernel(data.module, data.memory, data.layout, data.slot);
        port.postMessage({ type: 'ready' });
        return;
      }
      const side = (message as AlsWorkerCommand).side;
      const counters = data.counters;
      const own = side === 0 ? data.layout.users : data.layout.items;
      const other = side === 0 ? data.layout.items : data.layout.users;
      kernel.runPhase(own, other, data.regularization, () => Atomics.add(counters, side, 1));
      port.postMessage({ type: 'done' });
    } catch (error) {
      port.postMessage({ type: 'error', message: error instanceof Error ? String(error.stack) : String(error) });
    }
  });
}
