import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../../core/clock/clock';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { PrismaService } from '../../core/database/prisma.service';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import type { LoadDemoWorldPayload } from './jobs/load-demo-world.job';

export const DEMO_WORLD_SEED = 20261128;

@Injectable()
export class DemoWorldService {
  private readonly logger = new Logger(DemoWorldService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly prisma: PrismaService,
    private readonly jobs: JobQueueService,
  ) {}

  /** On an empty database, queue the demo world; its progress shows on the Jobs screen. */
  async enqueueIfEmpty(): Promise<string | null> {
    if (!this.config.loadDemoWorld) return null;
    if ((await this.prisma.member.count()) > 0 || (await this.prisma.partner.count()) > 0) return null;
    const payload: LoadDemoWorldPayload = {
      seed: DEMO_WORLD_SEED,
      // The world ends on the clock's day: pinned (CROSSLANE_NOW), the same world on any day.
      endDate: this.clock.now().toISOString().slice(0, 10),
      members: this.config.demoWorldMembers,
      complete: this.config.completeDemoWorld,
    };
    const run = await this.jobs.enqueue(JobName.LoadDemoWorld, { ...payload });
    this.logger.log(`Empty database: loading the demo world (job ${run.id})`);
    return run.id;
  }
}
