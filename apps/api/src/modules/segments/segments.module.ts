import { Module } from '@nestjs/common';
import { ProfilesJobsModule } from '../profiles/profiles.module';
import { SharingJobsModule } from '../sharing/sharing-jobs.module';
import { ClusterFeaturesService } from './cluster-features.service';
import { SnapshotSegmentSizesCron } from './crons/snapshot-segment-sizes.cron';
import { BuildClusterSegmentsJob } from './jobs/build-cluster-segments.job';
import { MaterialiseSegmentsJob } from './jobs/materialise-segments.job';
import { SnapshotSegmentSizesJob } from './jobs/snapshot-segment-sizes.job';
import { SegmentMaterialiserService } from './segment-materialiser.service';
import { SegmentRulesService } from './segment-rules.service';
import { SegmentsController } from './segments.controller';
import { SegmentsService } from './segments.service';

const ENGINE = [SegmentRulesService, SegmentMaterialiserService, ClusterFeaturesService];

/** Jobs, the daily cron and the rule engine: loaded in every role (crons fire only where ScheduleModule runs). */
@Module({
  imports: [ProfilesJobsModule],
  providers: [...ENGINE, MaterialiseSegmentsJob, SnapshotSegmentSizesJob, BuildClusterSegmentsJob, SnapshotSegmentSizesCron],
  exports: [...ENGINE, SnapshotSegmentSizesJob],
})
export class SegmentsJobsModule {}

@Module({ imports: [SegmentsJobsModule, SharingJobsModule], controllers: [SegmentsController], providers: [SegmentsService] })
export class SegmentsHttpModule {}
