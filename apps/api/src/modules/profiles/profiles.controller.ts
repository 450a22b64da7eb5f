import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { parseCalendarDate } from '@crosslane/contracts';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JobRunDto, MemberProfileDetailDto, MemberProfileDto } from '@crosslane/contracts';
import { AuditService } from '../../core/audit/audit.service';
import { ALL_ROLES, AuthenticatedAccount, ClientIp, CurrentAccount, Roles } from '../../core/auth/auth.decorators';
import { parseListQuery, RawListQuery, setListHeaders } from '../../core/http/list-query';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import { toJobDto } from '../../core/queue/job-run.mapper';
import { ComputeProfilesDto } from './dto/compute-profiles.dto';
import { PROFILE_SORTABLE, ProfilesService } from './profiles.service';
import { CLOCK, type Clock } from '../../core/clock/clock';

@ApiTags('profiles')
@ApiBearerAuth()
@Controller('profiles')
export class ProfilesController {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly jobs: JobQueueService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Member profiles (simple-REST; filter {q: member key prefix, segmentId})' })
  async list(
    @Query() raw: RawListQuery,
    @Res({ passthrough: true }) reply: { header(n: string, v: string): unknown },
  ): Promise<MemberProfileDto[]> {
    const query = parseListQuery(raw, PROFILE_SORTABLE, ['monetary', 'desc'], { id: 'int64', fields: { q: 'text', segmentId: 'uuid' } });
    const { rows, total } = await this.profiles.list(query);
    setListHeaders(reply, 'profiles', query, total);
    return rows;
  }

  @Get(':memberId')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One member: RFM, affinities, spend, car interest, segments and recent interactions' })
  get(@Param('memberId') memberId: string): Promise<MemberProfileDetailDto> {
    return this.profiles.get(memberId);
  }

  @Post('compute')
  @HttpCode(202)
  @Roles('ADMIN', 'MANAGER')
  @ApiOperation({ summary: 'Queue the profile job (compute-profiles) as of a date (default now)' })
  async compute(
    @Body() body: ComputeProfilesDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<JobRunDto> {
    const asOf = body.asOf ? parseCalendarDate(body.asOf)!.toISOString() : this.clock.now().toISOString();
    const run = await this.jobs.enqueue(JobName.ComputeProfiles, { asOf }, { requestedBy: actor.id });
    await this.audit.record({
      action: 'profiles.compute.request',
      outcome: 'SUCCESS',
      actor,
      entityType: 'job',
      entityId: run.id,
      detail: { asOf },
      ip,
    });
    return toJobDto(run);
  }
}
