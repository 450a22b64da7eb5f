import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Readable } from 'node:stream';
import type { ImportMode, ImportResultDto, RejectedRow } from '@crosslane/contracts';
import { NO_DATA_ROWS, refusedFileReport, type ImportFormat, type ImportKind } from '@crosslane/domain-ingest';
import { FileRefusal, readRecords } from './record-source';
import { copyLine, ImportActor, ImportHasher, ImportWriter, WriteCounts } from './writers/import-writer';
import { writerFor } from './writers/writer-for';
import { ChunkHandoff } from './chunk-handoff';

export type { ImportMode };

/** What a file to import is, the same in the import-file job's payload and in the request the runner is handed. */
export interface ImportFileSpec {
  kind: ImportKind;
  format: ImportFormat;
  mode: ImportMode;
  partnerId: string | null;
  fileName: string | null;
  gzip: boolean;
}

export interface ImportRequest extends ImportFileSpec {
  jobId: string;
  /** Bytes of the input as stored (for progress); 0 if unknown. */
  totalBytes: number;
  /** Who asked: decides which consents a members file may turn on, and signs the consent history. */
  actor?: ImportActor | null;
}

export interface ImportHooks {
  progress(percent: number, note: string): Promise<void>;
  throwIfCancelled(): Promise<void>;
}

const CHECKPOINT_ROWS = 5_000;
/** Rows parsed between two turns of the event loop (a few milliseconds of work). */
const YIELD_ROWS = 500;
const COPY_BATCH_CHARS = 256 * 1024;
/** Rows per staged chunk: small enough that the last chunk's write (not overlapped with parsing) is short, large enough that per-chunk statements cost little. */
const CHUNK_ROWS = 100_000;

export interface ImportRunnerOptions {
  /** Rows per staged chunk (CHUNK_ROWS); tests make it small to cross chunk boundaries. */
  chunkRows?: number;
}

