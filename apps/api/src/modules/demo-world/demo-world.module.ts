import { Module } from '@nestjs/common';
import { ProfilesJobsModule } from '../profiles/profiles.module';
import { RecommendationsJobsModule } from '../recommendations/recommendations-jobs.module';
import { SegmentsJobsModule } from '../segments/segments.module';
import { TaxonomyCoreModule } from '../taxonomy/taxonomy-core.module';
import { DemoWorldService } from './demo-world.service';
import { CompleteDemoWorldJob } from './jobs/complete-demo-world.job';
import { LoadDemoWorldJob } from './jobs/load-demo-world.job';

@Module({
  imports: [ProfilesJobsModule, SegmentsJobsModule, RecommendationsJobsModule, TaxonomyCoreModule],
  providers: [DemoWorldService, LoadDemoWorldJob, CompleteDemoWorldJob],
  exports: [DemoWorldService],
})
export class DemoWorldModule {}
