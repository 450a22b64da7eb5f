import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import type { ImportResultDto } from '@crosslane/contracts';
import type { IdentifierHasher, ImportFormat, ImportKind } from '@crosslane/domain-ingest';
import { FileRefusal, readRecords } from './record-source';
import { copyLine, ImportWriter, WriteCounts } from './writers/import-writer';
import { writerFor } from './writers/writer-for';

export type ImportMode = 'all-or-nothing' | 'keep-good-rows';

export interface ImportRequest {
  jobId: string;
  kind: ImportKind;
  format: ImportFormat;
  mode: ImportMode;
  partnerId: string | null;
  fileName: string | null;
  gzip: boolean;
  /** Bytes of the input as stored (for progress); 0 if unknown. */
  totalBytes: number;
}

export interface ImportHooks {
  progress(percent: number, note: string): Promise<void>;
  throwIfCancelled(): Promise<void>;
}

export interface Rejection {
  rowNumber: number;
  field: string | null;
  reason: string;
  value: string | null;
}

const CHECKPOINT_ROWS = 5_000;
const COPY_BATCH_CHARS = 256 * 1024;

/**
 * The import path, without Nest: one transaction per file. Rows are
 * validated as they stream in and copied (COPY FROM STDIN) into a
 * temporary staging table; checks that need stored data run set-based on
 * the staging table; then one INSERT ... SELECT ... ON CONFLICT per target
 * table writes the rows, so a re-run adds nothing.
 *
 * All-or-nothing: one bad row and the transaction rolls back, the database
 * is as it was, and the rejections are written alone. Keep-good-rows: bad
 * rows are left out of staging (or deleted from it), the rest is written,
 * and the rejections name every row that was dropped. A whole-file problem
 * (header, encoding, no rows) refuses the file in either mode.
 */
export class ImportRunner {
  constructor(
    private readonly pool: Pool,
    private readonly hasherFor: (kind: ImportKind, partnerId: string | null) => IdentifierHasher,
  ) {}

