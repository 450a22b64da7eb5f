import type { ImportMode } from '@crosslane/contracts';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import type { CampaignImportResultDto, ImportFileRefusal } from '@crosslane/contracts';
import { headerRefusal, NO_DATA_ROWS, refusedFileReport } from '@crosslane/domain-ingest';
import { AuditService } from '../../../core/audit/audit.service';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { CampaignEventImportRepository } from '../campaign-event-import.repository';
import { CampaignEventsService, parseCampaignEvent, ParsedEvent } from '../campaign-events.service';
import { auditRefusedFile } from '../../imports/refused-file-audit';
import { UploadStore } from '../../imports/upload-store';
import { FileRefusal, nulField, utf8Guard } from '../../imports/record-source';

export interface ImportCampaignEventsPayload {
  campaignId: string;
  /** The uploaded CSV: a PostgreSQL large object (see UploadStore). */
  oid: number;
  /** keep-good-rows: store good rows and report bad ones; default all-or-nothing. */
  mode?: ImportMode;
  /** The old spelling of mode keep-good-rows, read only from jobs queued before the rename. */
  partial?: boolean;
}

const modeOf = (payload: ImportCampaignEventsPayload): ImportMode =>
  payload.mode ?? (payload.partial ? 'keep-good-rows' : 'all-or-nothing');

/** Rejected all-or-nothing: nothing stored; the rollback carries no error out of the transaction but this. */
class RefusedFile extends Error {}

const BATCH = 5_000;
/** The header, checked like every import's (headerRefusal): the same wording, row and field. */
const COLUMNS = { required: ['eventId', 'memberKey', 'type', 'occurredAt'], optional: ['value'] };

/**
 * Streams a CSV of campaign events (header eventId,memberKey,type,value,occurredAt)
 * with csv-parse, never holding the file in memory, and stores it in one
 * transaction: all-or-nothing unless mode is keep-good-rows. Every rejected row is kept in
 * import_rejection with its row number (the header is row 1) and field.
 * Events are idempotent by (campaign, eventId), so a retry reaches the same state.
 * A refused file is reported as the other imports report it: the job
 * completes with outcome REJECTED and the rows counted by reason.
 */
@JobHandler(JobName.ImportCampaignEvents)
export class ImportCampaignEventsJob implements JobRunner<JobName.ImportCampaignEvents> {
  constructor(
    private readonly imports: CampaignEventImportRepository,
    private readonly events: CampaignEventsService,
    private readonly uploads: UploadStore,
    private readonly audit: AuditService,
  ) {}

