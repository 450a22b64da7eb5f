import { BadRequestException, Injectable } from '@nestjs/common';
import type { EventsBatchResultDto } from '@crosslane/contracts';
import { InteractionRow, validateInteractionRow } from '@crosslane/domain-ingest';
import { PrismaService } from '../../core/database/prisma.service';
import { IdentityService } from '../../core/identity/identity.service';

export const MAX_BATCH = 5_000;
const KNOWN = new Set(['eventId', 'memberKey', 'itemKey', 'type', 'occurredAt', 'weight', 'amount', 'source']);

interface FieldError {
  field: string;
  message: string;
}

/**
 * Interaction events as they happen. A batch is checked whole (every bad
 * event named by its index and field) and then written at once; an eventId
 * already stored is skipped, so a client may resend a batch after a timeout.
 * Events of an erased member (a suppressed key, suppressed_member_key) are
 * left out and reported by index, never stored, as imports do: the key is
 * not an error of the client's, and the member must not come back.
 */
@Injectable()
export class EventsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly identity: IdentityService,
  ) {}

  async ingest(body: unknown): Promise<EventsBatchResultDto> {
    if (!Array.isArray(body))
      throw new BadRequestException({
        message: 'The body must be a JSON array of events',
        fields: [{ field: 'body', message: 'must be a JSON array' }],
      });
    if (body.length === 0)
      throw new BadRequestException({
        message: 'The batch is empty',
        fields: [{ field: 'body', message: 'must hold at least one event' }],
      });
    if (body.length > MAX_BATCH)
      throw new BadRequestException({
        message: `A batch holds at most ${MAX_BATCH} events; got ${body.length}`,
        fields: [{ field: 'body', message: `at most ${MAX_BATCH} events` }],
      });
    const errors: FieldError[] = [];
    const rows: InteractionRow[] = [];
    const firstIndex = new Map<string, number>();
    body.forEach((event, i) => {
      if (!event || typeof event !== 'object' || Array.isArray(event)) {
        errors.push({ field: `[${i}]`, message: `[${i}] must be an object` });
        return;
      }
      for (const key of Object.keys(event))
        if (!KNOWN.has(key)) errors.push({ field: `[${i}].${key}`, message: `[${i}].${key} is not a known field` });
      if (event.eventId === undefined || event.eventId === null || event.eventId === '')
        errors.push({ field: `[${i}].eventId`, message: `[${i}].eventId is required` });
      const result = validateInteractionRow(event, 'api');
      if (!result.ok) {
        for (const p of result.problems) errors.push({ field: `[${i}].${p.field}`, message: `[${i}].${p.field} ${p.reason}` });
        return;
      }
      const first = firstIndex.get(result.row.eventId);
      if (first !== undefined) errors.push({ field: `[${i}].eventId`, message: `[${i}].eventId repeats [${first}].eventId` });
      else firstIndex.set(result.row.eventId, i);
      rows.push(Object.assign(result.row, { index: i }));
    });
    const suppressedIndexes: number[] = [];
    if (rows.length) {
      // Checked before "unknown member": an erased member is unknown too, but the answer must say suppressed.
      const hashOf = new Map([...new Set(rows.map((r) => r.memberKey))].map((k) => [k, this.identity.memberKeySuppressionHash(k)]));
      const suppressed = new Set(
        (
          await this.prisma.suppressedMemberKey.findMany({ where: { keyHash: { in: [...hashOf.values()] } }, select: { keyHash: true } })
        ).map((s) => s.keyHash),
      );
      if (suppressed.size > 0) {
        const kept = (rows as (InteractionRow & { index: number })[]).filter((r) => {
          if (!suppressed.has(hashOf.get(r.memberKey)!)) return true;
          suppressedIndexes.push(r.index);
          return false;
        });
        rows.splice(0, rows.length, ...kept);
      }
    }
    if (!rows.length && suppressedIndexes.length && !errors.length)
      return { received: body.length, inserted: 0, duplicates: 0, suppressed: suppressedIndexes };
    if (rows.length) {
      const members = new Map(
        (
          await this.prisma.member.findMany({
            where: { memberKey: { in: [...new Set(rows.map((r) => r.memberKey))] } },
            select: { id: true, memberKey: true },
          })
        ).map((m) => [m.memberKey, m.id]),
      );
      const items = new Map(
        (
          await this.prisma.item.findMany({
            where: { externalKey: { in: [...new Set(rows.map((r) => r.itemKey))] } },
            select: { id: true, externalKey: true },
          })
        ).map((m) => [m.externalKey, m.id]),
      );
      for (const row of rows as (InteractionRow & { index: number })[]) {
        if (!members.has(row.memberKey))
          errors.push({ field: `[${row.index}].memberKey`, message: `[${row.index}].memberKey unknown member "${row.memberKey}"` });
        if (!items.has(row.itemKey))
          errors.push({ field: `[${row.index}].itemKey`, message: `[${row.index}].itemKey unknown item "${row.itemKey}"` });
      }
      if (!errors.length) {
        const inserted = await this.prisma.$executeRaw`
          INSERT INTO interaction ("eventId", "memberId", "itemId", type, weight, amount, "occurredAt", source)
          SELECT e, m, i, t::"InteractionType", w, a, (o::timestamptz AT TIME ZONE 'UTC'), s
          FROM unnest(${rows.map((r) => r.eventId)}::text[], ${rows.map((r) => members.get(r.memberKey)!)}::bigint[], ${rows.map((r) => items.get(r.itemKey)!)}::bigint[],
                      ${rows.map((r) => r.type)}::text[], ${rows.map((r) => r.weight)}::float8[], ${rows.map((r) => r.amount)}::numeric[],
                      ${rows.map((r) => r.occurredAt.toISOString())}::text[], ${rows.map((r) => r.source)}::text[]) AS x(e, m, i, t, w, a, o, s)
          ON CONFLICT ("eventId") DO NOTHING`;
        return { received: body.length, inserted, duplicates: rows.length - inserted, suppressed: suppressedIndexes };
      }
    }
    errors.sort((a, b) => indexOf(a.field) - indexOf(b.field));
    throw new BadRequestException({
      message: `Invalid events (nothing was stored): ${errors
        .slice(0, 10)
        .map((e) => e.message)
        .join('; ')}${errors.length > 10 ? `; and ${errors.length - 10} more` : ''}`,
      fields: errors,
    });
  }
}

function indexOf(field: string): number {
  return Number(/^\[(\d+)\]/.exec(field)?.[1] ?? 0);
}
