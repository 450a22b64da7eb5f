import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { requestRedisOptionsFromUrl } from '../database/redis-options';
import { JobQueueService } from './job-queue.service';
import { JobWorkerService } from './job-worker.service';
import { ALL_QUEUES } from './queue-names';

@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      // Queues serve requests (add, getJob): they fail fast while Redis is away; workers keep their own patient connections.
      useFactory: (config: AppConfig) => ({ connection: requestRedisOptionsFromUrl(config.redisUrl!), prefix: config.queuePrefix }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [JobQueueService, JobWorkerService],
  exports: [JobQueueService, BullModule],
})
export class QueueModule {}
