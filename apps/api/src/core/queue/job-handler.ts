import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import type { JobPayload, JobResult } from './job-types';
import type { JobName } from './queue-names';

export const JOB_HANDLER = 'crosslane:jobHandler';

export interface JobContext {
  readonly jobId: string;
  /** 1 on the first run, 2 on the first retry, ... */
  readonly attempt: number;
  /** Progress 0..100 with an optional note; throttled before it reaches the database. */
  reportProgress(percent: number, note?: string): Promise<void>;
  /** Throws JobCancelledError when someone asked to cancel; call between units of work. */
  throwIfCancelled(): Promise<void>;
}

/** The handler of job `N`: its payload and result are the ones `JobTypes` declares for `N`. */
export interface JobRunner<N extends JobName = JobName> {
  run(payload: JobPayload<N>, context: JobContext): Promise<JobResult<N>>;
}

/**
 * Marks a provider as the one handler of a job name; the runner finds it at
 * start. The class must be a `JobRunner` of that very name, so a handler
 * registered under one name but written for another payload does not compile.
 * It also makes the class injectable: every handler is a provider, so the one
 * decorator says both instead of each job repeating `@Injectable()`.
 */
export function JobHandler<N extends JobName>(name: N): <T extends abstract new (...args: never[]) => JobRunner<N>>(target: T) => void {
  const mark = applyDecorators(Injectable(), SetMetadata(JOB_HANDLER, name));
  return (target) => {
    mark(target);
  };
}

export class JobCancelledError extends Error {
  constructor() {
    super('Cancelled on request');
    this.name = 'JobCancelledError';
  }
}
