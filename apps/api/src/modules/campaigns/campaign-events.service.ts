import type { ImportMode } from '@crosslane/contracts';
import { BadRequestException, Injectable } from '@nestjs/common';
import {
  CAMPAIGN_EVENT_TYPES,
  type CampaignEventsResult,
  type CampaignEventTypeDto,
  CALENDAR_DATE_RULE,
  parseCalendarDate,
} from '@crosslane/contracts';
import { Prisma } from '@crosslane/db';
import { PrismaService } from '../../core/database/prisma.service';

export interface ParsedEvent {
  eventId: string;
  memberKey: string;
  type: CampaignEventTypeDto;
  value: number | null;
  occurredAt: Date;
}

export interface RowProblem {
  index: number;
  field: string;
  message: string;
}

const MAX_ID = 200;

/**
 * Checks one raw event, naming the row (`label`, e.g. "events[3]" or "row 12")
 * and the field. Pure, so the endpoint and the CSV import share it.
 */
export function parseCampaignEvent(raw: unknown, index: number, label: string): { event?: ParsedEvent; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const fail = (field: string, message: string) => problems.push({ index, field, message: `${label}.${field} ${message}` });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problems: [{ index, field: '', message: `${label} must be an object` }] };
  }
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!['eventId', 'memberKey', 'type', 'value', 'occurredAt'].includes(key)) fail(key, 'is not a known field');
  }
  const eventId = typeof r.eventId === 'string' ? r.eventId.trim() : '';
  if (!eventId || eventId.length > MAX_ID) fail('eventId', `must be a non-empty string of at most ${MAX_ID} characters`);
  const memberKey = typeof r.memberKey === 'string' ? r.memberKey.trim() : '';
  if (!memberKey || memberKey.length > MAX_ID) fail('memberKey', 'must be a non-empty string');
  const type = r.type as CampaignEventTypeDto;
  if (!CAMPAIGN_EVENT_TYPES.includes(type)) fail('type', `must be one of ${CAMPAIGN_EVENT_TYPES.join(', ')}`);
  let value: number | null = null;
  if (r.value !== undefined && r.value !== null && r.value !== '') {
    value = typeof r.value === 'number' ? r.value : Number(r.value);
    if (!Number.isFinite(value)) fail('value', 'must be a number');
  }
  if (type === 'REVENUE' && value === null) fail('value', 'is required for a REVENUE event');
  if (type === 'REVENUE' && value !== null && value < 0) fail('value', 'must be >= 0 for a REVENUE event');
  const occurredAt = (typeof r.occurredAt === 'string' && parseCalendarDate(r.occurredAt)) || new Date(NaN);
  if (Number.isNaN(occurredAt.getTime())) fail('occurredAt', CALENDAR_DATE_RULE);
  if (problems.length > 0) return { problems };
  return { event: { eventId, memberKey, type, value, occurredAt }, problems };
}

/**
 * Stores campaign events idempotently by eventId (re-sending changes
 * nothing) in one transaction per batch, and logs exposures once per member.
 */
@Injectable()
export class CampaignEventsService {
  constructor(private readonly prisma: PrismaService) {}

  /** Validates a JSON batch; all-or-nothing unless mode is keep-good-rows, when good rows are stored and bad ones reported. */
  async ingestBatch(campaignId: string, body: unknown, mode: ImportMode): Promise<CampaignEventsResult> {
    const raw = Array.isArray(body)
      ? body
      : body && typeof body === 'object' && Array.isArray((body as { events?: unknown }).events)
        ? (body as { events: unknown[] }).events
        : null;
    if (!raw)
      throw new BadRequestException({
        message: 'The body must be a JSON array of events (or {"events": [...]})',
        fields: [{ field: 'events', message: 'must be an array' }],
      });
    if (raw.length === 0) return { received: 0, inserted: 0, duplicates: 0, rejected: [] };
    if (raw.length > 10_000)
      throw new BadRequestException({
        message: 'At most 10,000 events per request; use the CSV import for more',
        fields: [{ field: 'events', message: 'more than 10,000' }],
      });
    const parsed: ParsedEvent[] = [];
    const rejected: RowProblem[] = [];
    raw.forEach((r, i) => {
      const { event, problems } = parseCampaignEvent(r, i, `events[${i}]`);
      if (event) parsed.push({ ...event, ...{ index: i } });
      rejected.push(...problems);
    });
    const indexed = parsed as (ParsedEvent & { index: number })[];
    const { accepted, problems } = await this.resolveMembers(campaignId, indexed, (e) => `events[${e.index}]`);
    rejected.push(...problems);
    rejected.sort((a, b) => a.index - b.index);
    if (rejected.length > 0 && mode !== 'keep-good-rows') {
      throw new BadRequestException({
        // One event with several problems is one rejected event: count events, list every problem.
        message: `Nothing was stored: ${new Set(rejected.map((p) => p.index)).size} of ${raw.length} event(s) rejected (${rejected.length} problem(s)); first: ${rejected[0].message}`,
        fields: rejected.slice(0, 100).map((p) => ({ field: `events[${p.index}]${p.field ? `.${p.field}` : ''}`, message: p.message })),
      });
    }
    const inserted = await this.prisma.$transaction((tx) => this.insert(tx, campaignId, accepted));
    return { received: raw.length, inserted, duplicates: accepted.length - inserted, rejected };
  }

