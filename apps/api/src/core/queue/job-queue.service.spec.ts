import type { ModuleRef } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import type { JobRun } from '@crosslane/db';
import type { PrismaService } from '../database/prisma.service';
import { ServiceAvailabilityService } from '../database/service-availability.service';
import { JobQueueService, WAITING_FOR_REDIS_NOTE } from './job-queue.service';
import { JobName } from './queue-names';

/** job_run rows in memory: only what JobQueueService asks of Prisma. */
function fakePrisma(rows: JobRun[]) {
  const find = (id: string) => rows.find((row) => row.id === id)!;
  return {
    jobRun: {
      create: async ({ data }: { data: Partial<JobRun> }) => {
        const row = { status: 'QUEUED', progressNote: null, createdAt: new Date(1_000 + rows.length), ...data } as JobRun;
        rows.push(row);
        return row;
      },
      update: async ({ where, data }: { where: { id: string }; data: Partial<JobRun> }) => Object.assign(find(where.id), data),
      updateMany: async ({ where, data }: { where: { id: string; progressNote: string }; data: Partial<JobRun> }) => {
        const row = find(where.id);
        if (row.progressNote === where.progressNote) Object.assign(row, data);
        return { count: 1 };
      },
      findMany: async ({ where }: { where: { status: string; OR?: unknown } }) =>
        where.OR ? [] : rows.filter((row) => row.status === where.status),
    },
  } as unknown as PrismaService;
}

/** A BullMQ queue whose Redis is away until `redisBack()`; adding an existing id is a no-op, as in BullMQ. */
function fakeQueue() {
  const jobs = new Map<string, string>();
  let down = true;
  const queue = {
    on: () => queue,
    add: async (name: string, _payload: unknown, options: { jobId: string }) => {
      if (down) throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
      if (!jobs.has(options.jobId)) jobs.set(options.jobId, name);
    },
  };
  return { queue, jobs, redisBack: () => (down = false) };
}

describe('JobQueueService while Redis is away', () => {
  it('keeps a requested job as its job_run row and adds it, once, when Redis is back', async () => {
    const rows: JobRun[] = [];
    const { queue, jobs, redisBack } = fakeQueue();
    const availability = new ServiceAvailabilityService();
    const service = new JobQueueService(fakePrisma(rows), { get: () => queue } as unknown as ModuleRef, availability);

    const run = await service.enqueue(JobName.AnalyseCampaign, { campaignId: 'campaign-1' }, { requestedBy: 'manager-1' });
    expect(run).toMatchObject({ status: 'QUEUED', progressNote: WAITING_FOR_REDIS_NOTE, requestedBy: 'manager-1' });
    expect(rows).toHaveLength(1);
    expect(jobs.size).toBe(0);
    expect(availability.isDown('redis')).toBe(true);

    redisBack();
    expect(await service.addPendingJobs()).toBe(1);
    expect(await service.addPendingJobs()).toBe(1); // a second catch-up (another process) adds nothing new
    expect([...jobs]).toEqual([[run.id, JobName.AnalyseCampaign]]);
    expect(rows[0].progressNote).toBe('Queued');
    service.onModuleDestroy();
  });

  it('lets any other error of the queue through: the request fails as before', async () => {
    const rows: JobRun[] = [];
    const queue = { on: () => queue, add: async () => Promise.reject(new Error('ERR Error running script')) };
    const service = new JobQueueService(fakePrisma(rows), { get: () => queue } as unknown as ModuleRef, new ServiceAvailabilityService());
    await expect(service.enqueue(JobName.AnalyseCampaign, { campaignId: 'campaign-1' })).rejects.toThrow('ERR Error running script');
    service.onModuleDestroy();
  });
});
