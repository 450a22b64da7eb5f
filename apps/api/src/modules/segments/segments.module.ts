import { Module } from '@nestjs/common';
import { ProfilesJobsModule } from '../profiles/profiles.module';
import { TaxonomyCoreModule } from '../taxonomy/taxonomy-core.module';
import { SharingJobsModule } from '../sharing/sharing-jobs.module';
import { ClusterFeaturesService } from './cluster-features.service';
import { ClusterSegmentsRepository } from './cluster-segments.repository';
import { SnapshotSegmentSizesCron } from './crons/snapshot-segment-sizes.cron';
import { BuildClusterSegmentsJob } from './jobs/build-cluster-segments.job';
import { MaterialiseSegmentsJob } from './jobs/materialise-segments.job';
import { SnapshotSegmentSizesJob } from './jobs/snapshot-segment-sizes.job';
import { SegmentMaterialiserService } from './segment-materialiser.service';
import { SegmentRulesService } from './segment-rules.service';
import { SegmentsController } from './segments.controller';
import { SegmentsService } from './segments.service';

const ENGINE = [SegmentRulesService, SegmentMaterialiserService, ClusterFeaturesService];

/**
 * Jobs, the daily cron, the rule engine and the segments' own rules
 * (SegmentsService): loaded in every role (crons fire only where
 * ScheduleModule runs), so the demo world's loader creates its segments
 * through the same service as the screen.
 */
@Module({
  imports: [ProfilesJobsModule, TaxonomyCoreModule, SharingJobsModule],
  providers: [
    ...ENGINE,
    ClusterSegmentsRepository,
    SegmentsService,
    MaterialiseSegmentsJob,
    SnapshotSegmentSizesJob,
    BuildClusterSegmentsJob,
    SnapshotSegmentSizesCron,
  ],
  exports: [...ENGINE, SegmentsService, SnapshotSegmentSizesJob],
})
export class SegmentsJobsModule {}

// SegmentsService is exported for journeys, which makes segments from a funnel's drop-off.
@Module({
  imports: [SegmentsJobsModule],
  controllers: [SegmentsController],
  exports: [SegmentsJobsModule],
})
export class SegmentsHttpModule {}
