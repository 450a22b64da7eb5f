import { BadRequestException } from '@nestjs/common';
import { Readable } from 'node:stream';
import { emptyUpload, uploadTooLarge } from '../imports/refused-upload';
import { UploadStore, UploadTooLargeError, type StoredUpload } from '../imports/upload-store';

/** Upper bound of one uploaded CSV. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

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
 * Stores a campaign CSV sent as a text/csv request body in the one upload
 * store (a PostgreSQL large object, UploadStore), answering a missing file
 * with a 400, and an empty or too large one as every upload endpoint does
 * (refused-upload.ts): 400 and 413, naming the field.
 */
export async function saveCsvBody(uploads: UploadStore, body: unknown): Promise<StoredUpload> {
  const stream = body as Readable | undefined;
  if (!stream || typeof (stream as { pipe?: unknown }).pipe !== 'function') {
    throw new BadRequestException({
      message: 'Send the file as the request body with Content-Type: text/csv',
      fields: [{ field: 'file', message: 'missing' }],
    });
  }
  let stored: StoredUpload;
  try {
    stored = await uploads.save(stream as AsyncIterable<Buffer>, MAX_UPLOAD_BYTES, () => false);
  } catch (error) {
    if (error instanceof UploadTooLargeError) throw uploadTooLarge(MAX_UPLOAD_BYTES / 1024 / 1024);
    throw error;
  }
  if (stored.bytes === 0) {
    await uploads.remove(stored.oid);
    throw emptyUpload(null);
  }
  return stored;
}
