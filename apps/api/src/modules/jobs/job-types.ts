import type { CampaignImportResultDto, FunnelResultDto, ImportResultDto, RetentionResultDto } from '@crosslane/contracts';
import type { JobName } from '../../core/queue/queue-names';
import type { AnalyseCampaignPayload, AnalyseCampaignResult } from '../campaigns/jobs/analyse-campaign.job';
import type { AssignCampaignSegmentPayload } from '../campaigns/jobs/assign-campaign-segment.job';
import type { ImportCampaignEventsPayload } from '../campaigns/jobs/import-campaign-events.job';
import type { ImportFinishedTestPayload } from '../campaigns/jobs/import-finished-test.job';
import type { SeedDemoCampaignPayload, SeedDemoCampaignResult } from '../campaigns/jobs/seed-demo-campaign.job';
import type { TrainUpliftModelPayload, TrainUpliftModelResult } from '../decisions/jobs/train-uplift-model.job';
import type { CompleteDemoWorldPayload, CompleteDemoWorldResult } from '../demo-world/jobs/complete-demo-world.job';
import type { LoadDemoWorldPayload, LoadDemoWorldResult } from '../demo-world/jobs/load-demo-world.job';
import type { ImportFilePayload } from '../imports/jobs/import-file.job';
import type { RunJourneyPayload } from '../journeys/jobs/run-journey.job';
import type { PruneJobHistoryPayload } from '../maintenance/jobs/prune-job-history.job';
import type { EraseMembersPayload, EraseMembersResult } from '../member-rights/jobs/erase-members.job';
import type { ComputeProfilesPayload, ComputeProfilesResult } from '../profiles/jobs/compute-profiles.job';
import type { RecomputeCarInterestPayload, RecomputeCarInterestResult } from '../profiles/jobs/recompute-car-interest.job';
import type {
  TrainRecommenderPayload,
  TrainRecommenderResult,
  TuneRecommenderPayload,
} from '../recommendations/recommender-training.service';
import type { BuildClusterSegmentsPayload, BuildClusterSegmentsResult } from '../segments/jobs/build-cluster-segments.job';
import type { MaterialiseSegmentsPayload } from '../segments/jobs/materialise-segments.job';
import type { SnapshotSegmentSizesPayload } from '../segments/jobs/snapshot-segment-sizes.job';
import type { BuildPartnerExportPayload, BuildPartnerExportResult } from '../sharing/jobs/build-partner-export.job';
import type { ExpirePartnerExportsPayload } from '../sharing/jobs/expire-partner-exports.job';

/**
 * Every job's payload and result, in one table beside the one list of job
 * names (core/queue/queue-names.ts), as immich keeps its `JobItem` union in
 * one place. It fills core's `JobTypes` (which cannot import features), so
 * `enqueue(name, payload)` and `@JobHandler(name)` check both sides against
 * the same row; each payload type is still declared next to its job.
 */
declare module '../../core/queue/job-types' {
  interface JobTypes {
    [JobName.LoadDemoWorld]: { payload: LoadDemoWorldPayload; result: LoadDemoWorldResult };
    [JobName.CompleteDemoWorld]: { payload: CompleteDemoWorldPayload; result: CompleteDemoWorldResult };
    [JobName.ComputeProfiles]: { payload: ComputeProfilesPayload; result: ComputeProfilesResult };
    [JobName.MaterialiseSegments]: { payload: MaterialiseSegmentsPayload; result: { segments: number; sizes: Record<string, number> } };
    [JobName.SnapshotSegmentSizes]: { payload: SnapshotSegmentSizesPayload; result: { segments: number } };
    [JobName.BuildClusterSegments]: { payload: BuildClusterSegmentsPayload; result: BuildClusterSegmentsResult };
    [JobName.PruneJobHistory]: { payload: PruneJobHistoryPayload; result: { removed: number } };
    [JobName.ExpirePartnerExports]: { payload: ExpirePartnerExportsPayload; result: { expired: number } };
    [JobName.AnalyseCampaign]: { payload: AnalyseCampaignPayload; result: AnalyseCampaignResult };
    [JobName.AssignCampaignSegment]: { payload: AssignCampaignSegmentPayload; result: { assigned: number; total: number } };
    [JobName.ImportCampaignEvents]: { payload: ImportCampaignEventsPayload; result: CampaignImportResultDto };
    [JobName.ImportFinishedTest]: { payload: ImportFinishedTestPayload; result: CampaignImportResultDto };
    [JobName.SeedDemoCampaign]: { payload: SeedDemoCampaignPayload; result: SeedDemoCampaignResult };
    [JobName.BuildPartnerExport]: { payload: BuildPartnerExportPayload; result: BuildPartnerExportResult };
    [JobName.ImportFile]: { payload: ImportFilePayload; result: ImportResultDto };
    [JobName.TrainRecommender]: { payload: TrainRecommenderPayload; result: TrainRecommenderResult };
    [JobName.TuneRecommender]: { payload: TuneRecommenderPayload; result: TrainRecommenderResult };
    [JobName.EraseMembers]: { payload: EraseMembersPayload; result: EraseMembersResult };
    [JobName.RunJourney]: { payload: RunJourneyPayload; result: FunnelResultDto | RetentionResultDto };
    [JobName.RecomputeCarInterest]: { payload: RecomputeCarInterestPayload; result: RecomputeCarInterestResult };
    [JobName.TrainUpliftModel]: { payload: TrainUpliftModelPayload; result: TrainUpliftModelResult };
  }
}
