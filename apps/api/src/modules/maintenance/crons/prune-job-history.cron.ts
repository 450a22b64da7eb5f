import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JobQueueService } from '../../../core/queue/job-queue.service';
import { JobName } from '../../../core/queue/queue-names';

/**
 * Every worker process runs this cron; the slot in the payload gives the
 * job a deduplication key, so N workers still queue one job per night.
 */
@Injectable()
export class PruneJobHistoryCron {
  constructor(private readonly jobs: JobQueueService) {}

  @Cron('17 3 * * *', { name: 'prune-job-history' })
  async enqueue(): Promise<void> {
    const slot = new Date().toISOString().slice(0, 10);
    await this.jobs.enqueue(JobName.PruneJobHistory, { olderThanDays: 30, slot });
  }
}
