import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import { JobStatus, Prisma } from '@crosslane/db';
import { APP_CONFIG, AppConfig, runsWorkers } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { redisOptionsFromUrl } from '../database/redis-options';
import { ServiceAvailabilityService } from '../database/service-availability.service';
import { outageOf } from '../database/service-outage';
import { JOB_HANDLER, JobCancelledError, JobContext, JobRunner } from './job-handler';
import type { JobItem } from './job-types';
import { ALL_QUEUES, JobName } from './queue-names';

const PROGRESS_WRITE_INTERVAL_MS = 300;
const CANCEL_CHECK_INTERVAL_MS = 1_000;
/** A job that met an outage of PostgreSQL or Redis is tried again this much later, without spending an attempt. */
const OUTAGE_RETRY_DELAY_MS = 2_000;

/**
 * The worker side: one BullMQ Worker per queue, started only in processes
 * whose role includes "worker". Handlers are discovered at start; a job name
 * without a handler, or with two, stops the process before it takes work.
 *
 * Crash safety comes from BullMQ's lock: a job whose worker dies stops
 * renewing its lock, is found stalled and handed to another worker. Handlers
 * are written to be idempotent, so the second run reaches the same result.
 */
@Injectable()
export class JobWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobWorkerService.name);
  private readonly workers: Worker[] = [];
  private handlers = new Map<string, JobRunner>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly prisma: PrismaService,
    private readonly availability: ServiceAvailabilityService,
  ) {}

  onApplicationBootstrap(): void {
    this.handlers = this.discoverHandlers();
    if (!runsWorkers(this.config)) return;
    const connection = redisOptionsFromUrl(this.config.redisUrl!);
    for (const queue of ALL_QUEUES) {
      const worker = new Worker(queue, (job, token) => this.processOrPostpone(job, token), {
        connection,
        prefix: this.config.queuePrefix,
        concurrency: this.config.workerConcurrency,
        lockDuration: this.config.jobLockMs,
        stalledInterval: this.config.jobLockMs,
        maxStalledCount: 2,
      });
      // Connection errors while Redis is away are logged once, by ServiceAvailabilityService.
      worker.on('error', (error) => this.availability.onRedisError(error, `Worker ${queue}`));
      // A job that stalled too often is failed by BullMQ without entering process(): record it.
      worker.on('failed', (job, error) => void this.recordTerminalFailure(job, error));
      this.workers.push(worker);
    }
    this.logger.log(`Working on queues ${ALL_QUEUES.join(', ')} with ${this.handlers.size} job handlers`);
  }

  async onApplicationShutdown(): Promise<void> {
    // close() waits for running jobs; a worker killed harder leaves them to the stalled-job check.
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  private discoverHandlers(): Map<string, JobRunner> {
    const found = new Map<string, JobRunner>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as JobRunner | undefined;
      if (!instance || !wrapper.metatype) continue;
      const name = Reflect.getMetadata(JOB_HANDLER, wrapper.metatype) as string | undefined;
      if (!name) continue;
      if (found.has(name)) throw new Error(`Two handlers for job "${name}"`);
      found.set(name, instance);
    }
    const missing = Object.values(JobName).filter((name) => !found.has(name));
    if (missing.length > 0) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
    return found;
  }

  /**
   * An outage is not the job's fault: the job goes back to the queue for a
   * later try, without spending one of its attempts (and without a log line
   * per job; the outage itself is logged once).
   */
  private async processOrPostpone(job: Job, token?: string): Promise<unknown> {
    try {
      return await this.process(job);
    } catch (error) {
      if (!this.availability.noteIfOutage(error) || !token) throw error;
      await job.moveToDelayed(Date.now() + OUTAGE_RETRY_DELAY_MS, token);
      throw new DelayedError();
    }
  }

  private async process(job: Job): Promise<unknown> {
    const id = job.id!;
    const handler = this.handlers.get(job.name);
    if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
    const run = await this.prisma.jobRun.findUnique({ where: { id } });
    if (!run) throw new UnrecoverableError(`Job ${id} has no JobRun record`);
    // Finished, but BullMQ never heard (Redis went away between the two writes): do not run it twice.
    if (run.status === JobStatus.COMPLETED) return run.result;
    if (run.cancelRequested) {
      await this.finish(id, JobStatus.CANCELLED, { progressNote: 'Cancelled before it started' });
      return { cancelled: true };
    }
    await this.prisma.jobRun.update({
      where: { id },
      data: { status: JobStatus.RUNNING, startedAt: new Date(), attempts: { increment: 1 }, error: null, progressNote: 'Started' },
    });
    const context = this.contextFor(job);
    try {
      // The one place a payload is trusted: it was written by enqueue(), typed by the same JobTypes row as this handler.
      const result = await handler.run(job.data as JobItem['data'] as never, context);
      await this.finish(id, JobStatus.COMPLETED, { progress: 100, progressNote: 'Done', result: toJson(result) });
      return result;
    } catch (error) {
      if (outageOf(error)) throw error; // processOrPostpone puts it back; the row stays RUNNING until it runs again
      if (error instanceof JobCancelledError) {
        await this.finish(id, JobStatus.CANCELLED, { progressNote: 'Cancelled while running' });
        throw new UnrecoverableError(error.message);
      }
      // A message may quote the file (a header with a NUL byte): escape what PostgreSQL cannot store, or the failure itself fails to save.
      const message = storableText(error instanceof Error ? error.message : String(error));
      const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.error(`Job ${job.name} ${id} failed (attempt ${job.attemptsMade + 1}): ${message}`);
      if (final) await this.finish(id, JobStatus.FAILED, { error: message, progressNote: 'Failed' });
      else
        await this.prisma.jobRun.update({ where: { id }, data: { status: JobStatus.QUEUED, error: message, progressNote: 'Will retry' } });
      throw error;
    }
  }

  private async recordTerminalFailure(job: Job | undefined, error: Error): Promise<void> {
    if (!job?.id || !job.finishedOn) return;
    await this.prisma.jobRun
      .updateMany({
        where: { id: job.id, status: { in: [JobStatus.QUEUED, JobStatus.RUNNING] } },
        data: { status: JobStatus.FAILED, error: storableText(error.message), finishedAt: new Date(), progressNote: 'Failed' },
      })
      .catch((e: Error) => this.logger.error(`Could not record failure of ${job.id}: ${e.message}`));
  }

  private contextFor(job: Job): JobContext {
    const id = job.id!;
    let lastWrite = 0;
    let lastCancelCheck = 0;
    return {
      jobId: id,
      attempt: job.attemptsMade + 1,
      reportProgress: async (percent, note) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_WRITE_INTERVAL_MS && percent < 100) return;
        lastWrite = now;
        const progress = Math.max(0, Math.min(100, percent));
        await job.updateProgress(progress);
        await this.prisma.jobRun.update({ where: { id }, data: { progress, progressNote: note ?? null } });
      },
      throwIfCancelled: async () => {
        const now = Date.now();
        if (now - lastCancelCheck < CANCEL_CHECK_INTERVAL_MS) return;
        lastCancelCheck = now;
        const run = await this.prisma.jobRun.findUnique({ where: { id }, select: { cancelRequested: true } });
        if (run?.cancelRequested) throw new JobCancelledError();
      },
    };
  }

  private async finish(id: string, status: JobStatus, data: Prisma.JobRunUpdateInput): Promise<void> {
    await this.prisma.jobRun.update({ where: { id }, data: { ...data, status, finishedAt: new Date() } });
  }
}

function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? null, (_key, v) => (typeof v === 'bigint' ? Number(v) : v)));
}

function storableText(text: string): string {
  return text.split('\u0000').join('\\u0000');
}