  /** Maps member keys to ids of members assigned to the campaign; events of others are rejected. */
  async resolveMembers<T extends ParsedEvent & { index: number }>(
    campaignId: string,
    events: T[],
    label: (e: T) => string,
  ): Promise<{ accepted: (T & { memberId: bigint })[]; problems: RowProblem[] }> {
    const keys = [...new Set(events.map((e) => e.memberKey))];
    const rows =
      keys.length === 0
        ? []
        : await this.prisma.$queryRaw<{ memberKey: string; id: bigint; assigned: boolean }[]>`
            SELECT m."memberKey", m.id, (a."memberId" IS NOT NULL) AS assigned
            FROM member m LEFT JOIN campaign_assignment a ON a."memberId" = m.id AND a."campaignId" = ${campaignId}::uuid
            WHERE m."memberKey" = ANY(${keys}::text[])`;
    const byKey = new Map(rows.map((r) => [r.memberKey, r]));
    const accepted: (T & { memberId: bigint })[] = [];
    const problems: RowProblem[] = [];
    for (const e of events) {
      const row = byKey.get(e.memberKey);
      if (!row)
        problems.push({ index: e.index, field: 'memberKey', message: `${label(e)}.memberKey "${e.memberKey}" is not a known member` });
      else if (!row.assigned)
        problems.push({
          index: e.index,
          field: 'memberKey',
          message: `${label(e)}.memberKey "${e.memberKey}" is not assigned to this campaign`,
        });
      else accepted.push({ ...e, memberId: row.id });
    }
    return { accepted, problems };
  }

  /** Inserts within the caller's transaction; returns how many were new. */
  async insert(tx: Prisma.TransactionClient, campaignId: string, events: (ParsedEvent & { memberId: bigint })[]): Promise<number> {
    if (events.length === 0) return 0;
    const inserted = await tx.$executeRaw`
      INSERT INTO campaign_event ("eventId", "campaignId", "memberId", type, value, "occurredAt")
      SELECT e, ${campaignId}::uuid, m, t::"CampaignEventType", v, (o::timestamptz AT TIME ZONE 'UTC')
      FROM unnest(${events.map((x) => x.eventId)}::text[], ${events.map((x) => x.memberId)}::bigint[], ${events.map((x) => x.type)}::text[],
                  ${events.map((x) => x.value)}::float8[], ${events.map((x) => x.occurredAt.toISOString())}::text[]) AS x(e, m, t, v, o)
      ON CONFLICT ("campaignId", "eventId") DO NOTHING`;
    const exposures = events.filter((e) => e.type === 'EXPOSURE');
    if (exposures.length > 0) {
      await tx.$executeRaw`
        UPDATE campaign_assignment a SET "exposedAt" = x.o
        FROM (SELECT m, min(o::timestamptz AT TIME ZONE 'UTC') AS o
              FROM unnest(${exposures.map((x) => x.memberId)}::bigint[], ${exposures.map((x) => x.occurredAt.toISOString())}::text[]) AS u(m, o) GROUP BY m) x
        WHERE a."campaignId" = ${campaignId}::uuid AND a."memberId" = x.m AND a."exposedAt" IS NULL`;
    }
    return inserted;
  }
}
