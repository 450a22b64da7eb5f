import { Body, HttpCode, Inject, Param } from '@nestjs/common';
import { parseCalendarDate } from '@crosslane/contracts';
import {} from '@nestjs/swagger';
import type { JobRunDto, MemberProfileDetailDto, MemberProfileDto } from '@crosslane/contracts';
import { AuditService } from '../../core/audit/audit.service';
import { Actor, ALL_ROLES, EDITORS, RequestActor } from '../../core/auth/auth.decorators';
import { ListEndpoint, ListPage, ListRequest } from '../../core/http/list-query';
import { GetRoute, PostRoute, SignedInController } from '../../core/http/route.decorators';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import { toJobDto } from '../../core/queue/job-run.mapper';
import { ComputeProfilesDto } from './dto/compute-profiles.dto';
import { PROFILE_SORTABLE, ProfilesService } from './profiles.service';
import { CLOCK, type Clock } from '../../core/clock/clock';

const PROFILE_LIST: ListEndpoint = {
  resource: 'profiles',
  sortable: PROFILE_SORTABLE,
  defaultSort: ['monetary', 'desc'],
  filters: { id: 'int64', fields: { q: 'text', segmentId: 'uuid' } },
};

@SignedInController('profiles', 'profiles')
export class ProfilesController {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly jobs: JobQueueService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @GetRoute('', ALL_ROLES, 'Member profiles (simple-REST; filter {q: member key prefix, segmentId})')
  list(@ListRequest(PROFILE_LIST) page: ListPage): Promise<MemberProfileDto[]> {
    return page.answer(this.profiles.list(page.query));
  }

  @GetRoute(':memberId', ALL_ROLES, 'One member: RFM, affinities, spend, car interest, segments and recent interactions')
  get(@Param('memberId') memberId: string): Promise<MemberProfileDetailDto> {
    return this.profiles.get(memberId);
  }

  @PostRoute('compute', EDITORS, 'Queue the profile job (compute-profiles) as of a date (default now)')
  @HttpCode(202)
  async compute(@Body() body: ComputeProfilesDto, @Actor() { account: actor, ip }: RequestActor): Promise<JobRunDto> {
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
