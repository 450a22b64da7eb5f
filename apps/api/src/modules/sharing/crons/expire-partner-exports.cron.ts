import { Inject, Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig } from '../../../core/config/app-config';
import { JobQueueService } from '../../../core/queue/job-queue.service';
import { JobName } from '../../../core/queue/queue-names';
import { CLOCK, type Clock } from '../../../core/clock/clock';

/**
 * Every worker process runs this cron; the day in the payload gives the job
 * a deduplication key, so N workers still queue one expiry run per night.
 */
@Injectable()
export class ExpirePartnerExportsCron {
  constructor(
    private readonly jobs: JobQueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Cron('29 3 * * *', { name: 'expire-partner-exports', timeZone: 'UTC' })
  async enqueue(now: Date = this.clock.now()): Promise<void> {
    await this.jobs.enqueue(JobName.ExpirePartnerExports, {
      retentionDays: this.config.exportRetentionDays,
      slot: now.toISOString().slice(0, 10),
    });
  }
}
