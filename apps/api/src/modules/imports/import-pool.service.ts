import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';

/**
 * A plain pg pool beside Prisma for what Prisma cannot do: COPY FROM STDIN
 * into a staging table, and large objects (uploads) read and written in
 * chunks.
 */
@Injectable()
export class ImportPool implements OnModuleDestroy {
  readonly pool: Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.databaseUrl) throw new Error('ImportPool needs a database URL');
    this.pool = new Pool({ connectionString: config.databaseUrl, max: 4 });
    // An idle connection dropped by the server (restart, failover) must not take the process down.
    this.pool.on('error', (error) => new Logger(ImportPool.name).warn(`Idle import connection closed: ${error.message}`));
  }

  private ended = false;

  /** Nest calls this once per module that provides the pool; the pool may end only once. */
  async onModuleDestroy(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.pool.end();
  }
}
