import path from 'node:path';
import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres, startLocalRedis } from '../local-services';

export interface Infrastructure {
  databaseUrl: string;
  redisUrl: string;
  /** What this process started itself (and so must stop). */
  started: string[];
  stop(): Promise<void>;
}

/**
 * Uses DATABASE_URL and REDIS_URL when set; otherwise starts a real
 * embedded Postgres and a redis-server under the data folder, on free
 * ports, so a fresh clone needs nothing else running.
 */
export async function provisionInfrastructure(
  config: AppConfig,
  log: (line: string) => void,
  needs: { redis: boolean } = { redis: true },
): Promise<Infrastructure> {
  const stops: (() => Promise<void>)[] = [];
  const started: string[] = [];
  try {
    let databaseUrl: string;
    if (config.databaseUrl) {
      databaseUrl = config.databaseUrl;
    } else {
      const pg = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres'), log });
      stops.push(pg.stop);
      started.push(`PostgreSQL on 127.0.0.1:${pg.port}`);
      databaseUrl = pg.url;
    }
    let redisUrl: string;
    if (config.redisUrl || !needs.redis) {
      redisUrl = config.redisUrl ?? '';
    } else {
      const redis = await startLocalRedis({ dataDir: path.join(config.dataDir, 'redis'), log });
      stops.push(redis.stop);
      started.push(`Redis on 127.0.0.1:${redis.port}`);
      redisUrl = redis.url;
    }
    return {
      databaseUrl,
      redisUrl,
      started,
      stop: async () => {
        for (const stop of stops.reverse()) await stop().catch((e: Error) => log(`While stopping: ${e.message}`));
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}
