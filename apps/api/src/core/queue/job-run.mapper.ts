import type { JobRunDto } from '@crosslane/contracts';
import type { JobRun } from '@crosslane/db';

/** The wire shape of a job run, the same for the Jobs screen and every endpoint that queues work. */
export function toJobDto(run: JobRun): JobRunDto {
  return {
    id: run.id,
    queue: run.queue,
    name: run.name,
    status: run.status,
    progress: run.progress,
    progressNote: run.progressNote,
    payload: run.payload,
    result: run.result,
    error: run.error,
    attempts: run.attempts,
    requestedBy: run.requestedBy,
    cancelRequested: run.cancelRequested,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
