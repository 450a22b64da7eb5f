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
  PruneJobHistory = 'prune-job-history',
}

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.LoadDemoWorld]: QueueName.Imports,
  [JobName.PruneJobHistory]: QueueName.Maintenance,
};

export const ALL_QUEUES: QueueName[] = Object.values(QueueName);

/**
 * Deduplication: jobs that must exist at most once at a time get a fixed
 * key. Every such rule lives in this switch so they can be read together.
 * Undefined means "every request is a new job".
 */
export function deduplicationKey(name: JobName, payload: unknown): string | undefined {
  switch (name) {
    case JobName.LoadDemoWorld:
      return `${name}:${(payload as { seed?: number })?.seed ?? 'default'}`;
    case JobName.PruneJobHistory:
      return `${name}:${(payload as { slot?: string })?.slot ?? 'manual'}`;
    default:
      return undefined;
  }
}
