import { Module } from '@nestjs/common';
import { AgreementsController } from './agreements.controller';
import { ExportLinkService } from './export-link.service';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { OverlapController } from './overlap.controller';
import { SharingJobsModule } from './sharing-jobs.module';

/** The HTTP side of governed sharing: agreements, export requests and links, audience overlap. */
@Module({
  imports: [SharingJobsModule],
  controllers: [AgreementsController, ExportsController, OverlapController],
  providers: [ExportsService, ExportLinkService],
})
export class SharingHttpModule {}
