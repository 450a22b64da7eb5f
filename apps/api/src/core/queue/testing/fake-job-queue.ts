import type { JobQueueService } from '../job-queue.service';
import type { JobName } from '../queue-names';

/** The job queue for job specs: records each job enqueued, in order, and gives each run an id (`run-1`, `run-2`, ...). */
export function fakeJobQueue(): { queue: JobQueueService; enqueued: { name: JobName; payload: unknown }[] } {
  const enqueued: { name: JobName; payload: unknown }[] = [];
  const queue = {
    enqueue: async (name: JobName, payload: unknown) => {
      enqueued.push({ name, payload });
      return { id: `run-${enqueued.length}` };
    },
  };
  return { queue: queue as unknown as JobQueueService, enqueued };
}
