import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JobRunDto } from '@crosslane/contracts';
import { JobStatus, Prisma, type JobRun } from '@crosslane/db';
import { AuditService } from '../../core/audit/audit.service';
import { ALL_ROLES, AuthenticatedAccount, ClientIp, CurrentAccount, Roles } from '../../core/auth/auth.decorators';
import { PrismaService } from '../../core/database/prisma.service';
import { enumFilter, parseListQuery, RawListQuery, setListHeaders, stringFilter, whereIdIn } from '../../core/http/list-query';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { toJobDto } from '../../core/queue/job-run.mapper';
import { findOr404 } from '../../core/http/ids';

const SORTABLE = ['createdAt', 'startedAt', 'finishedAt', 'name', 'status', 'queue', 'progress'] as const;
const STATUSES = Object.values(JobStatus);

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: JobQueueService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'List jobs, newest first (filter {status, name, queue})' })
  async list(
    @Query() raw: RawListQuery,
    @Res({ passthrough: true }) reply: { header(n: string, v: string): unknown },
  ): Promise<JobRunDto[]> {
    const query = parseListQuery(raw, SORTABLE, ['createdAt', 'desc'], {
      id: 'uuid',
      fields: { status: STATUSES, name: 'text', queue: 'text' },
    });
    const where: Prisma.JobRunWhereInput = {
      ...whereIdIn(query),
      status: enumFilter(query.filter, 'status', STATUSES),
      name: stringFilter(query.filter, 'name'),
      queue: stringFilter(query.filter, 'queue'),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.jobRun.findMany({ where, skip: query.skip, take: query.take, orderBy: { [query.sortField]: query.sortOrder } }),
      this.prisma.jobRun.count({ where }),
    ]);
    setListHeaders(reply, 'jobs', query, total);
    return rows.map(toJobDto);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One job with its progress, result or error' })
  async get(@Param('id') id: string): Promise<JobRunDto> {
    return toJobDto(await findOr404(id, 'job', (uuid) => this.prisma.jobRun.findUnique({ where: { id: uuid } })));
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('ADMIN', 'MANAGER')
  @ApiOperation({ summary: 'Run a failed or cancelled job again' })
  retry(@Param('id') id: string, @CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null): Promise<JobRunDto> {
    return this.audited('job.retry', this.queue.retry(id), id, actor, ip);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('ADMIN', 'MANAGER')
  @ApiOperation({ summary: 'Cancel a queued job, or ask a running one to stop at its next checkpoint' })
  cancel(@Param('id') id: string, @CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null): Promise<JobRunDto> {
    return this.audited('job.cancel', this.queue.cancel(id), id, actor, ip);
  }

  /** A person's action on a job, recorded with the job's name once the queue has done it (a refused one throws first and is not recorded). */
  private async audited(
    action: 'job.retry' | 'job.cancel',
    done: Promise<JobRun>,
    id: string,
    actor: AuthenticatedAccount,
    ip: string | null,
  ): Promise<JobRunDto> {
    const run = await done;
    await this.audit.record({ action, outcome: 'SUCCESS', actor, entityType: 'job', entityId: id, detail: { name: run.name }, ip });
    return toJobDto(run);
  }
}
