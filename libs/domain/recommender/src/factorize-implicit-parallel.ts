import { createAlsKernel } from './als-kernel';
import { prepareAlsState } from './als-state';
import { alsWasmModule } from './als-wasm-module';
import { alsWorkerMain, type AlsWorkerCommand, type AlsWorkerData } from './als-worker';
import { finishModel, reportIteration, seedItemGram } from './factorize-implicit';
import { KernelWorkerPool } from './kernel-worker-pool';
import { resolveImplicitAlsParams, type FactorizeImplicitOptions, type ImplicitAlsParams } from './implicit-als-params';
import type { InteractionMatrix } from './interaction-matrix';
import type { ImplicitAlsModel } from './recommender-model';
import { TrainingCancelledError } from './training-cancelled-error';
import { requireIntegerAtLeast } from './validation';

export interface FactorizeImplicitParallelOptions extends FactorizeImplicitOptions {
  /** Worker threads that share the row solves; default 2. The calling thread only coordinates. */
  readonly threads?: number;
}

/**
 * factorizeImplicit (Hu, Koren & Volinsky 2008 with the CG solves of Takács,
 * Pilászy & Tikk 2011) on worker threads. The factors live in one shared
 * WebAssembly memory; workers take blocks of rows from an Atomics counter and
 * solve them with the same kernel code, and the Gram matrices are summed from
 * fixed per-block partials in block order, so the model is bit-identical to
 * factorizeImplicit's for the same seed, whatever the thread count or
 * scheduling. The calling thread's event loop stays free: shouldCancel may
 * read state set by I/O callbacks.
 *
 * Example: await factorizeImplicitParallel(m, params, {threads: 2}) has the
 * same userFactors as factorizeImplicit(m, params).
 */
export async function factorizeImplicitParallel(
  matrix: InteractionMatrix,
  params: ImplicitAlsParams,
  options: FactorizeImplicitParallelOptions = {},
): Promise<ImplicitAlsModel> {
  const fn = 'factorizeImplicitParallel';
  const p = resolveImplicitAlsParams(fn, params);
  const threads = options.threads ?? 2;
  requireIntegerAtLeast(fn, 'threads', threads, 1);
  // Workers boot while the data is laid out; they get it in their first message.
  const pool = new KernelWorkerPool<AlsWorkerData, AlsWorkerCommand>(threads, alsWorkerSource(), 'ALS');
  const losses: number[] = [];
  try {
    const state = prepareAlsState(fn, matrix, p, threads);
    const module = alsWasmModule(state.layout.stride, state.layout.blockSize);
    const counters = new Int32Array(new SharedArrayBuffer(8));
    pool.start((slot) => ({
      module,
      memory: state.memory,
      layout: state.layout,
      slot,
      regularization: p.regularization,
      counters,
    }));
    seedItemGram(createAlsKernel(module, state.memory, state.layout, 0), state);
    await pool.ready;
    for (let iteration = 0; iteration < p.iterations; iteration++) {
      for (const side of [0, 1] as const) {
        if (options.shouldCancel?.()) throw new TrainingCancelledError(fn, iteration);
        Atomics.store(counters, side, 0);
        await pool.run({ side });
        // Reading the counter orders every worker's writes before the next phase.
        Atomics.load(counters, side);
      }
      reportIteration(matrix, state, p, options, iteration, losses);
    }
    return finishModel(matrix, state, p, options.computeLoss ? losses : null);
  } finally {
    await pool.close();
  }
}

/** Source text of an ALS worker: the worker body applied to the kernel factory. */
export function alsWorkerSource(): string {
  return `(${alsWorkerMain.toString()})(${createAlsKernel.toString()});`;
}
