import { Module } from '@nestjs/common';
import { PartnersCoreModule } from '../partners/partners.module';
import { ProfilesJobsModule } from '../profiles/profiles.module';
import { RecommendationsJobsModule } from '../recommendations/recommendations-jobs.module';
import { SegmentsJobsModule } from '../segments/segments.module';
import { SharingJobsModule } from '../sharing/sharing-jobs.module';
import { TaxonomyCoreModule } from '../taxonomy/taxonomy-core.module';
import { DemoWorldRepository } from './demo-world.repository';
import { DemoWorldService } from './demo-world.service';
import { CompleteDemoWorldJob } from './jobs/complete-demo-world.job';
import { LoadDemoWorldJob } from './jobs/load-demo-world.job';

/** The demo world writes partners, agreements, scorecards and segments through the product's own services, imported here. */
@Module({
  imports: [PartnersCoreModule, SharingJobsModule, ProfilesJobsModule, SegmentsJobsModule, RecommendationsJobsModule, TaxonomyCoreModule],
  providers: [DemoWorldService, DemoWorldRepository, LoadDemoWorldJob, CompleteDemoWorldJob],
  exports: [DemoWorldService],
})
export class DemoWorldModule {}
