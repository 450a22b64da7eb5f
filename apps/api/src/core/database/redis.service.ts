import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import IORedis, { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { requestRedisOptionsFromUrl } from './redis-options';
import { ServiceAvailabilityService } from './service-availability.service';

/**
 * A plain Redis connection for health checks and counters (BullMQ keeps its
 * own). It fails fast while Redis is away, and its state is the one the
 * process logs (ServiceAvailabilityService).
 */
@Injectable()
export class RedisService implements OnModuleDestroy {
  readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig, availability: ServiceAvailabilityService) {
    if (!config.redisUrl) throw new Error('RedisService needs a Redis URL: provision infrastructure first');
    this.client = new IORedis({ ...requestRedisOptionsFromUrl(config.redisUrl), lazyConnect: false });
    availability.watchRedis(this.client, 'Redis', true);
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
