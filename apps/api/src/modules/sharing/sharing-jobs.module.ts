import { Module } from '@nestjs/common';
import { AgreementsService } from './agreements.service';
import { TaxonomyCoreModule } from '../taxonomy/taxonomy-core.module';
import { ExpirePartnerExportsCron } from './crons/expire-partner-exports.cron';
import { BuildPartnerExportJob } from './jobs/build-partner-export.job';
import { PartnerExportBuilderService } from './partner-export-builder.service';
import { ExpirePartnerExportsJob } from './jobs/expire-partner-exports.job';
import { DisclosureGateService } from './disclosure-gate.service';
import { PartnerAudienceService } from './partner-audience.service';

/**
 * Loaded in every role: the export jobs (every process validates job names
 * against their handlers), the nightly expiry cron (it fires only where
 * ScheduleModule runs, i.e. in workers) and the audience figures shared
 * with the HTTP side, the disclosure gate every partner-derived figure
 * passes through, and the agreements' rules (the demo world's loader records
 * its agreements through them).
 */
@Module({
  imports: [TaxonomyCoreModule],
  providers: [
    AgreementsService,
    DisclosureGateService,
    PartnerAudienceService,
    PartnerExportBuilderService,
    BuildPartnerExportJob,
    ExpirePartnerExportsJob,
    ExpirePartnerExportsCron,
  ],
  exports: [AgreementsService, DisclosureGateService, PartnerAudienceService],
})
export class SharingJobsModule {}
