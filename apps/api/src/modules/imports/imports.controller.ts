import { Body, HttpCode, Param, Req, Res } from '@nestjs/common';
import { JobStatus } from '@crosslane/db';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { IMPORT_KINDS } from '@crosslane/domain-ingest';
import { IMPORT_MODES, type EventsBatchResultDto, type ImportNoteDto, type ImportRejectionDto, type JobRunDto } from '@crosslane/contracts';
import { AuditService } from '../../core/audit/audit.service';
import { Actor, ALL_ROLES, EDITORS, RequestActor } from '../../core/auth/auth.decorators';
import { ListEndpoint, ListPage, ListRequest } from '../../core/http/list-query';
import { GetRoute, PostRoute, SignedInController } from '../../core/http/route.decorators';
import { EventsService } from './events.service';
import { ImportJobDto, ImportsService } from './imports.service';

const IMPORT_LIST: ListEndpoint = {
  resource: 'imports',
  sortable: ['createdAt', 'finishedAt', 'status', 'progress'],
  defaultSort: ['createdAt', 'desc'],
  filters: { id: 'uuid', fields: { kind: 'text', status: Object.values(JobStatus) } },
};

const REJECTION_LIST: ListEndpoint = {
  resource: 'rejections',
  sortable: ['rowNumber', 'field', 'reason'],
  defaultSort: ['rowNumber', 'asc'],
  filters: { id: 'int64', fields: { field: 'text', reason: 'text' } },
};

const NOTE_LIST: ListEndpoint = {
  resource: 'notes',
  sortable: ['rowNumber', 'field'],
  defaultSort: ['rowNumber', 'asc'],
  filters: { id: null, fields: {} },
};

@SignedInController('imports', 'imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @PostRoute(
    '',
    EDITORS,
    'Upload a file to import (multipart: file, kind, format, partnerId, mode), or import the Online Retail dataset (JSON {kind:"online-retail", source:"dataset"}); answers the queued job',
  )
  @HttpCode(202)
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
  create(@Req() request: FastifyRequest, @Actor() actor: RequestActor): Promise<JobRunDto> {
    if (request.isMultipart()) return this.imports.receive(request, actor.account, actor.ip);
    return this.imports.fromJson(request.body, actor.account, actor.ip);
  }

  @GetRoute('', ALL_ROLES, 'List import jobs, newest first (filter {kind, status})')
  list(@ListRequest(IMPORT_LIST) page: ListPage): Promise<ImportJobDto[]> {
    return page.answer(this.imports.list(page.query));
  }

  @GetRoute(':id', ALL_ROLES, 'One import job with its progress and result')
  get(@Param('id') id: string): Promise<ImportJobDto> {
    return this.imports.get(id);
  }

  @GetRoute(
    ':id/rejections',
    ALL_ROLES,
    'The rows an import refused or dropped, with row number, field and reason (simple-REST list; filter {field, reason})',
  )
  rejections(@Param('id') id: string, @ListRequest(REJECTION_LIST) page: ListPage): Promise<ImportRejectionDto[]> {
    return page.answer(this.imports.rejections(id, page.query));
  }

  @GetRoute(
    ':id/notes',
    ALL_ROLES,
    'Rows an import wrote with a note, e.g. a consent kept as stored because the importer may not turn it on (simple-REST list)',
  )
  notes(@Param('id') id: string, @ListRequest(NOTE_LIST) page: ListPage): Promise<ImportNoteDto[]> {
    return page.answer(this.imports.notes(id, page.query));
  }

  @GetRoute(':id/rejections.csv', ALL_ROLES, 'Every rejection of an import as a CSV file')
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

@SignedInController('events', 'imports')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly audit: AuditService,
  ) {}

  @PostRoute(
    'batch',
    EDITORS,
    'Record interaction events as they happen (JSON array, at most 5,000; idempotent by eventId; all or nothing per batch)',
  )
  @HttpCode(200)
  @ApiBody({ schema: { type: 'array', items: { type: 'object' } } })
  async batch(@Body() body: unknown, @Actor() { account: actor, ip }: RequestActor): Promise<EventsBatchResultDto> {
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
