import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { JobRun, JobStatus, Prisma } from '@crosslane/db';
import { PrismaService } from '../database/prisma.service';
import { deduplicationKey, JobName, QUEUE_OF_JOB, QueueName } from './queue-names';
import { isUuid } from '../http/ids';

export interface EnqueueOptions {
  requestedBy?: string | null;
  attempts?: number;
}

/**
 * The producer side of the queues. A JobRun row in Postgres is the durable
 * record the dashboard reads; the BullMQ job (same id) is the work item.
 * The row is written first, so a job is never in Redis without a record.
 */
@Injectable()
export class JobQueueService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly moduleRef: ModuleRef,
  ) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async enqueue(name: JobName, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<JobRun> {
    const dedupe = deduplicationKey(name, payload);
    const queueName = QUEUE_OF_JOB[name];
    const data = {
      id: randomUUID(),
      queue: queueName,
      name,
      payload: payload as Prisma.InputJsonValue,
      dedupeKey: dedupe ?? null,
      requestedBy: options.requestedBy ?? null,
    };
    // Two processes starting at once may both ask for the same job: the
    // advisory lock makes the check-then-insert atomic across processes.
    const { run, created } = dedupe
      ? await this.prisma.$transaction(async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${dedupe}))`;
          const existing = await tx.jobRun.findFirst({
            where: { dedupeKey: dedupe, status: { in: [JobStatus.QUEUED, JobStatus.RUNNING] } },
          });
          return existing ? { run: existing, created: false } : { run: await tx.jobRun.create({ data }), created: true };
        })
      : { run: await this.prisma.jobRun.create({ data }), created: true };
    if (created) await this.addToQueue(run, options.attempts ?? 3);
    return run;
  }

  async retry(id: string): Promise<JobRun> {
    const run = await this.find(id);
    if (run.status !== JobStatus.FAILED && run.status !== JobStatus.CANCELLED) {
      throw new ConflictException(`Only failed or cancelled jobs can be retried; this one is ${run.status}`);
    }
    const queue = this.queue(run.queue as QueueName);
    const previous = await queue.getJob(run.id);
    if (previous) await previous.remove();
    const updated = await this.prisma.jobRun.update({
      where: { id },
      data: { status: JobStatus.QUEUED, error: null, result: Prisma.DbNull, progress: 0, progressNote: 'Retry requested', cancelRequested: false, finishedAt: null },
    });
    await this.addToQueue(updated, 3);
    return updated;
  }

  /**
   * A waiting job is removed at once; a running one is flagged, and its
   * handler stops at its next checkpoint (throwIfCancelled).
   */
  async cancel(id: string): Promise<JobRun> {
    const run = await this.find(id);
    if (run.status !== JobStatus.QUEUED && run.status !== JobStatus.RUNNING) {
      throw new ConflictException(`Only queued or running jobs can be cancelled; this one is ${run.status}`);
    }
    const job = await this.queue(run.queue as QueueName).getJob(run.id);
    const state = job ? await job.getState() : 'unknown';
    if (job && (state === 'waiting' || state === 'delayed' || state === 'prioritized')) {
      await job.remove();
      return this.prisma.jobRun.update({
        where: { id },
        data: { status: JobStatus.CANCELLED, cancelRequested: true, finishedAt: new Date(), progressNote: 'Cancelled before it started' },
      });
    }
    return this.prisma.jobRun.update({ where: { id }, data: { cancelRequested: true, progressNote: 'Cancellation requested' } });
  }

  private async find(id: string): Promise<JobRun> {
    if (!isUuid(id)) throw new BadRequestException({ message: 'id must be a UUID', fields: [{ field: 'id', message: 'must be a UUID' }] });
    const run = await this.prisma.jobRun.findUnique({ where: { id } });
    if (!run) throw new NotFoundException(`No job ${id}`);
    return run;
  }

  private async addToQueue(run: JobRun, attempts: number): Promise<void> {
    await this.queue(run.queue as QueueName).add(run.name, run.payload, {
      jobId: run.id,
      attempts,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
  }
}
