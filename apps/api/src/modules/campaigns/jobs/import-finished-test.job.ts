import { UnrecoverableError } from 'bullmq';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { CampaignImportResultDto, ImportFileRefusal } from '@crosslane/contracts';
import { NO_DATA_ROWS, refusedFileReport } from '@crosslane/domain-ingest';
import { countByReason, HILLSTROM_MAPPING, mappingMetricDefinitions, type FinishedTestMapping } from '@crosslane/domain-experiments';
import { AuditService } from '../../../core/audit/audit.service';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { auditRefusedFile } from '../../imports/refused-file-audit';
import { UploadStore } from '../../imports/upload-store';
import type { RejectedRow } from '@crosslane/contracts';
import { FinishedTestImportRepository } from '../finished-test-import.repository';
import { CollectedFile, FinishedTestImportService, MappingRefusal } from '../finished-test-import.service';
import { UnitFileRefusal } from '../unit-file';

export const HILLSTROM_CAMPAIGN_NAME = 'Hillstrom e-mail test (MineThatData 2008)';
const HILLSTROM_OBJECTIVE =
  "Kevin Hillstrom's MineThatData challenge: does a men's or women's merchandise e-mail lift visits, conversion and spend over no e-mail? Imported as a finished test.";

/** Saved mappings: a preset names the mapping (and, without an upload, the shipped file). */
export const FINISHED_TEST_PRESETS = {
  hillstrom: { mapping: HILLSTROM_MAPPING, name: HILLSTROM_CAMPAIGN_NAME, objective: HILLSTROM_OBJECTIVE },
} as const;
export type FinishedTestPreset = keyof typeof FINISHED_TEST_PRESETS;

export interface ImportFinishedTestPayload {
  /** The uploaded file (a large object, UploadStore); without it, the preset's shipped file. */
  uploadId?: number;
  preset?: FinishedTestPreset;
  mapping?: FinishedTestMapping;
  name?: string;
  objective?: string;
  mode?: 'all-or-nothing' | 'keep-good-rows';
  /** Do nothing when a campaign of this name exists (the Hillstrom shortcut). */
  onceByName?: boolean;
  requestedBy?: string | null;
}

/**
 * Imports a finished A/B test: one row per unit (the analyst's own ids,
 * never members), its arm, its metric values. The file is read and every
 * row checked first (FinishedTestImportService); then, unless
 * all-or-nothing met a refused row, one transaction creates a CONCLUDED
 * EXTERNAL campaign with its arms and named metrics and writes the units
 * in chunks. Refusals are reported like every other import: the job
 * completes with outcome REJECTED, rows and reasons in import_rejection.
 * The written table is analysed before the job ends, so the first
 * analysis plans with fresh statistics.
 */
@JobHandler(JobName.ImportFinishedTest)
export class ImportFinishedTestJob implements JobRunner<JobName.ImportFinishedTest> {
  constructor(
    private readonly repository: FinishedTestImportRepository,
    private readonly audit: AuditService,
    private readonly uploads: UploadStore,
    private readonly importer: FinishedTestImportService,
  ) {}

