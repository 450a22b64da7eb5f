import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ImportPool } from './import-pool.service';

export interface StoredUpload {
  /** The PostgreSQL large object holding the file. */
  oid: number;
  bytes: number;
}

const WRITE_CHUNK = 1024 * 1024;
const READ_CHUNK = 1024 * 1024;

export class UploadTooLargeError extends Error {}

/**
 * The one upload store, for file imports and campaign CSVs alike. Uploads
 * live in PostgreSQL as large objects (pg_largeobject), written
 * 1 MB at a time as the request streams in and read back the same way: no
 * process holds a whole file, and the worker that runs the import may be on
 * another machine than the API that took the upload; both only need the
 * database. The job that reads an upload unlinks it once it has completed.
 */
@Injectable()
export class UploadStore {
  constructor(private readonly db: ImportPool) {}

  async save(source: AsyncIterable<Buffer>, limitBytes: number, isTruncated: () => boolean): Promise<StoredUpload> {
    const { rows } = await this.db.pool.query<{ oid: number }>('SELECT lo_create(0) AS oid');
    const oid = Number(rows[0].oid);
    let bytes = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (!pendingBytes) return;
      const chunk = Buffer.concat(pending, pendingBytes);
      await this.db.pool.query('SELECT lo_put($1, $2, $3)', [oid, bytes - pendingBytes, chunk]);
      pending = [];
      pendingBytes = 0;
    };
    try {
      for await (const piece of source) {
        bytes += piece.length;
        if (bytes > limitBytes) throw new UploadTooLargeError();
        pending.push(piece);
        pendingBytes += piece.length;
        if (pendingBytes >= WRITE_CHUNK) await flush();
      }
      if (isTruncated()) throw new UploadTooLargeError();
      await flush();
      return { oid, bytes };
    } catch (error) {
      await this.remove(oid);
      throw error;
    }
  }

  /** The stored file as a stream of chunks, read on demand. */
  open(oid: number): Readable {
    const pool = this.db.pool;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let offset = 0; ; offset += READ_CHUNK) {
        const { rows } = await pool.query<{ data: Buffer }>('SELECT lo_get($1, $2, $3) AS data', [oid, offset, READ_CHUNK]);
        const data = rows[0].data;
        if (data.length > 0) yield data;
        if (data.length < READ_CHUNK) return;
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  /** The stored file's length in bytes, for progress over a stream. */
  async size(oid: number): Promise<number> {
    const { rows } = await this.db.pool.query<{ n: string }>(
      'SELECT COALESCE(sum(length(data)), 0)::bigint AS n FROM pg_largeobject WHERE loid = $1',
      [oid],
    );
    return Number(rows[0].n);
  }

  async exists(oid: number): Promise<boolean> {
    const { rows } = await this.db.pool.query('SELECT 1 FROM pg_largeobject_metadata WHERE oid = $1', [oid]);
    return rows.length > 0;
  }

  async remove(oid: number): Promise<void> {
    await this.db.pool.query('SELECT lo_unlink($1) WHERE EXISTS (SELECT 1 FROM pg_largeobject_metadata WHERE oid = $1)', [oid]);
  }
}
