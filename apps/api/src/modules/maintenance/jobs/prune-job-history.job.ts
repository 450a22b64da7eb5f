import { Inject } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { CLOCK, type Clock } from '../../../core/clock/clock';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { JobHistoryRepository } from '../job-history.repository';

export interface PruneJobHistoryPayload {
  /** Finished job records older than this many days are removed. */
  olderThanDays: number;
  slot?: string;
}

/**
 * Keeps the Jobs screen readable: finished runs older than the window go; the audit log keeps what mattered.
 * The window ends at the injected clock's now (core/clock), so the cutoff is the same for the same pinned instant.
 * Note that job_run's finishedAt is written by the worker from the machine's clock: under a CROSSLANE_NOW far
 * from today the window is measured against a different timeline (see the report on issue 16).
 */
@JobHandler(JobName.PruneJobHistory)
export class PruneJobHistoryJob implements JobRunner<JobName.PruneJobHistory> {
  constructor(
    private readonly history: JobHistoryRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(payload: PruneJobHistoryPayload, context: JobContext): Promise<{ removed: number }> {
    // A window of zero, a negative one or none at all would put the cutoff at or after now and empty the whole history.
    if (typeof payload.olderThanDays !== 'number' || !Number.isFinite(payload.olderThanDays) || payload.olderThanDays <= 0)
      throw new UnrecoverableError(`olderThanDays must be a positive number of days; got ${JSON.stringify(payload.olderThanDays)}`);
    const cutoff = new Date(this.clock.now().getTime() - payload.olderThanDays * 86_400_000);
    const count = await this.history.removeFinishedBefore(cutoff);
    await context.reportProgress(100, `Removed ${count} finished job records`);
    return { removed: count };
  }
}
