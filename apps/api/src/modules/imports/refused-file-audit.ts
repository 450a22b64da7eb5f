import type { ImportReport } from '@crosslane/contracts';
import type { AuditEntry, AuditService } from '../../core/audit/audit.service';

/**
 * The one audit entry of a file refused as a whole, whichever pipeline
 * refused it (imports, campaign events, finished tests): `import.refused`,
 * FAILURE, on the import's job, with the refusal's row, field and reason.
 */
export function auditRefusedFile(
  audit: AuditService,
  refused: { jobId: string; actor: AuditEntry['actor']; kind: string; fileName: string | null; report: ImportReport },
): Promise<void> {
  const { report } = refused;
  return audit.record({
    action: 'import.refused',
    outcome: 'FAILURE',
    actor: refused.actor ?? null,
    entityType: 'job',
    entityId: refused.jobId,
    detail: {
      kind: refused.kind,
      mode: report.mode,
      fileName: refused.fileName,
      rowsRead: report.rowsRead,
      fileError: report.fileError,
      fileRefusal: report.fileRefusal ?? null,
    },
  });
}
