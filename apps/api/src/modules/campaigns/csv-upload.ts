import { BadRequestException, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { PrismaService } from '../../core/database/prisma.service';

/** Upper bound of one uploaded CSV. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const CHUNK = 1024 * 1024;

interface FastifyLike {
  hasContentTypeParser(type: string): boolean;
  addContentTypeParser(
    type: string,
    fn: (req: unknown, payload: Readable, done: (err: Error | null, body?: unknown) => void) => void,
  ): void;
}

/**
 * Lets `Content-Type: text/csv` bodies through as a stream (the JSON body
 * limit does not apply), so an upload can be copied to the database as it arrives.
 */
export function registerCsvBodies(instance: FastifyLike): void {
  if (instance.hasContentTypeParser('text/csv')) return;
  instance.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));
}

/**
 * Campaign CSV uploads live in PostgreSQL as large objects, written 1 MB at
 * a time while the request streams in and read back the same way: no
 * process holds a whole file, and the worker that parses it may run on
 * another machine than the API that took it. The job unlinks it when done.
 */
@Injectable()
export class CampaignUploadStore {
  constructor(private readonly prisma: PrismaService) {}

  /** Stores a text/csv request body; answers the large object's oid. */
  async save(body: unknown): Promise<{ oid: number; bytes: number }> {
    const stream = body as Readable | undefined;
    if (!stream || typeof (stream as { pipe?: unknown }).pipe !== 'function') {
      throw new BadRequestException({
        message: 'Send the file as the request body with Content-Type: text/csv',
        fields: [{ field: 'file', message: 'missing' }],
      });
    }
    const [{ oid }] = await this.prisma.$queryRaw<{ oid: number }[]>`SELECT lo_create(0)::bigint AS oid`;
    const id = Number(oid);
    let bytes = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const chunk = Buffer.concat(pending, pendingBytes);
      await this.prisma.$executeRaw`SELECT lo_put(${id}::oid, ${bytes - pendingBytes}::bigint, ${chunk})`;
      pending = [];
      pendingBytes = 0;
    };
    try {
      for await (const piece of stream as AsyncIterable<Buffer>) {
        bytes += piece.length;
        if (bytes > MAX_UPLOAD_BYTES)
          throw new BadRequestException({
            message: `The file exceeds ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
            fields: [{ field: 'file', message: 'too large' }],
          });
        pending.push(piece);
        pendingBytes += piece.length;
        if (pendingBytes >= CHUNK) await flush();
      }
      await flush();
      if (bytes === 0)
        throw new BadRequestException({ message: 'The uploaded file is empty', fields: [{ field: 'file', message: 'empty' }] });
      return { oid: id, bytes };
    } catch (error) {
      await this.remove(id);
      throw error;
    }
  }

  /** The stored file as a stream of 1 MB chunks, read on demand. */
  open(oid: number): Readable {
    const prisma = this.prisma;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let offset = 0; ; offset += CHUNK) {
        const [{ data }] = await prisma.$queryRaw<
          { data: Uint8Array }[]
        >`SELECT lo_get(${oid}::oid, ${offset}::bigint, ${CHUNK}::int) AS data`;
        if (data.length > 0) yield Buffer.from(data);
        if (data.length < CHUNK) return;
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  async size(oid: number): Promise<number> {
    const [{ n }] = await this.prisma.$queryRaw<
      { n: bigint }[]
    >`SELECT COALESCE(sum(length(data)), 0)::bigint AS n FROM pg_largeobject WHERE loid = ${oid}::oid`;
    return Number(n);
  }

  async exists(oid: number): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ one: number }[]>`SELECT 1 AS one FROM pg_largeobject_metadata WHERE oid = ${oid}::oid`;
    return rows.length > 0;
  }

  async remove(oid: number): Promise<void> {
    await this.prisma.$queryRaw`SELECT lo_unlink(${oid}::oid) WHERE EXISTS (SELECT 1 FROM pg_largeobject_metadata WHERE oid = ${oid}::oid)`;
  }
}
