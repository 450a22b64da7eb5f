import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../core/database/prisma.service';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';

export interface PruneJobHistoryPayload {
  /** Finished job records older than this many days are removed. */
  olderThanDays: number;
  slot?: string;
}

declare module '../../../core/queue/job-types' {
  interface JobTypes {
    [JobName.PruneJobHistory]: { payload: PruneJobHistoryPayload; result: { removed: number } };
  }
}

/** Keeps the Jobs screen readable: finished runs older than the window go; the audit log keeps what mattered. */
@Injectable()
@JobHandler(JobName.PruneJobHistory)
export class PruneJobHistoryJob implements JobRunner<JobName.PruneJobHistory> {
  constructor(private readonly prisma: PrismaService) {}

  async run(payload: PruneJobHistoryPayload, context: JobContext): Promise<{ removed: number }> {
    const cutoff = new Date(Date.now() - payload.olderThanDays * 86_400_000);
    const { count } = await this.prisma.jobRun.deleteMany({
      where: { finishedAt: { lt: cutoff }, status: { in: ['COMPLETED', 'CANCELLED', 'FAILED'] } },
    });
    await context.reportProgress(100, `Removed ${count} finished job records`);
    return { removed: count };
  }
}
