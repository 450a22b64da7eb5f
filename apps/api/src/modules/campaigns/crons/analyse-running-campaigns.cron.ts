import { Inject, Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { PrismaService } from '../../../core/database/prisma.service';
import { JobQueueService } from '../../../core/queue/job-queue.service';
import { JobName } from '../../../core/queue/queue-names';
import { CLOCK, type Clock } from '../../../core/clock/clock';

/**
 * Every hour, one analysis per RUNNING campaign. The slot (the hour) is in
 * the payload, so N worker processes still queue one job per campaign per hour.
 */
@Injectable()
export class AnalyseRunningCampaignsCron {
  constructor(
    private readonly prisma: PrismaService,
    private readonly jobs: JobQueueService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Cron('7 * * * *', { name: 'analyse-running-campaigns' })
  async enqueue(now: Date = this.clock.now()): Promise<number> {
    const slot = now.toISOString().slice(0, 13);
    // Only campaigns with at least 2 members in every arm: the others have nothing to analyse yet.
    const running = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM campaign c
      WHERE c.status = 'RUNNING'
        AND NOT EXISTS (SELECT 1 FROM campaign_variant v WHERE v."campaignId" = c.id
                        AND (SELECT count(*) FROM campaign_assignment a WHERE a."campaignId" = c.id AND a."variantKey" = v.key) < 2)`;
    for (const c of running) await this.jobs.enqueue(JobName.AnalyseCampaign, { campaignId: c.id, method: 'FIXED_HORIZON', slot });
    return running.length;
  }
}
