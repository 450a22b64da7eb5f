import { Module } from '@nestjs/common';
import { ExpirePartnerExportsCron } from './crons/expire-partner-exports.cron';
import { BuildPartnerExportJob } from './jobs/build-partner-export.job';
import { ExpirePartnerExportsJob } from './jobs/expire-partner-exports.job';
import { PartnerAudienceService } from './partner-audience.service';

/**
 * Loaded in every role: the export jobs (every process validates job names
 * against their handlers), the nightly expiry cron (it fires only where
 * ScheduleModule runs, i.e. in workers) and the audience figures shared
 * with the HTTP side.
 */
@Module({ providers: [PartnerAudienceService, BuildPartnerExportJob, ExpirePartnerExportsJob, ExpirePartnerExportsCron], exports: [PartnerAudienceService] })
export class SharingCoreModule {}
