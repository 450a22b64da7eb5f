import { Worker } from 'node:worker_threads';
import { invertSpdBlocked, requireSpdInput, shiftedCopy, spdInverseKernel } from './spd-inverse';
import { createSpdInverseSteps, spdInverseLayout, type SpdInverseLayout, type SpdMatrixSource } from './spd-inverse-blocked';
import { spdInverseWasmModule } from './spd-inverse-wasm-module';
import { KernelWorkerPool } from './kernel-worker-pool';
import { requireIntegerAtLeast } from './validation';

export interface InvertSpdParallelOptions {
  /** Worker threads that share the tiles; default 2. The calling thread factors the narrow panels and coordinates. */
  readonly threads?: number;
}

/** A phase of the inverse that the workers share, tasks claimed from one Atomics counter. */
type SpdWorkerCommand = { readonly phase: 'trailing'; readonly jb: number } | { readonly phase: 'inverse' } | { readonly phase: 'product' };

interface SpdWorkerData {
  readonly slot: number;
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly layout: SpdInverseLayout;
  readonly counter: Int32Array;
}

/**
 * invertSpdBlocked on worker threads: the same steps and the same
 * WebAssembly (spd-inverse-blocked.ts) over one shared memory. Per 64-wide
 * panel the calling thread factors the panel (a few milliseconds) and the
 * workers split the trailing update's tiles; the row blocks of L⁻ᵀ and the
 * tiles of L⁻ᵀL⁻¹ need no synchronisation and go to whichever worker is free.
 * Every entry is computed by the same kernel calls whichever thread runs
 * them, so the result equals invertSpdBlocked's bit for bit. The calling
 * thread's event loop is free while the workers run.
 *
 * Example: await invertSpdParallel(A, n, 100) equals invertSpdBlocked(A, n, 100).
 */
export async function invertSpdParallel(
  A: SpdMatrixSource,
  n: number,
  shift = 0,
  options: InvertSpdParallelOptions = {},
  fn = 'invertSpdParallel',
): Promise<Float64Array> {
  requireSpdInput(fn, A, n, shift);
  const threads = options.threads ?? 2;
  requireIntegerAtLeast(fn, 'threads', threads, 1);
  const layout = spdInverseLayout(n, threads);
  if (layout === null) return invertLargeOnWorker(shiftedCopy(A, n, shift), n, fn);
  // Below a few blocks, starting workers costs more than the whole inverse.
  if (n <= 256) return invertSpdBlocked(A, n, shift, fn);
  const pool = new KernelWorkerPool<SpdWorkerData, SpdWorkerCommand>(threads, spdWorkerSource(), 'SPD inverse');
  try {
    const memory = new WebAssembly.Memory({ initial: layout.pages, maximum: layout.pages, shared: true });
    const module = spdInverseWasmModule(layout.size);
    const counter = new Int32Array(new SharedArrayBuffer(4));
    pool.start((slot) => ({ slot, module, memory, layout, counter }));
    // The calling thread loads, factors the panels and finishes: it needs no scratch panel of its own.
    const steps = createSpdInverseSteps(module, memory, layout, 0);
    steps.load(A, shift);
    await pool.ready;
    const blocks = layout.size / layout.block;
    for (let jb = 0; jb < blocks; jb++) {
      steps.factorPanel(jb, fn);
      if (steps.trailingTileCount(jb) === 0) continue;
      Atomics.store(counter, 0, 0);
      await pool.run({ phase: 'trailing', jb });
    }
    Atomics.store(counter, 0, 0);
    await pool.run({ phase: 'inverse' });
    Atomics.store(counter, 0, 0);
    await pool.run({ phase: 'product' });
    // Reading the counter orders every worker's writes before ours.
    Atomics.load(counter, 0);
    return steps.finish();
  } finally {
    await pool.close();
  }
}

/**
 * Body of an SPD-inverse worker thread, serialised with toString and run
 * with `new Worker(source, {eval: true})` as the ALS workers are (an eval'd
 * worker is a CommonJS script, so it reaches everything through its argument
 * and `require`).
 *
 * Example: spdWorkerSource() contains 'runTrailingUpdate'.
 */
export function spdInverseWorkerMain(createSteps: typeof createSpdInverseSteps): void {
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const port = threads.parentPort;
  if (port === null) throw new Error('spdInverseWorkerMain must run in a worker thread');
  let steps: ReturnType<typeof createSpdInverseSteps> | null = null;
  let counter: Int32Array | null = null;
  port.on('message', (message: SpdWorkerData | SpdWorkerCommand) => {
    try {
      if (steps === null || counter === null) {
        const data = message as SpdWorkerData;
        steps = createSteps(data.module, data.memory, data.layout, data.slot);
        counter = data.counter;
        port.postMessage({ type: 'ready' });
        return;
      }
      const shared = counter;
      const next = () => Atomics.add(shared, 0, 1);
      const command = message as SpdWorkerCommand;
      if (command.phase === 'trailing') steps.runTrailingUpdate(command.jb, next);
      else if (command.phase === 'inverse') steps.runInverse(next);
      else steps.runProduct(next);
      port.postMessage({ type: 'done' });
    } catch (error) {
      port.postMessage({ type: 'error', message: error instanceof Error ? String(error.stack) : String(error) });
    }
  });
}

/** Source text of an SPD-inverse worker: the worker body applied to the steps factory. */
export function spdWorkerSource(): string {
  return `(${spdInverseWorkerMain.toString()})(${createSpdInverseSteps.toString()});`;
}

/** Beyond a 4 GiB WebAssembly memory: the plain-JavaScript kernel, on one worker so the event loop stays free. */
function invertLargeOnWorker(shifted: Float64Array, n: number, fn: string): Promise<Float64Array> {
  const source = [
    `const kernel = ${spdInverseKernel.toString()};`,
    `const { parentPort, workerData } = require('node:worker_threads');`,
    `try {`,
    `  const P = kernel(new Float64Array(workerData.buffer), workerData.n, workerData.fn);`,
    `  parentPort.postMessage({ ok: true, buffer: P.buffer }, [P.buffer]);`,
    `} catch (error) {`,
    `  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });`,
    `}`,
  ].join('\n');
  return new Promise<Float64Array>((resolve, reject) => {
    const worker = new Worker(source, {
      eval: true,
      workerData: { buffer: shifted.buffer, n, fn },
      transferList: [shifted.buffer as ArrayBuffer],
    });
    let settled = false;
    worker.once('message', (reply: { ok: true; buffer: ArrayBuffer } | { ok: false; message: string }) => {
      settled = true;
      if (reply.ok) resolve(new Float64Array(reply.buffer));
      else reject(new RangeError(reply.message));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`${fn}: the inverse worker exited with code ${code}`));
    });
  });
}
