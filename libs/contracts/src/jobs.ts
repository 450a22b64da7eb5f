/** Background jobs as the dashboard lists them (job_run rows). */

export type JobStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export interface JobRunDto {
  id: string;
  queue: string;
  name: string;
  status: JobStatus;
  /** 0..100 */
  progress: number;
  progressNote: string | null;
  payload: unknown;
  result: unknown;
  error: string | null;
  attempts: number;
  requestedBy: string | null;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
