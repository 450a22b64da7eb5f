import { Module } from '@nestjs/common';
import { PruneJobHistoryCron } from './crons/prune-job-history.cron';
import { JobHistoryRepository } from './job-history.repository';
import { PruneJobHistoryJob } from './jobs/prune-job-history.job';

/** Crons are registered only in worker processes (see app.module.ts). */
@Module({ providers: [JobHistoryRepository, PruneJobHistoryJob, PruneJobHistoryCron] })
export class MaintenanceModule {}
