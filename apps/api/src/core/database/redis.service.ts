import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
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
export class RedisService implements OnModuleInit, OnModuleDestroy {
  readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig, availability: ServiceAvailabilityService) {
    if (!config.redisUrl) throw new Error('RedisService needs a Redis URL: provision infrastructure first');
    this.client = new IORedis({ ...requestRedisOptionsFromUrl(config.redisUrl), lazyConnect: false });
    availability.watchRedis(this.client, 'Redis', true);
    availability.setRedisProbe(() => this.client.ping());
  }

  /**
   * Without an offline queue, a command sent before the first connection is
   * up would be refused: the app starts serving once it is (or after 10 s,
   * when Redis is away at start; requests then answer 503 until it is back).
   */
  async onModuleInit(): Promise<void> {
    if (this.client.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 10_000);
      timer.unref();
      this.client.once('ready', done);
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
