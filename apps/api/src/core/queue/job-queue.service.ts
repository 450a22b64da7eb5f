import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { JobRun, JobStatus, Prisma } from '@crosslane/db';
import { PrismaService } from '../database/prisma.service';
import { isUuid } from '../http/ids';
import { ServiceAvailabilityService } from '../database/service-availability.service';
import { outageOf } from '../database/service-outage';
import type { JobItem, JobPayload } from './job-types';
import { ALL_QUEUES, attemptsOf, deduplicationKey, JobName, QUEUE_OF_JOB, QueueName } from './queue-names';

export const WAITING_FOR_REDIS_NOTE = 'Waiting for Redis: queued as soon as it is back';
const PENDING_RETRY_MS = 1_000;
const PENDING_BATCH = 500;

export interface EnqueueOptions {
  requestedBy?: string | null;
  attempts?: number;
}

/**
 * The producer side of the queues. A JobRun row in Postgres is the durable
 * record the dashboard reads; the BullMQ job (same id) is the work item.
 * The row is written first, so a job is never in Redis without a record.
 *
 * While Redis is away the row is still written and the request succeeds: the
 * job stays QUEUED ("Waiting for Redis") and is added to BullMQ when Redis is
 * back (`addPendingJobs`, also run at start for rows a killed process left).
 * Adding is idempotent (the BullMQ job id is the row id), so a job added
 * twice by two processes, or by a request and the catch-up, runs once.
 * While PostgreSQL is away nothing is written and the request answers 503.
 */
@Injectable()
export class JobQueueService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobQueueService.name);
  private pendingTimer?: NodeJS.Timeout;
  private addingPending?: Promise<void>;
  private closed = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly moduleRef: ModuleRef,
    private readonly availability: ServiceAvailabilityService,
  ) {}

  onApplicationBootstrap(): void {
    for (const name of ALL_QUEUES) this.queue(name).on('error', (error) => this.availability.onRedisError(error, `Queue ${name}`));
    this.availability.onBack('redis', () => this.schedulePendingJobs(0));
    this.schedulePendingJobs(0);
  }

  onModuleDestroy(): void {
    this.closed = true;
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
  }

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** `payload` is the one `JobTypes` declares for `name`: a payload of another job does not compile. */
  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<JobRun> {
    // N is one name here, so this pair is one member of the JobItem union.
    const dedupe = deduplicationKey({ name, data: payload } as JobItem);
    const queueName = QUEUE_OF_JOB[name];
    const data = {
      id: randomUUID(),
      queue: queueName,
      name,
      payload: payload as Prisma.InputJsonValue, // payloads are plain JSON by construction: they travel through Redis
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
    if (created) return this.addOrKeepPending(run, options.attempts ?? attemptsOf(name));
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
      data: {
        status: JobStatus.QUEUED,
        error: null,
        result: Prisma.DbNull,
        progress: 0,
        progressNote: 'Retry requested',
        cancelRequested: false,
        finishedAt: null,
      },
    });
    return this.addOrKeepPending(updated, attemptsOf(updated.name as JobName));
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

  /**
   * Adds every QUEUED job to BullMQ (a no-op for those already there): the
   * ones requested while Redis was away, or left by a process killed between
   * writing the row and adding the job. Returns how many it went through.
   */
  async addPendingJobs(): Promise<number> {
    let seen = 0;
    let waited = 0;
    let after: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const runs: JobRun[] = await this.prisma.jobRun.findMany({
        where: {
          status: JobStatus.QUEUED,
          ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: PENDING_BATCH,
      });
      for (const run of runs) {
        await this.addToQueue(run, attemptsOf(run.name as JobName));
        if (run.progressNote === WAITING_FOR_REDIS_NOTE) {
          waited += 1;
          await this.prisma.jobRun.updateMany({
            where: { id: run.id, progressNote: WAITING_FOR_REDIS_NOTE },
            data: { progressNote: 'Queued' },
          });
        }
      }
      seen += runs.length;
      if (runs.length < PENDING_BATCH) break;
      after = runs[runs.length - 1];
    }
    if (waited > 0) this.logger.log(`Queued ${waited} job(s) requested while Redis was away`);
    return seen;
  }

  private async addOrKeepPending(run: JobRun, attempts: number): Promise<JobRun> {
    try {
      await this.addToQueue(run, attempts);
      return run;
    } catch (error) {
      if (outageOf(error) !== 'redis') throw error;
      this.availability.noteIfOutage(error);
      const pending = await this.prisma.jobRun.update({ where: { id: run.id }, data: { progressNote: WAITING_FOR_REDIS_NOTE } });
      this.schedulePendingJobs(PENDING_RETRY_MS);
      return pending;
    }
  }

  /** Runs addPendingJobs after `delayMs`, and again every second while Redis still refuses. One run at a time. */
  private schedulePendingJobs(delayMs: number): void {
    if (this.closed || this.pendingTimer || this.addingPending) return;
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = undefined;
      this.addingPending = this.addPendingJobs()
        .then(() => undefined)
        .catch((error: unknown) => {
          if (!outageOf(error))
            this.logger.error(`Could not queue pending jobs: ${error instanceof Error ? error.message : String(error)}`);
          this.addingPending = undefined;
          this.schedulePendingJobs(PENDING_RETRY_MS);
        })
        .finally(() => {
          this.addingPending = undefined;
        });
    }, delayMs);
    this.pendingTimer.unref();
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