  async run(payload: ImportFinishedTestPayload, context: JobContext): Promise<CampaignImportResultDto> {
    const preset = payload.preset ? FINISHED_TEST_PRESETS[payload.preset] : null;
    const mapping = payload.mapping ?? preset?.mapping;
    const name = payload.name ?? preset?.name;
    const mode = payload.mode ?? 'all-or-nothing';
    if (!mapping || !name) throw new UnrecoverableError('A finished-test import needs a mapping and a campaign name (or a preset)');
    const base: CampaignImportResultDto = {
      kind: 'finished-test',
      mode,
      outcome: 'REJECTED',
      campaignId: null,
      rowsRead: 0,
      accepted: 0,
      rejected: 0,
      inserted: 0,
      unchanged: 0,
      rejectionsByReason: {},
      fileError: null,
      firstRejections: [],
    };
    try {
      if (payload.onceByName) {
        const existing = await this.repository.campaignIdByName(name);
        if (existing) return { ...base, outcome: 'IMPORTED', campaignId: existing, skipped: true };
      }
      let input: Readable;
      if (payload.uploadId !== undefined) {
        if (!(await this.uploads.exists(payload.uploadId)))
          throw new UnrecoverableError('The uploaded file is no longer stored (it is removed once imported): upload it again');
        input = this.uploads.open(payload.uploadId);
      } else {
        const file = this.importer.hillstromFile();
        if (!preset || !fs.existsSync(file)) throw new UnrecoverableError(`The Hillstrom file is not at ${file}: upload the CSV instead`);
        input = fs.createReadStream(file);
      }
      await context.reportProgress(2, 'Reading the file');
      let collected: CollectedFile;
      try {
        collected = await this.importer.collect(input, mapping, async (rows) => {
          await context.throwIfCancelled();
          await context.reportProgress(Math.min(60, 2 + rows / 10_000), `${rows.toLocaleString('en')} rows read`);
        });
      } catch (error) {
        if (error instanceof MappingRefusal || error instanceof UnitFileRefusal) {
          // A header-only file is refused with the one wording and row every import uses.
          const refusal =
            error.message === NO_DATA_ROWS.reason
              ? NO_DATA_ROWS
              : {
                  rowNumber: error instanceof MappingRefusal ? 1 : 0,
                  field: error instanceof MappingRefusal ? (error.problems[0]?.field ?? null) : null,
                  reason: error.message,
                };
          return this.refuseFile(payload, context.jobId, base, refusal, 0);
        }
        throw error;
      }
      const rejectedRows = new Set(collected.rejections.map((r) => r.rowNumber)).size;
      const report = {
        rowsRead: collected.rowsRead,
        rejected: rejectedRows,
        rejectionsByReason: countByReason(collected.rejections),
        firstRejections: collected.rejections.slice(0, 20).map((r) => r.message),
        unchanged: collected.identicalDuplicates,
      };
      await this.saveRejections(context.jobId, collected.rejections);
      const unitsPerArm: Record<string, number> = Object.fromEntries(mapping.arms.map((a) => [a.key, 0]));
      for (const u of collected.units) unitsPerArm[u.variantKey] += 1;
      if ((rejectedRows > 0 && mode === 'all-or-nothing') || collected.units.length === 0) {
        await this.record(payload, 'FAILURE', null, {
          rowsRead: report.rowsRead,
          rejected: rejectedRows,
          rejectionsByReason: report.rejectionsByReason,
        });
        return { ...base, ...report, unitsPerArm };
      }
      await context.throwIfCancelled();
      const campaignId = await this.write(payload, mapping, name, preset?.objective, collected, context);
      await this.repository.analyseUnitTable();
      await this.record(payload, 'SUCCESS', campaignId, {
        rowsRead: report.rowsRead,
        units: collected.units.length,
        rejected: rejectedRows,
        rejectionsByReason: report.rejectionsByReason,
        mapping,
      });
      return {
        ...base,
        ...report,
        outcome: 'IMPORTED',
        campaignId,
        accepted: collected.units.length + collected.identicalDuplicates,
        inserted: collected.units.length,
        unitsPerArm,
      };
    } finally {
      // The upload is read once (the job is queued with one attempt): it goes whatever the outcome.
      if (payload.uploadId !== undefined) await this.uploads.remove(payload.uploadId);
    }
  }

  private async write(
    payload: ImportFinishedTestPayload,
    mapping: FinishedTestMapping,
    name: string,
    presetObjective: string | undefined,
    collected: CollectedFile,
    context: JobContext,
  ): Promise<string> {
    const weightTotal = mapping.arms.reduce((s, a) => s + (a.weight ?? 1), 0);
    let first = Infinity;
    let last = -Infinity;
    for (const u of collected.units) {
      const t = u.exposedAt?.getTime();
      if (t === undefined) continue;
      if (t < first) first = t;
      if (t > last) last = t;
    }
    const total = collected.units.length;
    return this.repository.createCampaignWithUnits(
      {
        name,
        objective: payload.objective ?? presetObjective ?? 'A finished test imported from a file',
        metrics: mappingMetricDefinitions(mapping),
        arms: mapping.arms.map((a) => ({ key: a.key, name: a.name, isControl: a.isControl, weight: (a.weight ?? 1) / weightTotal })),
        startAt: Number.isFinite(first) ? new Date(first) : null,
        endAt: Number.isFinite(last) ? new Date(last) : null,
        createdBy: payload.requestedBy ?? null,
      },
      collected.units,
      {
        beforeChunk: () => context.throwIfCancelled(),
        afterChunk: (done) =>
          context.reportProgress(60 + (38 * done) / total, `${done.toLocaleString('en')} of ${total.toLocaleString('en')} units written`),
      },
    );
  }

  /** A file refused as a whole: the report, rejection row and audit entry every import gives one. */
  private async refuseFile(
    payload: ImportFinishedTestPayload,
    jobId: string,
    base: CampaignImportResultDto,
    refusal: ImportFileRefusal,
    rowsRead: number,
  ): Promise<CampaignImportResultDto> {
    await this.saveRejections(jobId, [{ ...refusal, value: null }]);
    const result: CampaignImportResultDto = { ...base, ...refusedFileReport(refusal, rowsRead), firstRejections: [refusal.reason] };
    const actor = payload.requestedBy ? { id: payload.requestedBy } : null;
    await auditRefusedFile(this.audit, { jobId, actor, kind: 'finished-test', fileName: null, report: result });
    return result;
  }

  private saveRejections(jobId: string, rejections: readonly RejectedRow[]): Promise<void> {
    return this.repository.replaceRejections(jobId, rejections);
  }

  private record(
    payload: ImportFinishedTestPayload,
    outcome: 'SUCCESS' | 'FAILURE',
    campaignId: string | null,
    detail: Record<string, unknown>,
  ): Promise<unknown> {
    return this.audit.record({
      action: 'campaign.import-finished-test',
      outcome,
      actor: payload.requestedBy ? { id: payload.requestedBy } : null,
      entityType: 'campaign',
      entityId: campaignId ?? undefined,
      detail: { ...detail, preset: payload.preset ?? null, source: payload.uploadId !== undefined ? 'upload' : 'shipped file' },
    });
  }
}
