import { Injectable } from '@nestjs/common';
import type { Prisma } from '@crosslane/db';
import type { RejectedRow } from '@crosslane/contracts';
import { PrismaService } from '../../core/database/prisma.service';

/** One rejected row of an import, as the job's rejection list shows it (the header is row 1). */

/**
 * What the campaign-events CSV import writes besides the events themselves
 * (CampaignEventsService inserts those): the transaction the whole file is
 * stored in, the rejected rows kept under the job's id, and the planner
 * statistics refreshed after a large insert.
 */
@Injectable()
export class CampaignEventImportRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Forgets the rejections an earlier attempt of this job kept, so a retry lists only its own. */
  async clearRejections(jobId: string): Promise<void> {
    await this.prisma.importRejection.deleteMany({ where: { jobId } });
  }

  async keepRejections(jobId: string, rejections: RejectedRow[]): Promise<void> {
    await this.prisma.importRejection.createMany({ data: rejections.map((r) => ({ jobId, ...r })) });
  }

  /** One transaction for the whole file: a refused file (the callback throws) stores nothing. */
  inTransaction(fn: (tx: Prisma.TransactionClient) => Promise<void>, options: { timeout: number; maxWait: number }): Promise<void> {
    return this.prisma.$transaction(fn, options);
  }

  async refreshPlannerStatistics(): Promise<void> {
    await this.prisma.$executeRawUnsafe('ANALYZE campaign_event');
  }
}
