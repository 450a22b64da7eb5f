import { Body, HttpCode, Param } from '@nestjs/common';
import {} from '@nestjs/swagger';
import type { FunnelRunResponse, RetentionRunResponse, SavedFunnelDto, SegmentDto } from '@crosslane/contracts';
import { Actor, ALL_ROLES, AuthenticatedAccount, CurrentAccount, RequestActor } from '../../core/auth/auth.decorators';
import { ListEndpoint, ListPage, ListRequest } from '../../core/http/list-query';
import { DeleteRoute, GetRoute, PostRoute, PutRoute, SignedInController } from '../../core/http/route.decorators';
import { DropOffSegmentDto, RunFunnelDto, RunRetentionDto, SaveFunnelDto, UpdateFunnelDto } from './dto/journeys.dto';
import { FUNNEL_SORTABLE, FunnelsService } from './funnels.service';

const FUNNEL_LIST: ListEndpoint = {
  resource: 'funnels',
  sortable: FUNNEL_SORTABLE,
  defaultSort: ['name', 'asc'],
  filters: { id: 'uuid', fields: { q: 'text' } },
};

// Every role analyses; analysts also save funnels and make segments from a drop-off, the work the journeys screens are for (docs/journeys.md).
@SignedInController('funnels', 'journeys')
export class FunnelsController {
  constructor(private readonly funnels: FunnelsService) {}

  @PostRoute('run', ALL_ROLES, 'Compute a funnel (live when small, else 200 with a job id); 400 names the step and field of each problem')
  @HttpCode(200)
  run(@Body() body: RunFunnelDto, @CurrentAccount() actor: AuthenticatedAccount): Promise<FunnelRunResponse> {
    return this.funnels.run(body, actor);
  }

  @PostRoute('drop-off-segment', ALL_ROLES, 'Make a rule segment of the members who reached a step but not the next within the window')
  dropOff(@Body() body: DropOffSegmentDto, @Actor() actor: RequestActor): Promise<SegmentDto> {
    return this.funnels.dropOffSegment(body, actor.account, actor.ip);
  }

  @GetRoute('', ALL_ROLES, 'Saved funnels (simple-REST; filter {q})')
  list(@ListRequest(FUNNEL_LIST) page: ListPage): Promise<SavedFunnelDto[]> {
    return page.answer(this.funnels.list(page.query));
  }

  @GetRoute(':id', ALL_ROLES)
  get(@Param('id') id: string): Promise<SavedFunnelDto> {
    return this.funnels.get(id);
  }

  @PostRoute('', ALL_ROLES, 'Save a funnel (audited)')
  create(@Body() body: SaveFunnelDto, @Actor() actor: RequestActor): Promise<SavedFunnelDto> {
    return this.funnels.create(body, actor.account, actor.ip);
  }

  @PutRoute(':id', ALL_ROLES, 'Change a saved funnel (analysts: their own; audited)')
  update(@Param('id') id: string, @Body() body: UpdateFunnelDto, @Actor() actor: RequestActor): Promise<SavedFunnelDto> {
    return this.funnels.update(id, body, actor.account, actor.ip);
  }

  @DeleteRoute(':id', ALL_ROLES, 'Delete a saved funnel (analysts: their own; audited)')
  async remove(@Param('id') id: string, @Actor() actor: RequestActor): Promise<{ id: string }> {
    await this.funnels.remove(id, actor.account, actor.ip);
    return { id };
  }
}

@SignedInController('retention', 'journeys')
export class RetentionController {
  constructor(private readonly funnels: FunnelsService) {}

  @PostRoute('run', ALL_ROLES, 'Retention cohorts (weekly or monthly, by first interaction, join date or first partner purchase)')
  @HttpCode(200)
  run(@Body() body: RunRetentionDto, @CurrentAccount() actor: AuthenticatedAccount): Promise<RetentionRunResponse> {
    return this.funnels.runRetention(body, actor);
  }
}
