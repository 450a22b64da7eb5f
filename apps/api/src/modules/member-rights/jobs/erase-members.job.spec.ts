import { describe, expect, it } from 'vitest';
import { fakeAudit } from '../../../core/audit/testing/fake-audit';
import { fixedClock } from '../../../core/clock/clock';
import type { PrismaService } from '../../../core/database/prisma.service';
import { JobCancelledError, type JobContext } from '../../../core/queue/job-handler';
import type { ErasureRepository } from '../erasure.repository';
import { EraseMembersJob } from './erase-members.job';

const ERASURE_BATCH = 500;

const REQUESTED = new Date('2026-05-01T10:00:00Z');
const DONE = new Date('2026-05-01T10:05:00Z');

/**
 * A request of `pending` members in memory: eraseBatch erases each PENDING row once
 * (as the repository's row lock and status check do), and the request
 * counts it. cancelAfter makes throwIfCancelled fire after that many pages.
 */
function fakes(pending: number, options: { cancelAfterPages?: number; now?: Date } = {}) {
  const rows = Array.from({ length: pending }, (_, i) => ({ id: BigInt(i + 1), status: 'PENDING' }));
  const request = {
    id: 'r1',
    status: 'QUEUED',
    memberCount: pending + 1,
    erased: 0,
    notFound: 1,
    requestedBy: 'a1',
    requestedByEmail: 'admin@x',
    createdAt: REQUESTED,
    completedAt: null as Date | null,
  };
  const erasedOrder: bigint[] = [];
  /** What the log scrub and each batch were called with, in order: 'scrub:<n>' (the n-th pass over every log) or the mark a batch got. */
  const logCalls: string[] = [];
  const erasureRequest = {
    findUniqueOrThrow: async () => ({ ...request }),
    update: async ({ data }: { data: Partial<typeof request> }) => Object.assign(request, data),
    updateMany: async ({ data }: { data: Partial<typeof request> }) => {
      if (request.status === 'COMPLETED') return { count: 0 };
      Object.assign(request, data);
      return { count: 1 };
    },
  };
  const prisma = {
    erasureRequest,
    $transaction: async (fn: (tx: unknown) => unknown) => fn({ erasureRequest }),
  } as unknown as PrismaService;
  const erasures = {
    pendingMembers: async (_id: string, after: bigint, take: number) =>
      rows
        .filter((r) => r.status === 'PENDING' && r.id > after)
        .slice(0, take)
        .map((r) => ({ id: r.id })),
    scrubLogsOfPending: async () => {
      const pass = logCalls.filter((c) => c.startsWith('scrub')).length + 1;
      logCalls.push(`scrub:${pass}`);
      return { since: `mark${pass}` };
    },
    eraseBatch: async (ids: bigint[], logsFrom?: { since: string }) => {
      logCalls.push(`batch from ${logsFrom?.since ?? 'every log'}`);
      const outcome = { erased: 0, gone: 0, alreadyDone: 0 };
      for (const id of ids) {
        const row = rows.find((r) => r.id === id)!;
        if (row.status !== 'PENDING') {
          outcome.alreadyDone++;
          continue;
        }
        row.status = 'ERASED';
        request.erased++;
        erasedOrder.push(id);
        outcome.erased++;
      }
      return outcome;
    },
  } as unknown as ErasureRepository;
  const { audit, entries: events } = fakeAudit();
  let pages = 0;
  const progress: string[] = [];
  const context = (jobId: string) =>
    ({
      jobId,
      attempt: 1,
      reportProgress: async (_p: number, note?: string) => void progress.push(note ?? ''),
      throwIfCancelled: async () => {
        pages++;
        if (options.cancelAfterPages !== undefined && pages === options.cancelAfterPages) throw new JobCancelledError();
      },
    }) as JobContext;
  return {
    job: new EraseMembersJob(prisma, erasures, audit, { erasureBatch: ERASURE_BATCH }, fixedClock(options.now ?? DONE)),
    request,
    rows,
    erasedOrder,
    events,
    context,
    progress,
    logCalls,
  };
}

describe('EraseMembersJob', () => {
  it('erases every pending member, completes the request and audits the completion with its counts and times', async () => {
    const { job, request, events, context, progress } = fakes(3);
    const result = await job.run({ requestId: 'r1' }, context('j1'));
    expect(result).toEqual({ requestId: 'r1', erased: 3, notFound: 1, memberCount: 4 });
    expect(request).toMatchObject({ status: 'COMPLETED', completedAt: DONE });
    expect(progress).toEqual(['Erased 3 of 3 members']);
    expect(events).toEqual([
      {
        action: 'member-rights.erasure.complete',
        outcome: 'SUCCESS',
        actor: { id: 'a1', email: 'admin@x' },
        entityType: 'erasure-request',
        entityId: 'r1',
        detail: {
          memberCount: 4,
          erased: 3,
          notFound: 1,
          jobId: 'j1',
          requestedAt: REQUESTED.toISOString(),
          completedAt: DONE.toISOString(),
        },
      },
    ]);
  });

  it('stopped after its first batch, a second run erases only the rest and reaches the same end state, audited once', async () => {
    const { job, request, erasedOrder, events, context } = fakes(700, { cancelAfterPages: 1 });
    await expect(job.run({ requestId: 'r1' }, context('j1'))).rejects.toBeInstanceOf(JobCancelledError);
    expect(request).toMatchObject({ status: 'RUNNING', erased: ERASURE_BATCH });
    expect(events).toEqual([]);
    const result = await job.run({ requestId: 'r1' }, context('j1'));
    expect(result).toEqual({ requestId: 'r1', erased: 700, notFound: 1, memberCount: 701 });
    expect(new Set(erasedOrder).size).toBe(700);
    expect(erasedOrder).toHaveLength(700);
    // A third run (a duplicate delivery) finds nothing to do and audits nothing more.
    await job.run({ requestId: 'r1' }, context('j1'));
    expect(events.map((e) => e.action)).toEqual(['member-rights.erasure.complete']);
  });

  it('reads every log once per run, before its first batch, and each batch searches only what was written after that pass', async () => {
    const { job, context, logCalls } = fakes(1_200, { cancelAfterPages: 2 });
    await expect(job.run({ requestId: 'r1' }, context('j1'))).rejects.toBeInstanceOf(JobCancelledError);
    // The retry makes its own pass (the keys still pending), then resumes.
    await job.run({ requestId: 'r1' }, context('j1'));
    expect(logCalls).toEqual(['scrub:1', 'batch from mark1', 'batch from mark1', 'scrub:2', 'batch from mark2']);
  });

  it("completes at the injected clock, and never before the request was filed when the worker's clock runs behind", async () => {
    const onTime = fakes(2);
    await onTime.job.run({ requestId: 'r1' }, onTime.context('j1'));
    expect(onTime.request.completedAt).toEqual(DONE);

    // The worker's clock reads an hour before the request's createdAt (another machine's clock): the duration is 0, not -1 h.
    const behind = fakes(2, { now: new Date(REQUESTED.getTime() - 3_600_000) });
    await behind.job.run({ requestId: 'r1' }, behind.context('j1'));
    expect(behind.request.completedAt).toEqual(REQUESTED);
    expect(behind.events[0].detail).toMatchObject({ requestedAt: REQUESTED.toISOString(), completedAt: REQUESTED.toISOString() });
  });
});
