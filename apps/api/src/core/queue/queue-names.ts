import type { JobItem } from './job-types';

/**
 * Every queue and job name in one place. A queue groups work that should
 * scale together (imports are I/O-bound, training is CPU-bound); a job
 * name picks its handler.
 */
export enum QueueName {
  Imports = 'imports',
  Training = 'training',
  Analysis = 'analysis',
  Exports = 'exports',
  Maintenance = 'maintenance',
}

export enum JobName {
  LoadDemoWorld = 'load-demo-world',
  CompleteDemoWorld = 'complete-demo-world',
  ComputeProfiles = 'compute-profiles',
  MaterialiseSegments = 'materialise-segments',
  SnapshotSegmentSizes = 'snapshot-segment-sizes',
  BuildClusterSegments = 'build-cluster-segments',
  PruneJobHistory = 'prune-job-history',
  ExpirePartnerExports = 'expire-partner-exports',
  AnalyseCampaign = 'analyse-campaign',
  AssignCampaignSegment = 'assign-campaign-segment',
  ImportCampaignEvents = 'import-campaign-events',
  ImportFinishedTest = 'import-finished-test',
  SeedDemoCampaign = 'seed-demo-campaign',
  BuildPartnerExport = 'build-partner-export',
  ImportFile = 'import-file',
  TrainRecommender = 'train-recommender',
  TuneRecommender = 'tune-recommender',
  EraseMembers = 'erase-members',
  RunJourney = 'run-journey',
  RecomputeCarInterest = 'recompute-car-interest',
  TrainUpliftModel = 'train-uplift-model',
}

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.LoadDemoWorld]: QueueName.Imports,
  [JobName.CompleteDemoWorld]: QueueName.Analysis,
  [JobName.ComputeProfiles]: QueueName.Analysis,
  [JobName.MaterialiseSegments]: QueueName.Analysis,
  [JobName.SnapshotSegmentSizes]: QueueName.Analysis,
  [JobName.BuildClusterSegments]: QueueName.Analysis,
  [JobName.PruneJobHistory]: QueueName.Maintenance,
  [JobName.ExpirePartnerExports]: QueueName.Maintenance,
  [JobName.AnalyseCampaign]: QueueName.Analysis,
  [JobName.AssignCampaignSegment]: QueueName.Imports,
  [JobName.ImportCampaignEvents]: QueueName.Imports,
  [JobName.ImportFinishedTest]: QueueName.Imports,
  [JobName.SeedDemoCampaign]: QueueName.Imports,
  [JobName.BuildPartnerExport]: QueueName.Exports,
  [JobName.ImportFile]: QueueName.Imports,
  [JobName.TrainRecommender]: QueueName.Training,
  [JobName.TuneRecommender]: QueueName.Training,
  [JobName.EraseMembers]: QueueName.Maintenance,
  [JobName.RunJourney]: QueueName.Analysis,
  [JobName.RecomputeCarInterest]: QueueName.Analysis,
  [JobName.TrainUpliftModel]: QueueName.Training,
};

export const ALL_QUEUES: QueueName[] = Object.values(QueueName);

/** How many times a job is tried when it fails; 3 unless named here (a partial event import must not be repeated). */
export const ATTEMPTS_OF_JOB: Partial<Record<JobName, number>> = {
  [JobName.ImportCampaignEvents]: 1,
};

export function attemptsOf(name: JobName): number {
  return ATTEMPTS_OF_JOB[name] ?? 3;
}

/**
 * Deduplication: jobs that must exist at most once at a time get a fixed
 * key. Every such rule lives in this switch so they can be read together.
 * Undefined means "every request is a new job". The job's name narrows its
 * payload (JobItem), so each rule reads typed fields, not casts.
 */
export function deduplicationKey(job: JobItem): string | undefined {
  switch (job.name) {
    case JobName.LoadDemoWorld:
      return `${job.name}:${job.data.seed ?? 'default'}`;
    // One at a time: profiles are recomputed whole, the demo world completed and its campaign seeded once, so a
    // second request while one runs would only repeat it.
    case JobName.CompleteDemoWorld:
    case JobName.ComputeProfiles:
    case JobName.SeedDemoCampaign:
      return job.name;
    // A daily cron fires in every worker: one run per day's slot (history pruning, export expiry, size snapshots).
    case JobName.PruneJobHistory:
    case JobName.ExpirePartnerExports:
    case JobName.SnapshotSegmentSizes:
      return `${job.name}:${job.data.slot ?? 'manual'}`;
    case JobName.MaterialiseSegments:
      return `${job.name}:${job.data.segmentId ?? 'all'}`;
    // Scheduled analyses: one per campaign per slot however many workers fire the cron; on-demand ones are each new.
    case JobName.AnalyseCampaign:
      return job.data.slot ? `${job.name}:${job.data.campaignId}:${job.data.slot}` : undefined;
    case JobName.AssignCampaignSegment:
      return `${job.name}:${job.data.campaignId}`;
    // The Hillstrom shortcut on the shipped file runs once at a time; every upload is its own job.
    case JobName.ImportFinishedTest:
      return job.data.preset && job.data.uploadId === undefined ? `${job.name}:${job.data.preset}` : undefined;
    // One build per export record: a second enqueue while one runs would only repeat it.
    case JobName.BuildPartnerExport:
      return `${job.name}:${job.data.exportId}`;
    // An upload is its own job; the Online Retail dataset is imported once at a time.
    case JobName.ImportFile:
      return job.data.source === 'dataset' ? `${job.name}:dataset:${job.data.kind}` : undefined;
    // Scheduled retraining: one job per scope and cadence slot however many workers fire the cron; requests from the API are each new.
    case JobName.TrainRecommender:
      return job.data.slot ? `${job.name}:${job.data.scope ?? 'ALL'}:${job.data.slot}` : undefined;
    // One erasure run per request: a second enqueue while one runs would only wait for its locks.
    case JobName.EraseMembers:
      return `${job.name}:${job.data.requestId}`;
    default:
      return undefined;
  }
}
