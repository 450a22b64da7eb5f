import { Worker } from 'node:worker_threads';

/** What a kernel worker posts back: ready once it has built its kernel, done after each command. */
export type KernelWorkerReply =
  { readonly type: 'ready' } | { readonly type: 'done' } | { readonly type: 'error'; readonly message: string };

/**
 * A fixed set of eval'd worker threads that all run each command together.
 * One class for the ALS and SPD-inverse drivers, so that start-up, failure
 * and shutdown are handled in one place. `label` names the workers in errors
 * ("ALS worker exited with code 1").
 *
 * Example: new KernelWorkerPool(2, alsWorkerSource(), 'ALS') starts two ALS workers.
 */
export class KernelWorkerPool<Data, Command> {
  readonly ready: Promise<void>;
  private readonly workers: Worker[] = [];
  private readyLeft: number;
  private resolveReady: () => void = () => undefined;
  private rejectReady: (e: Error) => void = () => undefined;
  private waiting: { resolve: () => void; reject: (e: Error) => void; left: number } | null = null;
  private failure: Error | null = null;

  constructor(
    threads: number,
    source: string,
    private readonly label: string,
  ) {
    this.readyLeft = threads;
    this.ready = new Promise<void>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // A failure before anyone awaits `ready` must not surface as an unhandled rejection.
    this.ready.catch(() => undefined);
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(source, { eval: true });
      worker.on('message', (reply: KernelWorkerReply) => this.onReply(reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`${label} worker exited with code ${code}`));
      });
      this.workers.push(worker);
    }
  }

  /** Hands each worker its data; `ready` resolves once all have built their kernels. */
  start(data: (slot: number) => Data): void {
    this.workers.forEach((worker, slot) => worker.postMessage(data(slot)));
  }

  run(command: Command): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.waiting = { resolve, reject, left: this.workers.length };
      for (const worker of this.workers) worker.postMessage(command);
    });
  }

  async close(): Promise<void> {
    this.waiting = null;
    this.failure = this.failure ?? new Error(`${this.label} worker pool closed`);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private onReply(reply: KernelWorkerReply): void {
    if (reply.type === 'ready') {
      if (--this.readyLeft === 0) this.resolveReady();
    } else if (reply.type === 'error') {
      this.fail(new Error(`${this.label} worker failed: ${reply.message}`));
    } else if (this.waiting !== null && --this.waiting.left === 0) {
      const done = this.waiting;
      this.waiting = null;
      done.resolve();
    }
  }

  private fail(error: Error): void {
    if (this.failure === null) this.failure = error;
    this.rejectReady(error);
    this.waiting?.reject(error);
    this.waiting = null;
  }
}
