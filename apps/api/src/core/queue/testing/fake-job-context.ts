import { JobCancelledError, type JobContext } from '../job-handler';

/** A JobContext for the jobs tier: records progress notes, and can be told to cancel after N checkpoints. */
export interface FakeJobContext extends JobContext {
  readonly progress: { percent: number; note?: string }[];
  checkpoints: number;
}

export function fakeJobContext(options: { jobId?: string; attempt?: number; cancelAfterCheckpoints?: number } = {}): FakeJobContext {
  const context: FakeJobContext = {
    jobId: options.jobId ?? '00000000-0000-4000-8000-000000000001',
    attempt: options.attempt ?? 1,
    progress: [],
    checkpoints: 0,
    reportProgress: async (percent, note) => {
      context.progress.push(note === undefined ? { percent } : { percent, note });
    },
    throwIfCancelled: async () => {
      context.checkpoints += 1;
      if (options.cancelAfterCheckpoints !== undefined && context.checkpoints > options.cancelAfterCheckpoints)
        throw new JobCancelledError();
    },
  };
  return context;
}
