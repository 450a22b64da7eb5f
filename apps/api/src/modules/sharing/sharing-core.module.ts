import { Module } from '@nestjs/common';
import { BuildPartnerExportJob } from './jobs/build-partner-export.job';
import { PartnerAudienceService } from './partner-audience.service';

/** Loaded in every role: the export job handler and the audience figures it shares with the HTTP side. */
@Module({ providers: [PartnerAudienceService, BuildPartnerExportJob], exports: [PartnerAudienceService] })
export class SharingCoreModule {}
