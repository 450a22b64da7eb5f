import type { AuditEntry, AuditService } from '../audit/audit.service';

/**
 * The entry a job writes when its work succeeded: about the job run itself (entity `job`, the run's id), so the
 * audit log and the Jobs screen point at each other. One home for that shape instead of each job spelling it out.
 */
export function recordJobSuccess(
  audit: AuditService,
  jobId: string,
  entry: Pick<AuditEntry, 'action' | 'actor' | 'detail'>,
): Promise<void> {
  return audit.record({ ...entry, outcome: 'SUCCESS', entityType: 'job', entityId: jobId });
}
