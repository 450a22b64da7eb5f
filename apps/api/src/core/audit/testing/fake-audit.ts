import type { AuditEntry, AuditService } from '../audit.service';

/** An AuditService that keeps every entry in memory, in order: the one stand-in the job specs check audit events against. */
export function fakeAudit(): { audit: AuditService; entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return { audit: { record: async (entry: AuditEntry) => void entries.push(entry) } as unknown as AuditService, entries };
}
