import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { JobStatus } from '@crosslane/db';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { IMPORT_KINDS } from '@crosslane/domain-ingest';
import { IMPORT_MODES, type EventsBatchResultDto, type ImportNoteDto, type ImportRejectionDto, type JobRunDto } from '@crosslane/contracts';
import { AuditService } from '../../core/audit/audit.service';
import { ALL_ROLES, AuthenticatedAccount, ClientIp, CurrentAccount, Roles } from '../../core/auth/auth.decorators';
import { parseListQuery, RawListQuery, setListHeaders } from '../../core/http/list-query';
import { EventsService } from './events.service';
import { ImportJobDto, ImportsService } from './imports.service';

const IMPORT_SORTABLE = ['createdAt', 'finishedAt', 'status', 'progress'] as const;
const REJECTION_SORTABLE = ['rowNumber', 'field', 'reason'] as const;
const NOTE_SORTABLE = ['rowNumber', 'field'] as const;
const JOB_STATUSES = Object.values(JobStatus);

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(202)
  @Roles('ADMIN', 'MANAGER')
  @ApiOperation({
    summary:
      'Upload a file to import (multipart: file, kind, format, partnerId, mode), or import the Online Retail dataset (JSON {kind:"online-retail", source:"dataset"}); answers the queued job',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: { type: 'string', format: 'binary' },
        kind: {
          type: 'string',
          enum: [...IMPORT_KINDS],
        },
        format: { type: 'string', enum: ['csv', 'json'] },
        partnerId: { type: 'string', format: 'uuid' },
        mode: { type: 'string', enum: [...IMPORT_MODES] },
        source: { type: 'string', enum: ['upload', 'dataset'] },
      },
      required: ['kind'],
    },
  })
  create(@Req() request: FastifyRequest, @CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null): Promise<JobRunDto> {
    if (request.isMultipart()) return this.imports.receive(request, actor, ip);
    return this.imports.fromJson(request.body, actor, ip);
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'List import jobs, newest first (filter {kind, status})' })
  async list(
    @Query() raw: RawListQuery,
    @Res({ passthrough: true }) reply: { header(n: string, v: string): unknown },
  ): Promise<ImportJobDto[]> {
    const query = parseListQuery(raw, IMPORT_SORTABLE, ['createdAt', 'desc'], {
      id: 'uuid',
      fields: { kind: 'text', status: JOB_STATUSES },
    });
    const { rows, total } = await this.imports.list(query);
    setListHeaders(reply, 'imports', query, total);
    return rows;
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One import job with its progress and result' })
  get(@Param('id') id: string): Promise<ImportJobDto> {
    return this.imports.get(id);
  }

  @Get(':id/rejections')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'The rows an import refused or dropped, with row number, field and reason (simple-REST list; filter {field, reason})',
  })
  async rejections(
    @Param('id') id: string,
    @Query() raw: RawListQuery,
    @Res({ passthrough: true }) reply: { header(n: string, v: string): unknown },
  ): Promise<ImportRejectionDto[]> {
    const query = parseListQuery(raw, REJECTION_SORTABLE, ['rowNumber', 'asc'], { id: 'int64', fields: { field: 'text', reason: 'text' } });
    const { rows, total } = await this.imports.rejections(id, query);
    setListHeaders(reply, 'rejections', query, total);
    return rows;
  }

  @Get(':id/notes')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'Rows an import wrote with a note, e.g. a consent kept as stored because the importer may not turn it on (simple-REST list)',
  })
  async notes(
    @Param('id') id: string,
    @Query() raw: RawListQuery,
    @Res({ passthrough: true }) reply: { header(n: string, v: string): unknown },
  ): Promise<ImportNoteDto[]> {
    const query = parseListQuery(raw, NOTE_SORTABLE, ['rowNumber', 'asc'], { id: null, fields: {} });
    const { rows, total } = await this.imports.notes(id, query);
    setListHeaders(reply, 'notes', query, total);
    return rows;
  }

  @Get(':id/rejections.csv')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Every rejection of an import as a CSV file' })
  async rejectionsCsv(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const lines = this.imports.rejectionsCsv(id);
    const first = await lines.next(); // throws 404 before any header is sent
    reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="import-${id}-rejections.csv"`);
    await reply.send(
      Readable.from(
        (async function* () {
          if (!first.done) yield first.value;
          yield* lines;
        })(),
      ),
    );
  }
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly audit: AuditService,
  ) {}

  @Post('batch')
  @HttpCode(200)
  @Roles('ADMIN', 'MANAGER')
  @ApiOperation({
    summary: 'Record interaction events as they happen (JSON array, at most 5,000; idempotent by eventId; all or nothing per batch)',
  })
  @ApiBody({ schema: { type: 'array', items: { type: 'object' } } })
  async batch(
    @Body() body: unknown,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<EventsBatchResultDto> {
    try {
      const result = await this.events.ingest(body);
      await this.audit.record({ action: 'events.batch', outcome: 'SUCCESS', actor, ip, detail: { ...result } });
      return result;
    } catch (error) {
      const fields = (error as { response?: { fields?: unknown[] } }).response?.fields;
      await this.audit.record({
        action: 'events.batch',
        outcome: 'FAILURE',
        actor,
        ip,
        detail: { size: Array.isArray(body) ? body.length : null, errors: fields?.length ?? null },
      });
      throw error;
    }
  }
}
