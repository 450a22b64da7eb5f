import { Inject } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ImportResultDto, Role } from '@crosslane/contracts';
import { CONSENT_FLAG_FIELDS, CONSENT_FLAGS, consentBulkRule, describeConsentCounts } from '@crosslane/domain-ingest';
import { AuditService } from '../../../core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../../../core/config/app-config';
import { IdentityService } from '../../../core/identity/identity.service';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { ImportPool } from '../import-pool.service';
import { ImportRunner, type ImportFileSpec } from '../import-runner';
import { auditRefusedFile } from '../refused-file-audit';
import { UploadStore } from '../upload-store';

export interface ImportFilePayload extends ImportFileSpec {
  /** upload: the file is a large object in PostgreSQL; dataset: the Online Retail file from the datasets folder. */
  source: 'upload' | 'dataset';
  oid?: number;
  bytes?: number;
  /** Who asked; the role (from the request) decides which consents a members file may turn on. */
  actor?: { id: string; email: string; role?: Role } | null;
}

/** Where the Online Retail file lives under the datasets folder. */
export const ONLINE_RETAIL_FILE = path.join('online_retail', 'online_retail.csv.gz');
/** The namespace of the shop's CustomerIDs in the keyed hash (a constant, so member keys do not depend on a database's partner id). */
const ONLINE_RETAIL_NAMESPACE = 'uci-online-retail';

/**
 * Imports one file. Idempotent: the import runs in one transaction that a
 * killed worker leaves rolled back, the upload stays in the database until
 * the import completes, and every write is keyed (ON CONFLICT), so a retry
 * or a re-run of the same file reaches the same state.
 */
/**
 * The import runner the job uses: the import pool, and IdentityService's
 * keyed hashes for each kind (a shop's CustomerIDs in their own namespace).
 * Provided by ImportsJobsModule, so the job's spec can give it a fake.
 */
export function importRunnerFor(db: ImportPool, identity: IdentityService): ImportRunner {
  return new ImportRunner(db.pool, (kind, partnerId) => ({
    hashEmail: (raw) => identity.hashEmail(raw),
    hashPhone: (raw) => identity.hashPhone(raw),
    hashCustomerNumber: (raw) =>
      identity.hashCustomerNumber(kind === 'online-retail' ? ONLINE_RETAIL_NAMESPACE : (partnerId ?? 'none'), raw),
    hashMemberKey: (memberKey) => identity.memberKeySuppressionHash(memberKey),
    pseudonymFor: (partnerId, memberKey) => identity.pseudonymFor(partnerId, memberKey),
  }));
}

@JobHandler(JobName.ImportFile)
export class ImportFileJob implements JobRunner<JobName.ImportFile> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'datasetsDir'>,
    private readonly runner: ImportRunner,
    private readonly uploads: UploadStore,
    private readonly audit: AuditService,
  ) {}

  async run(payload: ImportFilePayload, context: JobContext): Promise<ImportResultDto> {
    let input: Readable;
    let totalBytes: number;
    if (payload.source === 'dataset') {
      const file = path.join(this.config.datasetsDir, ONLINE_RETAIL_FILE);
      if (!fs.existsSync(file))
        throw new UnrecoverableError(
          `The Online Retail dataset is not at ${file}: it ships in the repository's datasets/ folder; set CROSSLANE_DATASETS_DIR if it lives elsewhere`,
        );
      totalBytes = fs.statSync(file).size;
      input = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
    } else {
      if (!payload.oid || !(await this.uploads.exists(payload.oid))) {
        throw new UnrecoverableError(
          'The uploaded file is no longer stored (it is removed once its import has completed): upload it again',
        );
      }
      totalBytes = payload.bytes ?? 0;
      input = this.uploads.open(payload.oid);
    }
    await context.reportProgress(1, 'Reading the file');
    const { result } = await this.runner.run(
      {
        jobId: context.jobId,
        kind: payload.kind,
        format: payload.format,
        mode: payload.mode,
        partnerId: payload.partnerId,
        fileName: payload.fileName,
        gzip: payload.gzip,
        totalBytes,
        actor: payload.actor ? { id: payload.actor.id, email: payload.actor.email, role: payload.actor.role ?? null } : null,
      },
      input,
      { progress: (p, note) => context.reportProgress(p, note), throwIfCancelled: () => context.throwIfCancelled() },
    );
    if (payload.source === 'upload' && payload.oid) await this.uploads.remove(payload.oid);
    if (result.fileRefusal) {
      // Refused as a whole: the entry every import pipeline records for that.
      await auditRefusedFile(this.audit, {
        jobId: context.jobId,
        actor: payload.actor ?? null,
        kind: result.kind,
        fileName: result.fileName,
        report: result,
      });
      return result;
    }
    await this.audit.record({
      action: 'import.run',
      outcome: result.outcome === 'IMPORTED' ? 'SUCCESS' : 'FAILURE',
      actor: payload.actor ?? null,
      entityType: 'job',
      entityId: context.jobId,
      detail: {
        kind: result.kind,
        mode: result.mode,
        fileName: result.fileName,
        rowsRead: result.rowsRead,
        accepted: result.accepted,
        rejected: result.rejected,
        inserted: result.inserted,
        fileError: result.fileError,
      },
    });
    if (result.consent) await this.auditConsent(payload, context.jobId, result);
    return result;
  }

  /**
   * A members import's consent moves, per flag, with who asked and in what
   * role; the rows whose consent was kept as stored get a DENIED event of
   * their own, so refusals are found the way every other refusal is.
   */
  private async auditConsent(payload: ImportFilePayload, jobId: string, result: ImportResultDto): Promise<void> {
    const consent = result.consent!;
    const base = { actor: payload.actor ?? null, entityType: 'job' as const, entityId: jobId };
    const role = payload.actor?.role ?? null;
    await this.audit.record({
      ...base,
      action: 'consent.import',
      outcome: 'SUCCESS',
      detail: { source: 'IMPORT', role, fileName: result.fileName, summary: describeConsentCounts(consent), ...consent },
    });
    const kept = CONSENT_FLAGS.filter((flag) => consent[CONSENT_FLAG_FIELDS[flag]].keptOff > 0);
    if (kept.length) {
      await this.audit.record({
        ...base,
        action: 'consent.import',
        outcome: 'DENIED',
        detail: {
          source: 'IMPORT',
          role,
          fileName: result.fileName,
          rules: kept.map(consentBulkRule),
          keptOff: Object.fromEntries(kept.map((flag) => [CONSENT_FLAG_FIELDS[flag], consent[CONSENT_FLAG_FIELDS[flag]].keptOff])),
        },
      });
    }
  }
}
