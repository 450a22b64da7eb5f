import { Inject } from '@nestjs/common';
import { ExportExpiry, exportExpiry } from '@crosslane/domain-privacy';
import { AuditService } from '../../../core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../../../core/config/app-config';
import { PrismaService } from '../../../core/database/prisma.service';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { expireExports, ExportsToExpire } from '../expire-exports';
import { CLOCK, type Clock } from '../../../core/clock/clock';

export interface ExpirePartnerExportsPayload {
  /** Files finished more than this many days ago go; CROSSLANE_EXPORT_RETENTION_DAYS when left out. */
  retentionDays?: number;
  slot?: string;
}

/**
 * Retention for built partner files: drops each READY file whose agreement
 * has ended (no longer ACTIVE, or past validTo, which no request marks) or
 * that is older than the retention period. Revocations and new versions
 * expire their files at once; this catches what time alone ends. One audit
 * event per run lists what went.
 */
@JobHandler(JobName.ExpirePartnerExports)
export class ExpirePartnerExportsJob implements JobRunner<JobName.ExpirePartnerExports> {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(payload: ExpirePartnerExportsPayload, context: JobContext, now = this.clock.now()): Promise<{ expired: number }> {
    const retentionDays = payload.retentionDays ?? this.config.exportRetentionDays;
    const ready = await this.prisma.partnerExport.findMany({
      where: { status: 'READY' },
      orderBy: [{ finishedAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        createdAt: true,
        finishedAt: true,
        agreement: { select: { id: true, version: true, status: true, validFrom: true, validTo: true } },
      },
    });
    // One set per distinct message, so each file keeps the sentence that says why it went.
    const sets = new Map<string, ExportExpiry & { ids: string[] }>();
    for (const row of ready) {
      const expiry = exportExpiry({ finishedAt: row.finishedAt ?? row.createdAt }, row.agreement, retentionDays, now);
      if (!expiry) continue;
      const set = sets.get(expiry.message) ?? { ...expiry, ids: [] };
      set.ids.push(row.id);
      sets.set(expiry.message, set);
    }
    // Sets in a fixed order (agreement ended, then retention), so the audit event reads the same for the same data.
    const ordered = [...sets.values()].sort((a, b) => a.reason.localeCompare(b.reason) || a.message.localeCompare(b.message));
    const toExpire: ExportsToExpire[] = ordered.map(({ ids, reason, message }) => ({ where: { id: { in: ids } }, reason, message }));
    const expired = await this.prisma.$transaction((tx) =>
      expireExports(tx, this.audit, toExpire, { entityType: 'partner-export', detail: { retentionDays } }),
    );
    await context.reportProgress(100, `Expired ${expired.length} partner files`);
    return { expired: expired.length };
  }
}