/**
 * The import path, without Nest: one transaction per file. Rows are
 * validated as they stream in and copied (COPY FROM STDIN), a chunk at a
 * time, into a temporary staging table; checks that need stored data run
 * set-based on the staging table; then one INSERT ... SELECT per target
 * table writes the rows, keyed, so a re-run adds nothing. A writer that
 * writes in chunks (interactions) checks and writes each chunk while the
 * next is parsed; the others once the whole file is staged.
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
    private readonly hasherFor: (kind: ImportKind, partnerId: string | null) => ImportHasher,
    private readonly options: ImportRunnerOptions = {},
  ) {}

  async run(request: ImportRequest, input: Readable, hooks: ImportHooks): Promise<{ result: ImportResultDto; rejections: RejectedRow[] }> {
    const writer = writerFor(request.kind, {
      partnerId: request.partnerId,
      hasher: this.hasherFor(request.kind, request.partnerId),
      jobId: request.jobId,
      actor: request.actor ?? null,
    });
    const client = await this.pool.connect();
    let open = false;
    try {
      // The staging table lives in local buffers (8 MB by default): larger ones keep a big file's staging in memory.
      // PostgreSQL accepts this only before the session's first temporary table, so a reused connection keeps what it had.
      await client.query(`SET temp_buffers = '256MB'`).catch(() => undefined);
      await client.query('BEGIN');
      open = true;
      await client.query(`SET LOCAL work_mem = '64MB'`);
      await client.query(
        `CREATE TEMP TABLE import_staging (row int NOT NULL, ${writer.staging.map(([n, t]) => `${n} ${t}`).join(', ')}) ON COMMIT DROP`,
      );
      const loaded = await this.load(client, writer, request, input, hooks);
      const rejections = loaded.rejections;
      let fileError = loaded.fileError;
      if (!fileError && loaded.rowsRead === 0) fileError = { ...NO_DATA_ROWS, value: null };
      let refusedByChecks: RejectedRow[] = [];
      if (!fileError && !writer.writesInChunks) {
        await hooks.progress(92, 'Checking references');
        refusedByChecks = await this.check(client, writer, true);
        rejections.push(...refusedByChecks);
      }
      const rejectedRows = new Set(rejections.map((r) => r.rowNumber));
      rejections.sort((a, b) => a.rowNumber - b.rowNumber);
      const refused = fileError !== null || (request.mode === 'all-or-nothing' && rejections.length > 0);
      let counts: WriteCounts = loaded.counts;
      if (refused) {
        // Undoes the chunks already written too: the import is one transaction.
        await client.query('ROLLBACK');
        open = false;
        await client.query('BEGIN');
        open = true;
        counts = { inserted: 0, updated: 0 };
      } else if (!writer.writesInChunks) {
        await hooks.throwIfCancelled();
        await hooks.progress(95, 'Writing');
        counts = await this.writeStaged(client, writer, refusedByChecks.length > 0);
      }
      const stored = fileError ? [fileError] : rejections;
      await saveRejections(client, request.jobId, stored);
      await client.query('COMMIT');
      open = false;

      const accepted = refused ? 0 : loaded.rowsRead - rejectedRows.size;
      const byReason: Record<string, number> = {};
      const seenRow = new Set<number>();
      for (const r of stored) {
        if (seenRow.has(r.rowNumber)) continue;
        seenRow.add(r.rowNumber);
        byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
      }
      // A file refused as a whole is reported by the one builder every import pipeline uses.
      if (fileError) {
        const refusal = { rowNumber: fileError.rowNumber, field: fileError.field, reason: fileError.reason };
        const report = refusedFileReport(refusal, loaded.rowsRead);
        return {
          result: { kind: request.kind, mode: request.mode, fileName: request.fileName, updated: 0, ...report },
          rejections: stored,
        };
      }
      const result: ImportResultDto = {
        kind: request.kind,
        mode: request.mode,
        outcome: refused ? 'REJECTED' : 'IMPORTED',
        fileName: request.fileName,
        rowsRead: loaded.rowsRead,
        accepted,
        rejected: rejectedRows.size,
        inserted: counts.inserted,
        updated: counts.updated,
        unchanged: refused ? 0 : Math.max(0, accepted - counts.inserted - counts.updated - (counts.suppressed ?? 0)),
        rejectionsByReason: byReason,
        fileError: null,
        ...(counts.consent ? { consent: counts.consent, notes: counts.notes ?? 0 } : {}),
        ...(counts.suppressed !== undefined
          ? { suppressed: refused ? 0 : counts.suppressed, notes: refused ? 0 : (counts.notes ?? 0) }
          : {}),
        ...(counts.extra ? { extra: counts.extra } : {}),
      };
      return { result, rejections: stored };
    } finally {
      if (open) await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }

  /**
   * Parses the file and stages it in chunks. The parser (JavaScript, this
   * process) fills the next chunk while the database copies and, for a
   * writer that writes in chunks, checks and writes the previous one: the
   * two sides overlap on two cores instead of taking turns. Rows that fail
   * validation never reach staging; every good row does, in either mode,
   * so the reference checks report every bad row of the file, not just the
   * first. Duplicates are caught across the whole file (firstRowOf).
   */
  private async load(client: PoolClient, writer: ImportWriter, request: ImportRequest, input: Readable, hooks: ImportHooks) {
    const columns = ['row', ...writer.staging.map(([n]) => n)].join(', ');
    const rejections: RejectedRow[] = [];
    const counts: WriteCounts = { inserted: 0, updated: 0 };
    let fileError: RejectedRow | null = null;
    const handoff = new ChunkHandoff<string[]>(1);
    const chunkRowsMax = this.options.chunkRows ?? CHUNK_ROWS;

    let analysed = false;
    const consume = async () => {
      for (let chunk = await handoff.take(); chunk !== null && !fileError; chunk = await handoff.take()) {
        await copyInto(client, columns, chunk);
        if (!writer.writesInChunks) continue;
        // Every chunk has the same shape: the statistics of the first serve the rest (TRUNCATE keeps them).
        const refusedRows = await this.check(client, writer, !analysed);
        analysed = true;
        rejections.push(...refusedRows);
        // In all-or-nothing mode one bad row refuses the file: later chunks are still checked, for the report, but no longer written.
        if (request.mode === 'keep-good-rows' || rejections.length === 0) {
          await hooks.throwIfCancelled();
          const written = await this.writeStaged(client, writer, refusedRows.length > 0);
          counts.inserted += written.inserted;
          counts.updated += written.updated;
          if (written.suppressed !== undefined) {
            counts.suppressed = (counts.suppressed ?? 0) + written.suppressed;
            counts.notes = (counts.notes ?? 0) + (written.notes ?? 0);
          }
        }
        await client.query('TRUNCATE import_staging');
      }
    };
    // Settled into a value at once, so a database error waits here for the parser without being an unhandled rejection.
    const consumer = consume().then(
      () => null,
      (error: unknown) => {
        handoff.fail(error);
        return { error };
      },
    );

    const firstRowOf = new Map<string, number>();
    let rowsRead = 0;
    let bytesRead = 0;
    let chunk: string[] = [];
    let chunkRows = 0;
    let buffer = '';
    try {
      const records = readRecords(input, request.format, writer.columns, { gzip: request.gzip, onBytes: (n) => (bytesRead += n) });
      for await (const item of records) {
        rowsRead++;
        // Records come through promise callbacks that never let the event loop poll: without a pause now and then, the
        // database side's socket writes and query results would wait for the parser, and PostgreSQL would sit idle.
        if (rowsRead % YIELD_ROWS === 0) await new Promise<void>((resolve) => setImmediate(resolve));
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
          for (const p of result.problems)
            rejections.push({ rowNumber: item.rowNumber, field: p.field, reason: p.reason, value: p.value ?? null });
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
        if (buffer.length >= COPY_BATCH_CHARS) {
          chunk.push(buffer);
          buffer = '';
        }
        if (++chunkRows >= chunkRowsMax) {
          if (buffer) chunk.push(buffer);
          await handoff.put(chunk);
          [chunk, chunkRows, buffer] = [[], 0, ''];
        }
      }
      if (buffer) chunk.push(buffer);
      if (chunk.length) await handoff.put(chunk);
    } catch (error) {
      if (!(error instanceof FileRefusal)) {
        handoff.fail(error);
        await consumer;
        throw error;
      }
      fileError = { rowNumber: error.rowNumber, field: error.field, reason: error.message, value: null };
    }
    handoff.close();
    const failed = await consumer;
    if (failed) throw failed.error;
    await hooks.progress(90, `Read ${rowsRead.toLocaleString('en')} rows`);
    return { rowsRead, rejections, fileError, counts };
  }

  /** The checks against stored data, set-based over what is staged. */
  private async check(client: PoolClient, writer: ImportWriter, analyse: boolean): Promise<RejectedRow[]> {
    // Temporary tables are never analysed automatically: without statistics the planner guesses a few rows and picks nested loops.
    if (analyse) await client.query('ANALYZE import_staging');
    const rejections: RejectedRow[] = [];
    for (const check of writer.checks) {
      const { rows } = await client.query<{ row: number; value: string | null }>(
        `SELECT s.row, (${check.value})::text AS value FROM import_staging s WHERE ${check.where} ORDER BY s.row`,
      );
      for (const r of rows) rejections.push({ rowNumber: r.row, field: check.field, reason: check.reason, value: r.value });
    }
    return rejections;
  }

  /** Leaves out the rows the checks refused (when they refused any: each DELETE is another anti-join), then writes the rest. */
  private async writeStaged(client: PoolClient, writer: ImportWriter, anyRefused: boolean): Promise<WriteCounts> {
    if (anyRefused) for (const check of writer.checks) await client.query(`DELETE FROM import_staging s WHERE ${check.where}`);
    return writer.write(client);
  }
}

async function copyInto(client: PoolClient, columns: string, chunk: string[]): Promise<void> {
  const copy = client.query(copyFrom(`COPY import_staging (${columns}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    copy.on('finish', resolve);
    copy.on('error', reject);
  });
  // The chunk is already in memory: handed over in one write, the socket sends it without waiting on this
  // thread, which is busy parsing the next chunk (waiting for 'drain' here made PostgreSQL wait for the parser).
  copy.end(chunk.join(''));
  await done;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function saveRejections(client: PoolClient, jobId: string, rejections: RejectedRow[]): Promise<void> {
  await client.query('DELETE FROM import_rejection WHERE "jobId" = $1', [jobId]);
  for (let start = 0; start < rejections.length; start += 20_000) {
    const chunk = rejections.slice(start, start + 20_000);
    await client.query(
      `INSERT INTO import_rejection ("jobId", "rowNumber", field, reason, value) SELECT $1::uuid, r, f, re, v FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS x(r, f, re, v)`,
      [jobId, chunk.map((r) => r.rowNumber), chunk.map((r) => r.field), chunk.map((r) => r.reason), chunk.map((r) => r.value)],
    );
  }
}
