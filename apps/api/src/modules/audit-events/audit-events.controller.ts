import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { AuditEventDto } from '@crosslane/contracts';
import { AuditEvent, Prisma } from '@crosslane/db';
import {} from '../../core/auth/auth.decorators';
import { SignedInController } from '../../core/http/route.decorators';
import { findPage, mapPage } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { dateFilter, enumFilter, ListEndpoint, ListPage, ListRequest, stringFilter, whereInt64IdIn } from '../../core/http/list-query';
import { findByInt64IdOr404 } from '../../core/http/ids';

const OUTCOMES = ['SUCCESS', 'FAILURE', 'DENIED'] as const;

const AUDIT_LIST: ListEndpoint = {
  resource: 'audit-events',
  sortable: ['occurredAt', 'action', 'actorEmail', 'outcome'],
  defaultSort: ['occurredAt', 'desc'],
  filters: {
    id: 'int64',
    fields: { action: 'text', actorEmail: 'text', outcome: OUTCOMES, entityType: 'text', entityId: 'text', from: 'date', to: 'date' },
  },
};

/** Read-only by design: the log has no write endpoint at all. */
@SignedInController('audit-events', 'audit', ['ADMIN'])
export class AuditEventsController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  @ApiOperation({ summary: 'The audit log (filter {action, actorEmail, outcome, entityType, entityId, from, to})' })
  async list(@ListRequest(AUDIT_LIST) page: ListPage): Promise<AuditEventDto[]> {
    const { query } = page;
    const action = stringFilter(query.filter, 'action');
    const actorEmail = stringFilter(query.filter, 'actorEmail');
    const from = dateFilter(query.filter, 'from');
    const to = dateFilter(query.filter, 'to');
    const where: Prisma.AuditEventWhereInput = {
      ...whereInt64IdIn(query),
      action: action ? { startsWith: action } : undefined,
      actorEmail: actorEmail ? { contains: actorEmail, mode: 'insensitive' } : undefined,
      outcome: enumFilter(query.filter, 'outcome', OUTCOMES),
      entityType: stringFilter(query.filter, 'entityType'),
      entityId: stringFilter(query.filter, 'entityId'),
      occurredAt: from || to ? { gte: from, lte: to } : undefined,
    };
    const events = await findPage(this.prisma, this.prisma.auditEvent, query, where, { tieBreak: 'sort-order' });
    return page.answer(mapPage(events, toAuditDto));
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<AuditEventDto> {
    return toAuditDto(await findByInt64IdOr404(id, 'audit event', (n) => this.prisma.auditEvent.findUnique({ where: { id: n } })));
  }
}

function toAuditDto(row: AuditEvent): AuditEventDto {
  return {
    id: row.id.toString(),
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    outcome: row.outcome as AuditEventDto['outcome'],
    detail: row.detail,
    ip: row.ip,
  };
}
