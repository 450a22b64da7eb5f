import { SetMetadata } from '@nestjs/common';
import type { JobName } from './queue-names';

export const JOB_HANDLER = 'crosslane:jobHandler';

/** Marks a provider as the one handler of a job name; the runner finds it at start. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);

export interface JobContext {
  readonly jobId: string;
  /** 1 on the first run, 2 on the first retry, ... */
  readonly attempt: number;
  /** Progress 0..100 with an optional note; throttled before it reaches the database. */
  reportProgress(percent: number, note?: string): Promise<void>;
  /** Throws JobCancelledError when someone asked to cancel; call between units of work. */
  throwIfCancelled(): Promise<void>;
}

export interface JobRunner<Payload = unknown, Result = unknown> {
  run(payload: Payload, context: JobContext): Promise<Result>;
}

export class JobCancelledError extends Error {
  constructor() {
    super('Cancelled on request');
    this.name = 'JobCancelledError';
  }
}
