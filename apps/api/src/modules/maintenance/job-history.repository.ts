import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/database/prisma.service';

/** The job history the Jobs screen lists (job_run), as the maintenance jobs read and prune it. */
@Injectable()
export class JobHistoryRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Removes the records of runs that finished (completed, cancelled or failed) before `cutoff`; queued and running ones stay at any age. */
  async removeFinishedBefore(cutoff: Date): Promise<number> {
    const { count } = await this.prisma.jobRun.deleteMany({
      where: { finishedAt: { lt: cutoff }, status: { in: ['COMPLETED', 'CANCELLED', 'FAILED'] } },
    });
    return count;
  }
}
