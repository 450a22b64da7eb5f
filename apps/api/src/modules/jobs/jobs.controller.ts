import { HttpCode, Param } from '@nestjs/common';
import {} from '@nestjs/swagger';
import type { JobRunDto } from '@crosslane/contracts';
import { JobStatus, Prisma, type JobRun } from '@crosslane/db';
import { AuditService } from '../../core/audit/audit.service';
import { Actor, ALL_ROLES, EDITORS, RequestActor } from '../../core/auth/auth.decorators';
import { findPage, mapPage } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { enumFilter, ListEndpoint, ListPage, ListRequest, stringFilter, whereIdIn } from '../../core/http/list-query';
import { GetRoute, PostRoute, SignedInController } from '../../core/http/route.decorators';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { toJobDto } from '../../core/queue/job-run.mapper';
import { findOr404 } from '../../core/http/ids';

const STATUSES = Object.values(JobStatus);

const JOB_LIST: ListEndpoint = {
  resource: 'jobs',
  sortable: ['createdAt', 'startedAt', 'finishedAt', 'name', 'status', 'queue', 'progress'],
  defaultSort: ['createdAt', 'desc'],
  filters: { id: 'uuid', fields: { status: STATUSES, name: 'text', queue: 'text' } },
};

@SignedInController('jobs', 'jobs')
export class JobsController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: JobQueueService,
    private readonly audit: AuditService,
  ) {}

  @GetRoute('', ALL_ROLES, 'List jobs, newest first (filter {status, name, queue})')
  async list(@ListRequest(JOB_LIST) page: ListPage): Promise<JobRunDto[]> {
    const { query } = page;
    const where: Prisma.JobRunWhereInput = {
      ...whereIdIn(query),
      status: enumFilter(query.filter, 'status', STATUSES),
      name: stringFilter(query.filter, 'name'),
      queue: stringFilter(query.filter, 'queue'),
    };
    return page.answer(mapPage(await findPage(this.prisma, this.prisma.jobRun, query, where), toJobDto));
  }

  @GetRoute(':id', ALL_ROLES, 'One job with its progress, result or error')
  async get(@Param('id') id: string): Promise<JobRunDto> {
    return toJobDto(await findOr404(id, 'job', (uuid) => this.prisma.jobRun.findUnique({ where: { id: uuid } })));
  }

  @PostRoute(':id/retry', EDITORS, 'Run a failed or cancelled job again')
  @HttpCode(200)
  retry(@Param('id') id: string, @Actor() actor: RequestActor): Promise<JobRunDto> {
    return this.audited('job.retry', this.queue.retry(id), id, actor);
  }

  @PostRoute(':id/cancel', EDITORS, 'Cancel a queued job, or ask a running one to stop at its next checkpoint')
  @HttpCode(200)
  cancel(@Param('id') id: string, @Actor() actor: RequestActor): Promise<JobRunDto> {
    return this.audited('job.cancel', this.queue.cancel(id), id, actor);
  }

  /** A person's action on a job, recorded with the job's name once the queue has done it (a refused one throws first and is not recorded). */
  private async audited(
    action: 'job.retry' | 'job.cancel',
    done: Promise<JobRun>,
    id: string,
    { account: actor, ip }: RequestActor,
  ): Promise<JobRunDto> {
    const run = await done;
    await this.audit.record({ action, outcome: 'SUCCESS', actor, entityType: 'job', entityId: id, detail: { name: run.name }, ip });
    return toJobDto(run);
  }
}
