import { Inject, Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JobQueueService } from '../../../core/queue/job-queue.service';
import { JobName } from '../../../core/queue/queue-names';
import { CLOCK, type Clock } from '../../../core/clock/clock';

/** Every worker runs this cron; the day in the payload deduplicates, so N workers queue one snapshot per day. */
@Injectable()
export class SnapshotSegmentSizesCron {
  constructor(
    private readonly jobs: JobQueueService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Cron('40 2 * * *', { name: 'snapshot-segment-sizes', timeZone: 'UTC' })
  async enqueue(): Promise<void> {
    await this.jobs.enqueue(JobName.SnapshotSegmentSizes, { slot: this.clock.now().toISOString().slice(0, 10) });
  }
}
