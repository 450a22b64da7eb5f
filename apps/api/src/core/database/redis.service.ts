import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import IORedis, { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { redisOptionsFromUrl } from './redis-options';

/** A plain Redis connection for health checks and counters (BullMQ keeps its own). */
@Injectable()
export class RedisService implements OnModuleDestroy {
  readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.redisUrl) throw new Error('RedisService needs a Redis URL: provision infrastructure first');
    this.client = new IORedis({ ...redisOptionsFromUrl(config.redisUrl), lazyConnect: false });
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
