import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@crosslane/db';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ServiceAvailabilityService } from './service-availability.service';

/**
 * The one Prisma client of the process, closed with the application. A new
 * connection that PostgreSQL does not accept within 5 s fails (the request
 * answers 503) rather than waiting; connections the server drops are
 * reported once, as an outage.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(APP_CONFIG) config: AppConfig, availability: ServiceAvailabilityService) {
    if (!config.databaseUrl) throw new Error('PrismaService needs a database URL: provision infrastructure first');
    const onError = (error: Error) => availability.reportDown('database', error);
    super({
      adapter: new PrismaPg(
        { connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: 5_000 },
        { onPoolError: onError, onConnectionError: onError },
      ),
    });
    availability.setDatabaseProbe(() => this.$queryRawUnsafe('SELECT 1'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
