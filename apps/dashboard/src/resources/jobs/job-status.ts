import type { JobRunDto, JobStatus } from '@crosslane/contracts';
import type { ChipColor } from '../../common/StatusChip';
import { isManagerOrAdmin } from '../../common/permissions';

export const JOB_STATUSES: readonly JobStatus[] = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];

export const JOB_STATUS_COLORS: Record<JobStatus, ChipColor> = {
  QUEUED: 'default',
  RUNNING: 'info',
  COMPLETED: 'success',
  FAILED: 'error',
  CANCELLED: 'warning',
};

/** How often a page with unfinished jobs asks again. */
export const LIVE_REFRESH_MS = 2000;

export const isActive = (status: JobStatus | undefined): boolean => status === 'QUEUED' || status === 'RUNNING';

/** refetchInterval for a list: poll while any job on the page is unfinished. */
export const listRefreshInterval = (jobs: readonly Pick<JobRunDto, 'status'>[] | undefined): number | false =>
  jobs?.some((j) => isActive(j.status)) ? LIVE_REFRESH_MS : false;

/** refetchInterval for one job's page: poll until it has finished. */
export const showRefreshInterval = (job: Pick<JobRunDto, 'status'> | undefined): number | false =>
  isActive(job?.status) ? LIVE_REFRESH_MS : false;

export const canControlJobs = isManagerOrAdmin;

/** Which buttons a job offers, before looking at the role. */
export function jobActions(job: Pick<JobRunDto, 'status' | 'cancelRequested'> | undefined): {
  retry: boolean;
  cancel: boolean;
} {
  if (!job) return { retry: false, cancel: false };
  return {
    retry: job.status === 'FAILED' || job.status === 'CANCELLED',
    cancel: isActive(job.status) && !job.cancelRequested,
  };
}
