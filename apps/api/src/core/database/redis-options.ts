import type { RedisOptions } from 'ioredis';

/** Reconnect quickly (a restarted local redis-server is back in well under a second), at most every 2 s. */
const retryStrategy = (times: number): number => Math.min(100 * times, 2_000);

/**
 * BullMQ takes ioredis options rather than a URL, and its blocking worker
 * connections must never give up on a command (maxRetriesPerRequest: null):
 * while Redis is away a worker simply waits for it.
 */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss://; got "${parsed.protocol}"`);
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    retryStrategy,
  };
}

/**
 * For connections that serve HTTP requests (RedisService, the BullMQ queues
 * jobs are added to): fail fast instead of waiting for Redis. While it is
 * disconnected a command is refused at once (no offline queue); one that gets
 * no answer within 3 s fails; the request then answers 503.
 */
export function requestRedisOptionsFromUrl(url: string): RedisOptions {
  return { ...redisOptionsFromUrl(url), enableOfflineQueue: false, commandTimeout: 3_000, maxRetriesPerRequest: 1 };
}
