import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/clock/clock';
import { fakeAudit } from '../../../core/audit/testing/fake-audit';
import type { AppConfig } from '../../../core/config/app-config';
import type { PrismaService } from '../../../core/database/prisma.service';
import type { JobContext } from '../../../core/queue/job-handler';
import { ExpirePartnerExportsJob } from './expire-partner-exports.job';

const NOW = new Date('2026-06-01T03:29:00Z');
const DAY = 86_400_000;
const agreement = (version: number, status: string, validTo = new Date('2026-12-31T00:00:00Z')) => ({
  id: `a${version}`,
  version,
  status,
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validTo,
});
const ready = (id: string, ageDays: number, a: ReturnType<typeof agreement> | null) => ({
  id,
  createdAt: new Date(NOW.getTime() - ageDays * DAY),
  finishedAt: new Date(NOW.getTime() - ageDays * DAY),
  agreement: a,
});

/** A database of READY exports: updateManyAndReturn expires the ids it is given, once. */
function fakes(rows: ReturnType<typeof ready>[]) {
  const status = new Map(rows.map((r) => [r.id, 'READY']));
  const updates: { ids: string[]; data: Record<string, unknown> }[] = [];
  const partnerExport = {
    findMany: async () => rows.filter((r) => status.get(r.id) === 'READY'),
    updateManyAndReturn: async ({
      where,
      data,
    }: {
      where: { AND: [{ id: { in: string[] } }, unknown] };
      data: Record<string, unknown>;
    }) => {
      const ids = where.AND[0].id.in.filter((id) => status.get(id) === 'READY');
      for (const id of ids) status.set(id, 'EXPIRED');
      updates.push({ ids, data });
      return ids.map((id) => ({ id }));
    },
  };
  const prisma = { partnerExport, $transaction: async (fn: (tx: unknown) => unknown) => fn({ partnerExport }) } as unknown as PrismaService;
  const { audit, entries: events } = fakeAudit();
  const config = { exportRetentionDays: 30 } as AppConfig;
  const context = { jobId: 'j1', attempt: 1, reportProgress: async () => undefined, throwIfCancelled: async () => undefined } as JobContext;
  return { job: new ExpirePartnerExportsJob(prisma, audit, config, fixedClock(NOW)), updates, events, context, status };
}

describe('ExpirePartnerExportsJob', () => {
  it('drops files past retention and files whose agreement ended, keeping each reason, in one audit event', async () => {
    const { job, updates, events, context, status } = fakes([
      ready('fresh', 2, agreement(3, 'ACTIVE')),
      ready('old', 45, agreement(3, 'ACTIVE')),
      ready('revoked', 1, agreement(2, 'REVOKED')),
      ready('ran-out', 1, agreement(1, 'ACTIVE', new Date('2026-05-01T00:00:00Z'))),
    ]);
    expect(await job.run({ retentionDays: 30 }, context, NOW)).toEqual({ expired: 3 });
    expect(status.get('fresh')).toBe('READY');
    expect(updates).toEqual([
      {
        ids: ['ran-out'],
        data: {
          status: 'EXPIRED',
          content: null,
          refusedReason: 'This export was built under agreement version 1, which expired on 2026-05-01T00:00:00.000Z: request a new export',
        },
      },
      {
        ids: ['revoked'],
        data: {
          status: 'EXPIRED',
          content: null,
          refusedReason: 'This export was built under agreement version 2, which was revoked: request a new export',
        },
      },
      {
        ids: ['old'],
        data: {
          status: 'EXPIRED',
          content: null,
          refusedReason: 'This export was deleted after the 30-day retention period: request a new export',
        },
      },
    ]);
    expect(events).toEqual([
      {
        action: 'export.expire',
        outcome: 'SUCCESS',
        actor: undefined,
        ip: undefined,
        entityType: 'partner-export',
        entityId: undefined,
        detail: {
          retentionDays: 30,
          reason: 'agreement ended and retention',
          exports: 3,
          exportIds: ['ran-out', 'revoked', 'old'],
          byReason: { 'agreement ended': ['ran-out', 'revoked'], retention: ['old'] },
        },
      },
    ]);
  });

  it('takes the configured retention when the payload names none, and records nothing when nothing expires', async () => {
    const { job, events, context } = fakes([ready('recent', 29, agreement(1, 'ACTIVE'))]);
    expect(await job.run({}, context)).toEqual({ expired: 0 }); // now from the injected clock
    expect(events).toEqual([]);
    const second = fakes([ready('older', 31, agreement(1, 'ACTIVE'))]);
    expect(await second.job.run({}, second.context, NOW)).toEqual({ expired: 1 });
    expect(second.events[0].detail).toMatchObject({ retentionDays: 30, reason: 'retention', exportIds: ['older'] });
  });
});
