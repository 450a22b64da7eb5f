import { BadRequestException, HttpException, Inject, Injectable } from '@nestjs/common';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { IMPORT_MODES, type ImportNoteDto, type ImportRejectionDto, type ImportResultDto, type JobRunDto } from '@crosslane/contracts';
import { ImportRejection, JobRun, Prisma } from '@crosslane/db';
import { IMPORT_KINDS, ImportFormat, ImportKind, PARTNER_KINDS, sniffFormat } from '@crosslane/domain-ingest';
import { AuditService } from '../../core/audit/audit.service';
import { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { findPage, mapPage, type Page } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { ListQuery, stringFilter, whereIdIn, whereInt64IdIn } from '../../core/http/list-query';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import { toJobDto } from '../../core/queue/job-run.mapper';
import { ImportMode } from './import-runner';
import { ImportFilePayload } from './jobs/import-file.job';
import { emptyUpload, uploadTooLarge } from './refused-upload';
import { UploadStore, UploadTooLargeError } from './upload-store';
import { findOr404, isUuid } from '../../core/http/ids';

const MODES: readonly ImportMode[] = IMPORT_MODES;
const FIELDS = ['kind', 'format', 'partnerId', 'mode', 'source'];

export interface ImportJobDto extends JobRunDto {
  kind: string | null;
  fileName: string | null;
  mode: string | null;
  outcome: string | null;
  accepted: number | null;
  rejected: number | null;
}

function fieldError(field: string, message: string): BadRequestException {
  return new BadRequestException({ message, fields: [{ field, message }] });
}

/** Takes uploads into the database, checks what came with them, and queues the import. */
@Injectable()
export class ImportsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly uploads: UploadStore,
    private readonly queue: JobQueueService,
    private readonly audit: AuditService,
  ) {}

  get limitBytes(): number {
    return this.config.maxUploadMb * 1024 * 1024;
  }

  tooLarge(actor: AuthenticatedAccount, ip: string | null, declared: number | null): HttpException {
    void this.audit
      .record({
        action: 'import.upload',
        outcome: 'DENIED',
        actor,
        ip,
        detail: { reason: 'too large', limitMb: this.config.maxUploadMb, declaredBytes: declared },
      })
      .catch(() => undefined);
    return uploadTooLarge(this.config.maxUploadMb, 'CROSSLANE_MAX_UPLOAD_MB');
  }

  /** Reads a multipart request: fields, and one file streamed into a large object as it arrives. */
  async receive(request: FastifyRequest, actor: AuthenticatedAccount, ip: string | null): Promise<JobRunDto> {
    const declared = Number(request.headers['content-length']);
    // A declared size over the limit is refused before a byte is read.
    if (Number.isFinite(declared) && declared > this.limitBytes + 1024 * 1024) throw this.tooLarge(actor, ip, declared);
    const fields: Record<string, string> = {};
    let upload: { oid: number; bytes: number; fileName: string } | null = null;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const file = part as MultipartFile;
          if (upload) throw fieldError('file', 'send one file per import');
          try {
            const stored = await this.uploads.save(file.file, this.limitBytes, () => file.file.truncated);
            upload = { ...stored, fileName: file.filename };
          } catch (error) {
            if (error instanceof UploadTooLargeError || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
              throw this.tooLarge(actor, ip, null);
            throw error;
          }
        } else {
          if (!FIELDS.includes(part.fieldname))
            throw fieldError(part.fieldname, `${part.fieldname} is not a known field; expected file, ${FIELDS.join(', ')}`);
          fields[part.fieldname] = String((part as { value: unknown }).value ?? '');
        }
      }
      return await this.enqueue(fields, upload, actor, ip);
    } catch (error) {
      if (upload) await this.uploads.remove(upload.oid);
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw this.tooLarge(actor, ip, null);
      if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw fieldError('file', 'send the file as multipart/form-data');
      throw error;
    }
  }

  /** The JSON form: { kind: 'online-retail', source: 'dataset', mode? }, no upload. */
  async fromJson(body: unknown, actor: AuthenticatedAccount, ip: string | null): Promise<JobRunDto> {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw fieldError('source', 'send a multipart upload, or JSON {"kind":"online-retail","source":"dataset"}');
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(body)) {
      if (!FIELDS.includes(key)) throw fieldError(key, `${key} is not a known field; expected ${FIELDS.join(', ')}`);
      fields[key] = String(value);
    }
    return this.enqueue(fields, null, actor, ip);
  }

  private async enqueue(
    fields: Record<string, string>,
    upload: { oid: number; bytes: number; fileName: string } | null,
    actor: AuthenticatedAccount,
    ip: string | null,
  ): Promise<JobRunDto> {
    const kind = fields.kind as ImportKind;
    if (!IMPORT_KINDS.includes(kind)) throw fieldError('kind', `kind must be one of ${IMPORT_KINDS.join(', ')}`);
    const mode = (fields.mode || (fields.source === 'dataset' ? 'keep-good-rows' : 'all-or-nothing')) as ImportMode;
    if (!MODES.includes(mode)) throw fieldError('mode', `mode must be one of ${MODES.join(', ')}`);
    const source = fields.source || 'upload';
    if (source !== 'upload' && source !== 'dataset') throw fieldError('source', 'source must be upload or dataset');
    let partnerId: string | null = fields.partnerId || null;
    if (PARTNER_KINDS.includes(kind)) {
      if (!partnerId) throw fieldError('partnerId', `partnerId is required for a ${kind} import`);
      const exists = isUuid(partnerId) ? await this.prisma.partner.findUnique({ where: { id: partnerId }, select: { id: true } }) : null;
      if (!exists) throw fieldError('partnerId', `no partner ${partnerId}`);
    } else if (partnerId) {
      throw fieldError('partnerId', `partnerId applies only to ${PARTNER_KINDS.join(', ')} imports`);
    }
    partnerId = partnerId ?? null;

    let payload: ImportFilePayload;
    if (source === 'dataset') {
      if (kind !== 'online-retail') throw fieldError('source', 'source dataset is only for kind online-retail');
      if (upload) throw fieldError('file', 'a dataset import takes no file');
      payload = {
        kind,
        format: 'csv',
        mode,
        partnerId: null,
        fileName: 'online_retail.csv.gz',
        gzip: true,
        source: 'dataset',
        actor: { id: actor.id, email: actor.email, role: actor.role },
      };
    } else {
      if (!upload) throw fieldError('file', 'file is required (multipart field "file")');
      if (upload.bytes === 0) throw emptyUpload(upload.fileName);
      const format = sniffFormat(fields.format || undefined, upload.fileName);
      if (!format)
        throw fieldError(
          'format',
          fields.format
            ? 'format must be csv or json'
            : `format cannot be told from the name "${upload.fileName}": send format csv or json`,
        );
      payload = {
        kind,
        format,
        mode,
        partnerId,
        fileName: upload.fileName,
        gzip: upload.fileName.toLowerCase().endsWith('.gz'),
        source: 'upload',
        oid: upload.oid,
        bytes: upload.bytes,
        actor: { id: actor.id, email: actor.email, role: actor.role },
      };
    }
    const run = await this.queue.enqueue(JobName.ImportFile, payload, {
      requestedBy: actor.id,
      attempts: 3,
    });
    await this.audit.record({
      action: 'import.request',
      outcome: 'SUCCESS',
      actor,
      ip,
      entityType: 'job',
      entityId: run.id,
      detail: { kind, mode, source, fileName: payload.fileName, bytes: payload.bytes ?? null, partnerId },
    });
    return toJobDto(run);
  }

  async list(query: ListQuery): Promise<Page<ImportJobDto>> {
    const kind = stringFilter(query.filter, 'kind');
    const where: Prisma.JobRunWhereInput = {
      ...whereIdIn(query),
      name: JobName.ImportFile,
      ...(kind ? { payload: { path: ['kind'], equals: kind } } : {}),
    };
    const status = stringFilter(query.filter, 'status');
    if (status) where.status = status as JobRun['status'];
    return mapPage(await findPage(this.prisma, this.prisma.jobRun, query, where), toImportJobDto);
  }

  async get(id: string): Promise<ImportJobDto> {
    const run = await findOr404(id, 'import', async (uuid) => {
      const row = await this.prisma.jobRun.findUnique({ where: { id: uuid } });
      return row?.name === JobName.ImportFile ? row : null;
    });
    return toImportJobDto(run);
  }

  async rejections(jobId: string, query: ListQuery): Promise<Page<ImportRejectionDto>> {
    await this.get(jobId);
    const field = stringFilter(query.filter, 'field');
    const reason = stringFilter(query.filter, 'reason');
    const where: Prisma.ImportRejectionWhereInput = {
      ...whereInt64IdIn(query),
      jobId,
      ...(field ? { field } : {}),
      ...(reason ? { reason } : {}),
    };
    return mapPage(await findPage(this.prisma, this.prisma.importRejection, query, where), toRejectionDto);
  }

  /** Accepted rows written with a note (a consent kept as stored), by row number. */
  async notes(jobId: string, query: ListQuery): Promise<Page<ImportNoteDto>> {
    await this.get(jobId);
    const where: Prisma.ImportNoteWhereInput = { jobId };
    const page = await findPage(this.prisma, this.prisma.importNote, query, where);
    return mapPage(page, (r) => ({ id: String(r.id), jobId: r.jobId, rowNumber: r.rowNumber, field: r.field, note: r.note }));
  }

  /** Every rejection of a job as CSV lines, read in pages so a long report never sits in memory whole. */
  async *rejectionsCsv(jobId: string): AsyncGenerator<string> {
    await this.get(jobId);
    yield 'rowNumber,field,reason,value\n';
    let after = BigInt(0);
    for (;;) {
      const page = await this.prisma.importRejection.findMany({ where: { jobId, id: { gt: after } }, orderBy: { id: 'asc' }, take: 5_000 });
      if (!page.length) return;
      yield page.map((r) => [String(r.rowNumber), r.field ?? '', r.reason, r.value ?? ''].map(csvCell).join(',')).join('\n') + '\n';
      after = page[page.length - 1].id;
    }
  }
}

/** A refused row as every import's rejection list answers it (file imports here, campaign imports in campaigns). */
export function toRejectionDto(r: ImportRejection): ImportRejectionDto {
  return { id: String(r.id), jobId: r.jobId, rowNumber: r.rowNumber, field: r.field, reason: r.reason, value: r.value };
}

function csvCell(value: string): string {
  // A leading =, +, - or @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toImportJobDto(run: JobRun): ImportJobDto {
  const payload = (run.payload ?? {}) as Partial<ImportFilePayload>;
  const result = (run.result ?? null) as Partial<ImportResultDto> | null;
  return {
    ...toJobDto(run),
    payload: { ...payload, actor: undefined },
    kind: payload.kind ?? null,
    fileName: payload.fileName ?? null,
    mode: payload.mode ?? null,
    outcome: result?.outcome ?? null,
    accepted: result?.accepted ?? null,
    rejected: result?.rejected ?? null,
  };
}

export type { ImportFormat };