  async run(request: ImportRequest, input: Readable, hooks: ImportHooks): Promise<{ result: ImportResultDto; rejections: Rejection[] }> {
    const writer = writerFor(request.kind, { partnerId: request.partnerId, hasher: this.hasherFor(request.kind, request.partnerId) });
    const client = await this.pool.connect();
    let open = false;
    try {
      // The staging table lives in local buffers (8 MB by default): larger ones keep a big file's staging in memory.
      // PostgreSQL accepts this only before the session's first temporary table, so a reused connection keeps what it had.
      await client.query(`SET temp_buffers = '256MB'`).catch(() => undefined);
      await client.query('BEGIN');
      open = true;
      await client.query(`SET LOCAL work_mem = '64MB'`);
      await client.query(`CREATE TEMP TABLE import_staging (row int NOT NULL, ${writer.staging.map(([n, t]) => `${n} ${t}`).join(', ')}) ON COMMIT DROP`);
      const parsed = await this.stage(client, writer, request, input, hooks);
      const rejections = parsed.rejections;
      const rejectedRows = new Set(rejections.map((r) => r.rowNumber));
      let fileError = parsed.fileError;
      if (!fileError && parsed.rowsRead === 0) fileError = { rowNumber: 1, field: null, reason: 'the file has a header but no data rows', value: null };

      if (!fileError) {
        await hooks.progress(92, 'Checking references');
        // Temporary tables are never analysed automatically: without statistics the planner guesses a few rows and picks nested loops.
        await client.query('ANALYZE import_staging');
        for (const check of writer.checks) {
          const { rows } = await client.query<{ row: number; value: string | null }>(`SELECT s.row, (${check.value})::text AS value FROM import_staging s WHERE ${check.where} ORDER BY s.row`);
          for (const r of rows) {
            rejections.push({ rowNumber: r.row, field: check.field, reason: check.reason, value: r.value });
            rejectedRows.add(r.row);
          }
        }
      }
      rejections.sort((a, b) => a.rowNumber - b.rowNumber);
      const refused = fileError !== null || (request.mode === 'all-or-nothing' && rejections.length > 0);
      let counts: WriteCounts = { inserted: 0, updated: 0 };
      if (refused) {
        await client.query('ROLLBACK');
        open = false;
        await client.query('BEGIN');
        open = true;
      } else {
        await hooks.throwIfCancelled();
        for (const check of writer.checks) await client.query(`DELETE FROM import_staging s WHERE ${check.where}`);
        await hooks.progress(95, 'Writing');
        counts = await writer.write(client);
      }
      const stored = fileError ? [fileError] : rejections;
      await saveRejections(client, request.jobId, stored);
      await client.query('COMMIT');
      open = false;

      const accepted = refused ? 0 : parsed.rowsRead - rejectedRows.size;
      const byReason: Record<string, number> = {};
      const seenRow = new Set<number>();
      for (const r of stored) {
        if (seenRow.has(r.rowNumber)) continue;
        seenRow.add(r.rowNumber);
        byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
      }
      const result: ImportResultDto = {
        kind: request.kind,
        mode: request.mode,
        outcome: refused ? 'REJECTED' : 'IMPORTED',
        fileName: request.fileName,
        rowsRead: parsed.rowsRead,
        accepted,
        rejected: fileError ? parsed.rowsRead : rejectedRows.size,
        inserted: counts.inserted,
        updated: counts.updated,
        unchanged: refused ? 0 : Math.max(0, accepted - counts.inserted - counts.updated),
        rejectionsByReason: byReason,
        fileError: fileError?.reason ?? null,
        ...(counts.extra ? { extra: counts.extra } : {}),
      };
      return { result, rejections: stored };
    } finally {
      if (open) await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }

  private async stage(client: PoolClient, writer: ImportWriter, request: ImportRequest, input: Readable, hooks: ImportHooks) {
    const columns = ['row', ...writer.staging.map(([n]) => n)].join(', ');
    const copy = client.query(copyFrom(`COPY import_staging (${columns}) FROM STDIN`));
    const copyDone = new Promise<void>((resolve, reject) => {
      copy.on('finish', resolve);
      copy.on('error', reject);
    });
    const rejections: Rejection[] = [];
    const firstRowOf = new Map<string, number>();
    let rowsRead = 0;
    let bytesRead = 0;
    let buffer = '';
    let fileError: Rejection | null = null;
    const flush = async () => {
      if (!buffer) return;
      const ok = copy.write(buffer);
      buffer = '';
      if (!ok) await once(copy, 'drain');
    };
    // Every good row is staged, in either mode, so the reference checks can report every bad row of the file, not just the first.
    try {
      const records = readRecords(input, request.format, writer.columns, { gzip: request.gzip, onBytes: (n) => (bytesRead += n) });
      for await (const item of records) {
        rowsRead++;
        if (rowsRead % CHECKPOINT_ROWS === 0) {
          await hooks.throwIfCancelled();
          const share = request.totalBytes > 0 ? Math.min(1, bytesRead / request.totalBytes) : 0;
          await hooks.progress(90 * share, `Read ${rowsRead.toLocaleString('en')} rows (${mb(bytesRead)} of ${mb(request.totalBytes)})`);
        }
        if (item.problem) {
          rejections.push({ rowNumber: item.rowNumber, field: item.problem.field, reason: item.problem.reason, value: null });
          continue;
        }
        const result = writer.validate(item.record);
        if (!result.ok) {
          for (const p of result.problems) rejections.push({ rowNumber: item.rowNumber, field: p.field, reason: p.reason, value: p.value ?? null });
          continue;
        }
        const key = writer.key(result.row);
        const first = firstRowOf.get(key);
        if (first !== undefined) {
          rejections.push({ rowNumber: item.rowNumber, field: writer.keyField, reason: writer.duplicateReason(first, key), value: null });
          continue;
        }
        firstRowOf.set(key, item.rowNumber);
        writer.accept?.(result.row);
        buffer += copyLine([item.rowNumber, ...writer.toCopy(result.row)]);
        if (buffer.length >= COPY_BATCH_CHARS) await flush();
      }
      await flush();
    } catch (error) {
      if (!(error instanceof FileRefusal)) {
        copy.destroy();
        await copyDone.catch(() => undefined);
        throw error;
      }
      fileError = { rowNumber: error.rowNumber, field: error.field, reason: error.message, value: null };
    }
    copy.end();
    await copyDone;
    await hooks.progress(90, `Read ${rowsRead.toLocaleString('en')} rows`);
    return { rowsRead, rejections, fileError };
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function saveRejections(client: PoolClient, jobId: string, rejections: Rejection[]): Promise<void> {
  await client.query('DELETE FROM import_rejection WHERE "jobId" = $1', [jobId]);
  for (let start = 0; start < rejections.length; start += 20_000) {
    const chunk = rejections.slice(start, start + 20_000);
    await client.query(
      `INSERT INTO import_rejection ("jobId", "rowNumber", field, reason, value) SELECT $1::uuid, r, f, re, v FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS x(r, f, re, v)`,
      [jobId, chunk.map((r) => r.rowNumber), chunk.map((r) => r.field), chunk.map((r) => r.reason), chunk.map((r) => r.value)],
    );
  }
}