  async run(payload: ImportCampaignEventsPayload, context: JobContext): Promise<CampaignImportResultDto> {
    await this.imports.clearRejections(context.jobId);
    const size = await this.uploads.size(payload.oid);
    let bytesRead = 0;
    const rejections: { rowNumber: number; field: string | null; reason: string; value: string | null }[] = [];
    let rows = 0;
    let inserted = 0;
    let accepted = 0;
    const run = async (): Promise<void> => {
      await this.imports.inTransaction(
        async (tx) => {
          const input = this.uploads.open(payload.oid);
          input.on('data', (chunk: Buffer) => (bytesRead += chunk.length));
          const parser = pipeline(
            input,
            utf8Guard(),
            parse({
              columns: (header: string[]) => checkHeader(header),
              bom: true,
              trim: true,
              skip_empty_lines: true,
              relax_column_count: false,
            }),
            () => undefined,
          );
          let batch: (ParsedEvent & { index: number })[] = [];
          const flush = async () => {
            const { accepted: ok, problems } = await this.events.resolveMembers(payload.campaignId, batch, (e) => `row ${e.index}`);
            for (const p of problems) rejections.push({ rowNumber: p.index, field: p.field, reason: p.message, value: null });
            accepted += ok.length;
            inserted += await this.events.insert(tx, payload.campaignId, ok);
            batch = [];
            await context.throwIfCancelled();
            await context.reportProgress(Math.min(95, (100 * bytesRead) / Math.max(1, size)), `${rows.toLocaleString('en')} rows read`);
          };
          for await (const record of parser as AsyncIterable<Record<string, string>>) {
            rows += 1;
            const rowNumber = rows + 1;
            const unstorable = nulField(record);
            if (unstorable) {
              rejections.push({ rowNumber, field: unstorable.field, reason: unstorable.reason, value: null });
              continue;
            }
            const { event, problems } = parseCampaignEvent(record, rowNumber, `row ${rowNumber}`);
            for (const p of problems)
              rejections.push({
                rowNumber,
                field: p.field,
                reason: p.message,
                value: p.field ? String(record[p.field] ?? '').slice(0, 200) : null,
              });
            if (event) batch.push({ ...event, index: rowNumber });
            if (batch.length >= BATCH) await flush();
          }
          if (batch.length > 0) await flush();
          if (rejections.length > 0 && modeOf(payload) !== 'keep-good-rows') throw new RefusedFile();
        },
        { timeout: 30 * 60_000, maxWait: 30_000 },
      );
    };
    let refused = false;
    let fileRefusal: ImportFileRefusal | null = null;
    try {
      await run();
      if (rows === 0) fileRefusal = NO_DATA_ROWS;
    } catch (error) {
      if (error instanceof RefusedFile) refused = true;
      else if (error instanceof FileRefusal) {
        // A header that does not fit, or not UTF-8 (found while streaming): refused as a whole, as every import refuses one.
        fileRefusal = { rowNumber: error.rowNumber, field: error.field, reason: error.message };
      } else if ((error as { code?: string }).code?.startsWith('CSV_')) {
        // The CSV itself cannot be read: a whole-file refusal too.
        fileRefusal = { rowNumber: 1, field: null, reason: `the CSV cannot be read: ${(error as Error).message}` };
      } else throw error;
    } finally {
      // Member checks run per batch, after the later rows' own checks: put every problem back in row order (the contract's promise).
      rejections.sort((x, y) => x.rowNumber - y.rowNumber);
      // The upload is read once (the job is queued with one attempt): it goes whatever the outcome.
      await this.uploads.remove(payload.oid);
      const stored = fileRefusal ? [{ ...fileRefusal, value: null }] : rejections;
      if (stored.length > 0) await this.imports.keepRejections(context.jobId, stored.slice(0, 10_000));
    }
    if (fileRefusal) {
      const result: CampaignImportResultDto = {
        kind: 'campaign-events',
        mode: modeOf(payload),
        campaignId: payload.campaignId,
        ...refusedFileReport(fileRefusal, rows),
        firstRejections: [fileRefusal.reason],
      };
      await auditRefusedFile(this.audit, { jobId: context.jobId, actor: null, kind: 'campaign-events', fileName: null, report: result });
      return result;
    }
    if (!refused && inserted > 0) await this.imports.refreshPlannerStatistics();
    const rejectedRows = new Set(rejections.map((r) => r.rowNumber)).size;
    const rejectionsByReason: Record<string, number> = {};
    const counted = new Set<number>();
    for (const r of rejections) {
      if (counted.has(r.rowNumber)) continue;
      counted.add(r.rowNumber);
      const reason = r.field ? `${r.field}: ${r.reason.replace(/^row \d+\.?\S*\s*/, '')}` : r.reason;
      rejectionsByReason[reason] = (rejectionsByReason[reason] ?? 0) + 1;
    }
    return {
      kind: 'campaign-events',
      mode: modeOf(payload),
      outcome: refused ? 'REJECTED' : 'IMPORTED',
      campaignId: payload.campaignId,
      rowsRead: rows,
      accepted: refused ? 0 : accepted,
      rejected: rejectedRows,
      inserted: refused ? 0 : inserted,
      unchanged: refused ? 0 : accepted - inserted,
      rejectionsByReason,
      fileError: null,
      firstRejections: rejections.slice(0, 20).map((r) => r.reason),
    };
  }
}

function checkHeader(header: string[]): string[] {
  const refusal = headerRefusal(header, COLUMNS);
  if (refusal) throw new FileRefusal(refusal.rowNumber, refusal.field, refusal.reason);
  return header.map((h) => h.trim());
}
